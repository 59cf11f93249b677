/**
 * Signaling messages in exactly the shape tickwire's PeerJS peers send them (see
 * peer-server/src/signal-shape.ts), for raw sockets to send, and a way to collect what arrives.
 * The session descriptions and candidates are real ones, from node-datachannel; tests that need
 * them fresh make their own.
 */
import type WebSocket from 'ws';

/** A data-only offer as node-datachannel makes it (its ICE credentials and fingerprint are made up). */
export const NODE_OFFER_SDP = [
  'v=0',
  'o=rtc 2848131207 0 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'a=group:BUNDLE 0',
  'a=msid-semantic:WMS *',
  'a=ice-options:ice2,trickle',
  'a=fingerprint:sha-256 4A:81:52:A0:A6:3C:C6:C6:FE:49:31:55:23:7C:CC:35:DD:51:7C:DA:D5:0D:4D:74:FF:A1:19:83:40:57:1B:74',
  'm=application 9 UDP/DTLS/SCTP webrtc-datachannel',
  'c=IN IP4 0.0.0.0',
  'a=mid:0',
  'a=sendrecv',
  'a=sctp-port:5000',
  'a=max-message-size:262144',
  'a=setup:actpass',
  'a=ice-ufrag:rE1w',
  'a=ice-pwd:fNsUmG3GHBNKhp/gOJPCL3',
  '',
].join('\r\n');

/** `{"type":"OFFER",...}` as PeerJS's `_makeOffer` sends it for a tickwire connection. */
export function offerMessage(dst: string, connectionId = 'dc_k3j9x0q2mz', sdp = NODE_OFFER_SDP): Record<string, unknown> {
  return {
    type: 'OFFER',
    payload: { sdp: { sdp, type: 'offer' }, type: 'data', connectionId, label: connectionId, reliable: true, serialization: 'tickwire' },
    dst,
  };
}

/** `{"type":"ANSWER",...}` as PeerJS's `_makeAnswer` sends it. */
export function answerMessage(dst: string, connectionId: string, sdp: string): Record<string, unknown> {
  return { type: 'ANSWER', payload: { sdp: { sdp, type: 'answer' }, type: 'data', connectionId }, dst };
}

/** `{"type":"CANDIDATE",...}` as PeerJS's `onicecandidate` sends it, with node-datachannel's candidate fields. */
export function candidateMessage(dst: string, connectionId: string, port = 50181): Record<string, unknown> {
  return {
    type: 'CANDIDATE',
    payload: {
      candidate: { candidate: `a=candidate:1 1 UDP 2114977791 192.0.2.2 ${port} typ host`, sdpMLineIndex: null, sdpMid: '0', usernameFragment: null },
      type: 'data',
      connectionId,
    },
    dst,
  };
}

/** Every message a socket receives from now on, parsed. */
export function inbox(socket: WebSocket): Record<string, unknown>[] {
  const received: Record<string, unknown>[] = [];
  socket.on('message', (data) => received.push(JSON.parse(String(data)) as Record<string, unknown>));
  return received;
}

/** The connection id of a relayed OFFER, ANSWER or CANDIDATE, for telling messages apart. */
export function connectionIdOf(message: Record<string, unknown>): unknown {
  const payload = message.payload;
  return typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>).connectionId : undefined;
}
