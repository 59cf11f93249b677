import * as webrtc from 'node-datachannel/polyfill';
import { WebSocket } from 'ws';

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
    WebSocket,
  };
  for (const [name, value] of Object.entries(provided)) {
    if (globals[name] === undefined) globals[name] = value;
  }
}
