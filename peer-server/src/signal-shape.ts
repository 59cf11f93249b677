/**
 * The shape of every signaling message a client may send the broker: exactly what tickwire's own
 * PeerJS 1.5 peers send, and nothing else. PeerJS trusts whatever its broker hands it: an offer that
 * names a serialization it does not know makes it call `undefined` as a constructor inside its
 * WebSocket listener (in Node the process dies), and it keeps every answer and candidate it is
 * given, for connections it never had, forever. So the broker relays no message a real peer would
 * not make. What PeerJS sends (node_modules/peerjs, `_makeOffer`, `_makeAnswer`, `onicecandidate`
 * and its Socket), after JSON has dropped `undefined` fields:
 *
 *   {"type":"HEARTBEAT"}                                         every 5 s; PeerServer relays it nowhere
 *   {"type":"OFFER","dst","payload":{"sdp":{"sdp","type":"offer"},"type":"data","connectionId",
 *                                    "label","reliable":true,"serialization":"tickwire"}}
 *   {"type":"ANSWER","dst","payload":{"sdp":{"sdp","type":"answer"},"type":"data","connectionId"}}
 *   {"type":"CANDIDATE","dst","payload":{"candidate":{"candidate","sdpMid","sdpMLineIndex",
 *                                        "usernameFragment"},"type":"data","connectionId"}}
 *
 * tickwire opens one reliable data connection per peer under its own serialization, `"tickwire"`,
 * without metadata; it never makes media calls. Unknown keys are refused at every level: the real
 * messages have none (test/integration/broker/signal-relay.test.ts checks this against real peers),
 * and a key the broker does not know is one it cannot say is harmless. A client never sends LEAVE,
 * EXPIRE or any other type: those go from PeerServer to clients, and a client-sent LEAVE or EXPIRE
 * would be relayed to its `dst` as if PeerServer had said it.
 */
import { PEER_ID_CHARS } from './peer-ids.js';

/** The serialization tickwire's peers open their PeerJS data connection with. */
export const TICKWIRE_SERIALIZATION = 'tickwire';

/**
 * The longest session description, in characters. A data-only offer or answer is about 460
 * characters from Chromium and 560 from node-datachannel (PeerJS sends the one `createOffer` made,
 * before any candidate is in it); 8 KiB leaves room for a browser that lists many more attributes,
 * and stays under half of the default 16 KiB message cap.
 */
export const MAX_SDP_CHARS = 8192;
/** The longest ICE candidate line; real ones are 60 to 160 characters (relay ones with raddr the longest). */
export const MAX_CANDIDATE_CHARS = 512;
/** The longest data channel label; PeerJS uses the connection id for it unless told otherwise. */
export const MAX_LABEL_CHARS = 64;
/** The longest media id (`sdpMid`, "0" in practice) and ICE username fragment (at most 256 by RFC 8839). */
const MAX_MID_CHARS = 64;
const MAX_UFRAG_CHARS = 256;
/** An `m=` line index; a data-only description has exactly one, index 0. */
const MAX_MLINE_INDEX = 63;
/** PeerJS makes `dc_` plus a base-36 random number (about 14 characters in all). */
const CONNECTION_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A message that may pass on to PeerServer. */
export type Signal =
  | { readonly type: 'HEARTBEAT' }
  | { readonly type: 'OFFER' | 'ANSWER' | 'CANDIDATE'; readonly dst: string; readonly connectionId: string };

/** The verdict on one message; `why` is for tests and debugging, never sent to anyone. */
export type SignalCheck = { readonly ok: true; readonly signal: Signal } | { readonly ok: false; readonly why: string };

type Fields = Readonly<Record<string, unknown>>;

function record(value: unknown): Fields | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : undefined;
}

/** Whether `fields` has no key outside `allowed`. */
function onlyKeys(fields: Fields, allowed: readonly string[]): boolean {
  return Object.keys(fields).every((key) => allowed.includes(key));
}

function text(value: unknown, min: number, max: number): value is string {
  return typeof value === 'string' && value.length >= min && value.length <= max;
}

function optionalText(value: unknown, max: number): boolean {
  return value === undefined || value === null || text(value, 0, max);
}

