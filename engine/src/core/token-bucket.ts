/**
 * A token bucket: `ratePerSec` tokens flow in, up to `burst`; each message takes one. A sender
 * within its rate never notices it; a flood empties the bucket and is refused from then on at
 * the cost of one comparison per message. Time comes in as an argument, so it is deterministic.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    readonly ratePerSec: number,
    readonly burst: number,
    nowMs: number,
  ) {
    if (!(ratePerSec > 0) || !(burst >= 1)) throw new RangeError(`a token bucket needs ratePerSec > 0 and burst >= 1, got ${ratePerSec} and ${burst}`);
    this.tokens = burst;
    this.updatedAt = nowMs;
  }

  /** Takes a token if there is one. */
  take(nowMs: number): boolean {
    const elapsed = Math.max(0, nowMs - this.updatedAt);
    this.tokens = Math.min(this.burst, this.tokens + (elapsed * this.ratePerSec) / 1000);
    this.updatedAt = Math.max(this.updatedAt, nowMs);
    if (this.tokens < 1) return false;
    this.tokens--;
    return true;
  }
}
