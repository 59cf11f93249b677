/**
 * The `voice` message: the signaling of the players' voice links (WebRTC offers, answers and ICE
 * candidates, and who has voice on), relayed by the host between seated players over `control`.
 * Its type, its wire array and its validation live here together, because the signal inside is a
 * small union of its own. A client sends `[15, to, signal]`; the host relays it as
 * `[15, from, signal]`, naming the sender from the connection it came on, never from the payload.
 */
import { MAX_PLAYER_ID } from './message-limits.js';
import { accept, refuse, type ParseResult } from './result.js';
import { isBoundedString, isUint } from './wire-checks.js';

/** The longest session description a voice signal carries (an audio-only offer is 2 to 5 KB). */
export const MAX_VOICE_SDP_LENGTH = 16_384;
/** The longest ICE candidate line a voice signal carries. */
export const MAX_VOICE_CANDIDATE_LENGTH = 512;
/** The longest media id (`sdpMid`) of a candidate. */
export const MAX_VOICE_MID_LENGTH = 32;
/** The largest link number: a player numbers the links it offers, and signals name theirs. */
export const MAX_VOICE_LINK = 0xffffffff;

/** Signal codes, the first element of a signal array. */
export const VoiceSignalCode = { hello: 1, bye: 2, offer: 3, answer: 4, candidate: 5 } as const;

/**
 * One voice signal between two players:
 * - `hello`: the sender has voice on; `reply` is false when it wants a `hello` back (it has just
 *   turned voice on, or met this player), true when it is the answer to one;
 * - `bye`: the sender turned voice off: close the link with it;
 * - `offer` / `answer`: a session description for link number `link`;
 * - `candidate`: an ICE candidate for link `link` (an empty `candidate` ends the candidates).
 */
export type VoiceSignal =
  | { readonly type: 'hello'; readonly reply: boolean }
  | { readonly type: 'bye' }
  | { readonly type: 'offer'; readonly link: number; readonly sdp: string }
  | { readonly type: 'answer'; readonly link: number; readonly sdp: string }
  | {
      readonly type: 'candidate';
      readonly link: number;
      readonly candidate: string;
      readonly sdpMid: string | null;
      readonly sdpMLineIndex: number | null;
    };

/** Either way, `control`: a voice signal to (client → host) or from (host → client) player `peer`. */
export interface VoiceMessage {
  readonly kind: 'voice';
  /** To whom (client → host), or from whom (host → client) (uint16). */
  readonly peer: number;
  readonly signal: VoiceSignal;
}

/** The wire array of a signal. */
export function voiceSignalToWire(signal: VoiceSignal): unknown[] {
  switch (signal.type) {
    case 'hello':
      return [VoiceSignalCode.hello, signal.reply];
    case 'bye':
      return [VoiceSignalCode.bye];
    case 'offer':
      return [VoiceSignalCode.offer, signal.link, signal.sdp];
    case 'answer':
      return [VoiceSignalCode.answer, signal.link, signal.sdp];
    case 'candidate':
      return [VoiceSignalCode.candidate, signal.link, signal.candidate, signal.sdpMid, signal.sdpMLineIndex];
  }
}

/** `[15, peer, signal]`. */
export function parseVoice(w: readonly unknown[]): ParseResult<VoiceMessage> {
  if (w.length !== 3) return refuse(`voice: expected 3 elements, got ${w.length}`);
  const [, peer, wire] = w;
  if (!isUint(peer, MAX_PLAYER_ID)) return refuse('voice: bad peer');
  const signal = parseVoiceSignal(wire);
  return signal.ok ? accept({ kind: 'voice', peer, signal: signal.value }) : signal;
}

/** A signal from its wire array; never throws. */
export function parseVoiceSignal(wire: unknown): ParseResult<VoiceSignal> {
  if (!Array.isArray(wire) || wire.length === 0 || wire.length > 5) return refuse('voice: bad signal');
  const [code, link, text, mid, index] = wire as unknown[];
  switch (code) {
    case VoiceSignalCode.hello:
      return wire.length === 2 && typeof link === 'boolean' ? accept({ type: 'hello', reply: link }) : refuse('voice: bad hello');
    case VoiceSignalCode.bye:
      return wire.length === 1 ? accept({ type: 'bye' }) : refuse('voice: bad bye');
    case VoiceSignalCode.offer:
    case VoiceSignalCode.answer: {
      if (wire.length !== 3 || !isUint(link, MAX_VOICE_LINK) || !isBoundedString(text, MAX_VOICE_SDP_LENGTH) || text === '') {
        return refuse('voice: bad session description');
      }
      return accept({ type: code === VoiceSignalCode.offer ? 'offer' : 'answer', link, sdp: text });
    }
    case VoiceSignalCode.candidate: {
      const sdpMid = mid === null ? null : isBoundedString(mid, MAX_VOICE_MID_LENGTH) ? mid : undefined;
      const sdpMLineIndex = index === null ? null : isUint(index, 255) ? index : undefined;
      if (wire.length !== 5 || !isUint(link, MAX_VOICE_LINK) || !isBoundedString(text, MAX_VOICE_CANDIDATE_LENGTH) || sdpMid === undefined || sdpMLineIndex === undefined) {
        return refuse('voice: bad candidate');
      }
      return accept({ type: 'candidate', link, candidate: text, sdpMid, sdpMLineIndex });
    }
    default:
      return refuse('voice: unknown signal');
  }
}
