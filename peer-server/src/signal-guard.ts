/**
 * What one signaling socket may send, judged message by message before PeerServer reads it:
 *   1. a token from the socket's bucket, taken before the message is even parsed, so a flood costs
 *      the broker a subtraction per message and the peer it is aimed at nothing;
 *   2. the shape of a message tickwire's own peers send (signal-shape.ts).
 * A message that fails either is dropped and is a strike against the socket; at `maxStrikes` the
 * socket is cut. An honest peer never sends a malformed message and stays far inside its rate, so
 * strikes are never forgiven: a socket that collects this many is not one worth keeping.
 */
import { readSignal, type Signal } from './signal-shape.js';
import { TokenBucket } from './token-bucket.js';

export interface SignalGuardOptions {
  /** Messages a socket may send per second, on average. */
  readonly perSecond: number;
  /** Messages a socket may send at once, after a quiet spell. */
  readonly burst: number;
  /** Dropped messages after which the socket is cut. */
  readonly maxStrikes: number;
  /** Milliseconds on a monotonic timeline; injectable for tests. */
  readonly now?: () => number;
}

/** Why a message was dropped. */
export type DropReason = 'over-rate' | 'malformed';

export type SignalVerdict =
  | { readonly pass: true; readonly signal: Signal }
  /** `cut` is true exactly once: for the strike that reached the limit. */
  | { readonly pass: false; readonly reason: DropReason; readonly why: string; readonly cut: boolean }
  /** The socket was cut already: the message is ignored and counted nowhere. */
  | { readonly pass: false; readonly reason: 'cut' };

/** The judge for one socket's messages; see the file comment. */
export class SignalGuard {
  readonly #bucket: TokenBucket;
  readonly #maxStrikes: number;
  #strikes = 0;

  constructor(options: SignalGuardOptions) {
    this.#bucket = new TokenBucket({ perSecond: options.perSecond, burst: options.burst, now: options.now });
    this.#maxStrikes = options.maxStrikes;
  }

  /** Strikes so far. */
  get strikes(): number {
    return this.#strikes;
  }

  /** Judges one message as `ws` hands it over (its data and whether the frame was binary). */
  judge(data: unknown, isBinary: boolean): SignalVerdict {
    // A closing socket still delivers what was already on the wire; none of it counts any more.
    if (this.#strikes >= this.#maxStrikes) return { pass: false, reason: 'cut' };
    if (!this.#bucket.take()) return this.#strike('over-rate', 'over the rate');
    const check = readSignal(data, isBinary);
    return check.ok ? { pass: true, signal: check.signal } : this.#strike('malformed', check.why);
  }

  #strike(reason: DropReason, why: string): SignalVerdict {
    this.#strikes += 1;
    return { pass: false, reason, why, cut: this.#strikes >= this.#maxStrikes };
  }
}