function description(value: unknown, type: 'offer' | 'answer'): boolean {
  const sdp = record(value);
  return sdp !== undefined && onlyKeys(sdp, ['sdp', 'type']) && sdp.type === type && text(sdp.sdp, 1, MAX_SDP_CHARS);
}

function candidate(value: unknown): boolean {
  const c = record(value);
  if (!c || !onlyKeys(c, ['candidate', 'sdpMid', 'sdpMLineIndex', 'usernameFragment'])) return false;
  // PeerJS never sends the empty end-of-candidates marker: it skips candidates with no text.
  if (!text(c.candidate, 1, MAX_CANDIDATE_CHARS)) return false;
  const index = c.sdpMLineIndex;
  const indexOk = index === undefined || index === null || (Number.isInteger(index) && (index as number) >= 0 && (index as number) <= MAX_MLINE_INDEX);
  return indexOk && optionalText(c.sdpMid, MAX_MID_CHARS) && optionalText(c.usernameFragment, MAX_UFRAG_CHARS);
}

/** Why a relayed payload is not one tickwire makes, or undefined when it is. */
function payloadProblem(type: 'OFFER' | 'ANSWER' | 'CANDIDATE', payload: Fields): string | undefined {
  if (payload.type !== 'data') return 'not a data connection';
  switch (type) {
    case 'OFFER':
      if (!onlyKeys(payload, ['sdp', 'type', 'connectionId', 'label', 'reliable', 'serialization'])) return 'unknown keys in the offer';
      if (payload.serialization !== TICKWIRE_SERIALIZATION) return "not tickwire's serialization";
      if (payload.reliable !== true) return 'not a reliable connection';
      if (!text(payload.label, 1, MAX_LABEL_CHARS)) return 'no usable label';
      return description(payload.sdp, 'offer') ? undefined : 'no usable offer';
    case 'ANSWER':
      if (!onlyKeys(payload, ['sdp', 'type', 'connectionId'])) return 'unknown keys in the answer';
      return description(payload.sdp, 'answer') ? undefined : 'no usable answer';
    case 'CANDIDATE':
      if (!onlyKeys(payload, ['candidate', 'type', 'connectionId'])) return 'unknown keys in the candidate';
      return candidate(payload.candidate) ? undefined : 'no usable candidate';
  }
}

/** Checks one decoded message from a client; see the file comment. */
export function checkSignal(value: unknown): SignalCheck {
  const refuse = (why: string): SignalCheck => ({ ok: false, why });
  const message = record(value);
  if (!message) return refuse('not an object');
  const { type } = message;
  if (type === 'HEARTBEAT') return onlyKeys(message, ['type']) ? { ok: true, signal: { type } } : refuse('unknown keys in a heartbeat');
  if (type !== 'OFFER' && type !== 'ANSWER' && type !== 'CANDIDATE') return refuse('not a type a client sends');
  if (!onlyKeys(message, ['type', 'dst', 'payload'])) return refuse(`unknown keys in ${type}`);
  const { dst } = message;
  if (!text(dst, 1, PEER_ID_CHARS)) return refuse(`${type} without a usable dst`);
  const payload = record(message.payload);
  if (!payload) return refuse(`${type} without a payload object`);
  const { connectionId } = payload;
  if (typeof connectionId !== 'string' || !CONNECTION_ID.test(connectionId)) return refuse(`${type} without a usable connection id`);
  const problem = payloadProblem(type, payload);
  return problem === undefined ? { ok: true, signal: { type, dst, connectionId } } : refuse(`${type}: ${problem}`);
}

/**
 * Checks one WebSocket message as `ws` hands it over. PeerJS sends text frames only; PeerServer
 * would read a binary frame as text all the same, so one is refused here rather than judged.
 */
export function readSignal(data: unknown, isBinary: boolean): SignalCheck {
  if (isBinary || !Buffer.isBuffer(data)) return { ok: false, why: 'not a text frame' };
  let decoded: unknown;
  try {
    decoded = JSON.parse(data.toString('utf8'));
  } catch {
    return { ok: false, why: 'not JSON' };
  }
  return checkSignal(decoded);
}
