/**
 * One token bucket: it holds up to `burst` tokens, starts full and earns `perSecond` back each
 * second. Unlike rate-limiter.ts (a bucket per client address, its burst equal to a minute's worth)
 * this is one bucket for one owner that keeps it, such as a signaling socket, with its burst set
 * apart from its rate.
 */

export interface TokenBucketOptions {
  readonly perSecond: number;
  readonly burst: number;
  /** Milliseconds on a monotonic timeline; injectable for tests. */
  readonly now?: (() => number) | undefined;
}

/** Spends one token per event; see the file comment. */
export class TokenBucket {
  readonly #perMs: number;
  readonly #burst: number;
  readonly #now: () => number;
  #tokens: number;
  #at: number;

  constructor(options: TokenBucketOptions) {
    this.#perMs = options.perSecond / 1000;
    this.#burst = options.burst;
    this.#now = options.now ?? (() => performance.now());
    this.#tokens = options.burst;
    this.#at = this.#now();
  }

  /** Spends one token; false when there is none (the event must be refused). */
  take(): boolean {
    const now = this.#now();
    this.#tokens = Math.min(this.#burst, this.#tokens + (now - this.#at) * this.#perMs);
    this.#at = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}
