import * as webrtc from 'node-datachannel/polyfill';
import { WebSocket } from 'ws';

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

/**
 * Puts `RTCPeerConnection` and its companions (node-datachannel) and `WebSocket` (ws) on
 * `globalThis` where Node lacks them. Globals that already exist are left alone.
 */
export function installNodeGlobals(): void {
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
