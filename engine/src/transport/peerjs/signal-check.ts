/**
 * The shape of what the broker may hand a peer, checked before PeerJS sees it. PeerJS trusts its
 * signaling socket: an offer naming an unknown serialization makes it call `undefined` as a
 * constructor, an `ERROR` with no payload makes it read a property of `undefined`, and answers and
 * candidates for connections it does not have are kept forever. Only what tickwire's own peers
 * send (see the broker's check of the same shapes) gets through.
 */
import { META_SERIALIZATION } from './meta-connection.js';

/** The longest session description taken; a data-only one is under 1 KiB. */
export const MAX_SDP_CHARS = 8192;
/** The longest ICE candidate line taken; real ones are about 100 characters. */
export const MAX_CANDIDATE_CHARS = 512;
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const SRC_MAX_CHARS = 128;

export type CheckedSignal =
  /** From the broker itself: the id was accepted, refused or is in use. */
  | { readonly type: 'OPEN' | 'ERROR' | 'ID-TAKEN' | 'INVALID-KEY' }
  /** A peer left the broker, or a message to it expired there. */
  | { readonly type: 'LEAVE' | 'EXPIRE'; readonly src: string }
  | { readonly type: 'OFFER' | 'ANSWER' | 'CANDIDATE'; readonly src: string; readonly connectionId: string };

export type SignalCheck = { readonly ok: true; readonly signal: CheckedSignal } | { readonly ok: false; readonly src: string | undefined; readonly why: string };

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function text(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length <= max;
}

function description(value: unknown, type: 'offer' | 'answer'): boolean {
  const sdp = record(value);
  return sdp !== undefined && sdp.type === type && text(sdp.sdp, MAX_SDP_CHARS);
}

function candidate(value: unknown): boolean {
  const c = record(value);
  if (!c || !text(c.candidate, MAX_CANDIDATE_CHARS)) return false;
  const mid = c.sdpMid;
  const index = c.sdpMLineIndex;
  return (mid === undefined || mid === null || text(mid, 64)) && (index === undefined || index === null || (Number.isInteger(index) && (index as number) >= 0 && (index as number) < 64));
}

/** Why a relayed payload is not one tickwire makes, or undefined when it is. */
function payloadProblem(type: 'OFFER' | 'ANSWER' | 'CANDIDATE', payload: Record<string, unknown>): string | undefined {
  if (payload.type !== 'data') return 'not a data connection';
  switch (type) {
    case 'OFFER':
      if (payload.serialization !== META_SERIALIZATION) return `serialization "${String(payload.serialization).slice(0, 32)}" is not tickwire's`;
      if (payload.reliable !== true) return 'not a reliable connection';
      if (payload.metadata !== undefined) return 'carries metadata';
      if (!text(payload.label, 64)) return 'no label';
      return description(payload.sdp, 'offer') ? undefined : 'no usable offer';
    case 'ANSWER':
      return description(payload.sdp, 'answer') ? undefined : 'no usable answer';
    case 'CANDIDATE':
      return candidate(payload.candidate) ? undefined : 'no usable candidate';
  }
}

/** Checks one message from the signaling socket; see the file comment. */
export function checkSignal(value: unknown): SignalCheck {
  const message = record(value);
  const type = message?.type;
  const src = message !== undefined && text(message.src, SRC_MAX_CHARS) ? message.src : undefined;
  const refuse = (why: string): SignalCheck => ({ ok: false, src, why });
  if (!message || typeof type !== 'string') return refuse('not a signaling message');
  switch (type) {
    case 'OPEN':
    case 'ID-TAKEN':
    case 'INVALID-KEY':
      return { ok: true, signal: { type } };
    case 'ERROR':
      return text(record(message.payload)?.msg, 1000) ? { ok: true, signal: { type } } : refuse('an error without a message');
    case 'LEAVE':
    case 'EXPIRE':
      return src === undefined ? refuse(`${type} without a sender`) : { ok: true, signal: { type, src } };
    case 'OFFER':
    case 'ANSWER':
    case 'CANDIDATE': {
      const payload = record(message.payload);
      if (src === undefined) return refuse(`${type} without a sender`);
      if (!payload || typeof payload.connectionId !== 'string' || !ID.test(payload.connectionId)) return refuse(`${type} without a connection id`);
      const problem = payloadProblem(type, payload);
      return problem === undefined ? { ok: true, signal: { type, src, connectionId: payload.connectionId } } : refuse(`${type}: ${problem}`);
    }
    default:
      return refuse(`unknown type "${type.slice(0, 32)}"`);
  }
}
