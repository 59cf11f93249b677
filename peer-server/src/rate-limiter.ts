/**
 * A token bucket per key (a client address): each key may spend `perMinute` requests at once, and
 * earns them back at `perMinute` a minute. Memory is bounded: a bucket that has filled up again
 * is the same as no bucket and is forgotten, and past `maxKeys` the oldest bucket goes first.
 */

interface Bucket {
  tokens: number;
  at: number;
}

export interface RateLimiterOptions {
  readonly perMinute: number;
  /** The most keys remembered at once. */
  readonly maxKeys?: number;
  /** Milliseconds on a monotonic timeline; injectable for tests. */
  readonly now?: () => number;
}

/** Per-key request budget; see the file comment. */
export class RateLimiter {
  readonly #buckets = new Map<string, Bucket>();
  readonly #perMinute: number;
  readonly #maxKeys: number;
  readonly #now: () => number;

  constructor(options: RateLimiterOptions) {
    this.#perMinute = options.perMinute;
    this.#maxKeys = options.maxKeys ?? 10_000;
    this.#now = options.now ?? (() => performance.now());
  }

  /** Keys with a bucket that is not full. */
  get size(): number {
    return this.#buckets.size;
  }

  /** Spends one request for `key`; false when its budget is used up (the request must be refused). */
  take(key: string): boolean {
    const now = this.#now();
    const bucket = this.#buckets.get(key);
    const tokens = bucket ? Math.min(this.#perMinute, bucket.tokens + ((now - bucket.at) * this.#perMinute) / 60_000) : this.#perMinute;
    if (tokens < 1 && bucket) {
      bucket.tokens = tokens;
      bucket.at = now;
      return false;
    }
    this.#buckets.delete(key);
    this.#prune(now);
    this.#buckets.set(key, { tokens: tokens - 1, at: now });
    return true;
  }

  /** Milliseconds until `key` may make a request again (0 when it may now). */
  retryAfterMs(key: string): number {
    const bucket = this.#buckets.get(key);
    if (!bucket || bucket.tokens >= 1) return 0;
    return Math.ceil(((1 - bucket.tokens) * 60_000) / this.#perMinute);
  }

  #prune(now: number): void {
    // Map order is insertion order and take() re-inserts, so the first keys are the least recent.
    for (const [key, bucket] of this.#buckets) {
      const full = bucket.tokens + ((now - bucket.at) * this.#perMinute) / 60_000 >= this.#perMinute;
      if (!full && this.#buckets.size < this.#maxKeys) break;
      this.#buckets.delete(key);
    }
  }
}
