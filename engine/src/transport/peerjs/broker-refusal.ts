/**
 * Which answers of a broker mean it will never take a peer back under its id, so that trying again
 * is pointless:
 *   - the id was issued under another secret: a tickwire broker restarted with another one (or with
 *     none set, when each start makes its own) refuses it, in its own words;
 *   - another peer holds the id (PeerServer's ID-TAKEN, PeerJS `unavailable-id`);
 *   - the broker's key is not the one the peer connected with (PeerServer's "Invalid key provided",
 *     or PeerJS `invalid-key`), or the id is malformed (`invalid-id`).
 * PeerJS reports a broker's own refusal as a `server-error` carrying the broker's words: those words
 * are what tells a refusal apart from a broker that is only unreachable or busy (too many
 * connections from one address, say), which a later try may get past.
 */
import { NetError } from '../../core/net-error.js';

/** A PeerJS error as it reaches an `error` listener. */
export interface PeerErrorLike {
  readonly type?: unknown;
  readonly message?: unknown;
}

interface Refusal {
  /** PeerJS's error type. */
  readonly type: string;
  /** The broker's words, when the type alone does not say it (`server-error`). */
  readonly words?: RegExp;
  /** What it means, for the error message. */
  readonly why: string;
}

const NOT_ISSUED = "the peer's id was made under another broker secret (the broker restarted with another secret, or with none set)";
const WRONG_KEY = "the broker's key is not the one this peer connected with (the broker restarted with another --peer-key)";

const REFUSALS: readonly Refusal[] = [
  { type: 'server-error', words: /was not issued by this broker/, why: NOT_ISSUED },
  { type: 'server-error', words: /^Invalid key provided$/, why: WRONG_KEY },
  { type: 'invalid-key', why: WRONG_KEY },
  { type: 'unavailable-id', why: "another peer holds this peer's id on the broker now" },
  { type: 'invalid-id', why: "the broker finds this peer's id invalid" },
];

/**
 * The final error for a PeerJS error that is a refusal for good (see the file comment), or undefined
 * for any other error.
 */
export function brokerRefusal(error: PeerErrorLike): NetError | undefined {
  const words = typeof error.message === 'string' ? error.message : '';
  const refusal = REFUSALS.find((r) => r.type === error.type && (r.words === undefined || r.words.test(words)));
  if (refusal === undefined) return undefined;
  return new NetError('broker_refused', `the broker refuses this peer for good, and it stopped reconnecting: ${refusal.why} (PeerJS: ${words || refusal.type})`, {
    cause: error,
  });
}

/** Whether a PeerJS error is a refusal for good (which the broker watch reports, and nothing else should). */
export function isBrokerRefusal(error: PeerErrorLike): boolean {
  return brokerRefusal(error) !== undefined;
}
