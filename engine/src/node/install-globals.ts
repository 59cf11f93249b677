import * as webrtc from 'node-datachannel/polyfill';
import { WebSocket } from 'ws';
import { guardListeners, type ListenerErrorHandler } from './guard-listeners.js';

/**
 * `ws`'s WebSocket as a browser's behaves on a failed connection. `ws` is an EventEmitter, so an
 * 'error' with no listener is thrown and ends the process; a browser's WebSocket just fires
 * `error` and then `close`. PeerJS listens only for `close` (which follows every error), so a peer
 * trying to reach a broker that is down would otherwise crash a Node process at its first refused try.
 */
class NodeWebSocket extends WebSocket {
  constructor(...args: ConstructorParameters<typeof WebSocket>) {
    super(...args);
    this.on('error', () => {});
  }
}

/** Listener throws reported so far, after which they are only counted. */
const REPORTED_THROWS = 5;
let thrown = 0;

/** Says the first few throws on the console, as a browser would, and counts the rest. */
const consoleReport: ListenerErrorHandler = (error, event) => {
  if (++thrown > REPORTED_THROWS) return;
  const more = thrown === REPORTED_THROWS ? ' (further ones are not reported)' : '';
  console.error(`tickwire: a '${event}' listener threw; the process goes on${more}:`, error);
};

let report: ListenerErrorHandler = consoleReport;

/** What `installNodeGlobals` takes. */
export interface NodeGlobalsOptions {
  /** Hears a throw from a WebRTC or WebSocket listener (default: the first five go to `console.error`). */
  readonly onListenerError?: ListenerErrorHandler;
}

/**
 * Puts `RTCPeerConnection` and its companions (node-datachannel) and `WebSocket` (ws) on
 * `globalThis` where Node lacks them. Globals that already exist are left alone. A listener on
 * these that throws is reported instead of ending the process, as in a browser.
 */
export function installNodeGlobals(options: NodeGlobalsOptions = {}): void {
  if (options.onListenerError) report = options.onListenerError;
  const current = () => report;
  guardListeners(webrtc.RTCPeerConnection.prototype, current);
  guardListeners(webrtc.RTCDataChannel.prototype, current);
  guardListeners(NodeWebSocket.prototype, current);
  const globals = globalThis as Record<string, unknown>;
  const provided: Record<string, unknown> = {
    RTCPeerConnection: webrtc.RTCPeerConnection,
    RTCSessionDescription: webrtc.RTCSessionDescription,
    RTCIceCandidate: webrtc.RTCIceCandidate,
    RTCDataChannel: webrtc.RTCDataChannel,
    RTCDataChannelEvent: webrtc.RTCDataChannelEvent,
    RTCPeerConnectionIceEvent: webrtc.RTCPeerConnectionIceEvent,
    WebSocket: NodeWebSocket,
  };
  for (const [name, value] of Object.entries(provided)) {
    if (globals[name] === undefined) globals[name] = value;
  }
}
