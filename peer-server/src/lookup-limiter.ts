/**
 * The budget of lobby lookups per client address, as the lobby API asks it: this broker's own
 * (rate-limiter.ts), or one that all brokers sharing a Redis count together
 * (cluster/cluster-lookups.ts).
 */
import type { RateLimiter } from './rate-limiter.js';

/** Whether a lookup may go ahead, and if not, when the address may ask again. */
export type LookupVerdict = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterMs: number };

/** Spends one lookup from an address's budget. */
export interface LookupLimiter {
  take(address: string): Promise<LookupVerdict>;
}

/** Answers from `limiter` at once. */
export function takeLocally(limiter: RateLimiter, address: string): LookupVerdict {
  return limiter.take(address) ? { allowed: true } : { allowed: false, retryAfterMs: limiter.retryAfterMs(address) };
}

/** A {@link LookupLimiter} over this broker's own {@link RateLimiter}. */
export function localLookups(limiter: RateLimiter): LookupLimiter {
  return { take: (address) => Promise.resolve(takeLocally(limiter, address)) };
}
