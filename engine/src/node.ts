/**
 * tickwire for Node: the same API as the browser entry, with WebRTC from node-datachannel and
 * WebSocket from `ws` installed as globals first, so headless peers (bots, a dedicated host, tests)
 * use the PeerJS transport unchanged.
 *
 * @module tickwire/node
 */
import { installNodeGlobals } from './node/install-globals.js';

installNodeGlobals();

export * from './index.js';
export { installNodeGlobals };
export type { NodeGlobalsOptions } from './node/install-globals.js';
export type { ListenerErrorHandler } from './node/guard-listeners.js';
