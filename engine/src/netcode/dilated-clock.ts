/**
 * A clock that follows a moving target time by running slightly fast or slow, never backwards.
 *
 * Both the client's tick clock and its render clock chase a target that moves in steps: every new
 * ping sample nudges the host clock estimate, the RTT and so the lead, and the interpolation delay
 * follows the measured jitter. Following the target directly would make time stutter and even run
 * backwards. This clock instead advances by real elapsed time multiplied by a speed in
 * `[1 - maxAdjust, 1 + maxAdjust]`, proportional to the error up to `fullAdjustMs` and saturated
 * beyond (time dilation). A steady error of `e` ms decays with a time constant of
 * `fullAdjustMs / maxAdjust` (1 s with the defaults of 50 ms and 5%), and no frame ever sees the
 * clock go backwards or leap.
 *
 * The only leap is forwards: more than `jumpMs` (default 1 s) behind, as after a hidden tab or at
 * the start, the clock jumps to the target, since catching up a second at +5% would take twenty.
 * Far ahead it only runs slow.
 */
import { checkRange } from './check-option.js';
import { clamp } from './numeric.js';

/** Tunables of {@link DilatedClock}. */
export interface DilatedClockOptions {
  /** Largest fractional change of speed, e.g. 0.05 for ±5%. Default 0.05; at most 0.5. */
  readonly maxAdjust?: number;
  /** Error (ms) at which the full `maxAdjust` applies; smaller errors steer proportionally. Default 50. */
  readonly fullAdjustMs?: number;
  /** Further behind the target than this (ms), the clock jumps forward to it. Default 1000. */
  readonly jumpMs?: number;
}

/** A monotonic clock that steers towards a target time by bending its speed. */
export class DilatedClock {
  private readonly maxAdjust: number;
  private readonly fullAdjustMs: number;
  /** How far behind the target the clock may fall before it jumps, in ms. */
  readonly jumpMs: number;
  private current = 0;
  private lastNowMs = 0;
  private rate = 1;
  private begun = false;
  private leaps = 0;

  constructor(options: DilatedClockOptions = {}) {
    this.maxAdjust = checkRange('maxAdjust', options.maxAdjust ?? 0.05, 0, 0.5);
    this.fullAdjustMs = checkRange('fullAdjustMs', options.fullAdjustMs ?? 50, Number.MIN_VALUE);
    this.jumpMs = checkRange('jumpMs', options.jumpMs ?? 1000, 0);
  }

  /** The clock's time (on the target's timeline); 0 before the first update. */
  get timeMs(): number {
    return this.current;
  }

  /** The current speed relative to real time. */
  get speed(): number {
    return this.rate;
  }

  /** True after the first update. */
  get started(): boolean {
    return this.begun;
  }

  /** How many forward jumps happened, the start excluded. */
  get jumps(): number {
    return this.leaps;
  }

  /**
   * Advances to real time `nowMs`, steering towards `targetMs`, and returns the new time. The first
   * call starts at the target. Real time that goes backwards counts as none.
   */
  update(nowMs: number, targetMs: number): number {
    if (!this.begun || targetMs - this.current > this.jumpMs) {
      if (this.begun) this.leaps++;
      this.current = this.begun ? Math.max(this.current, targetMs) : targetMs;
      this.lastNowMs = this.begun ? Math.max(this.lastNowMs, nowMs) : nowMs;
      this.rate = 1;
      this.begun = true;
      return this.current;
    }
    const elapsed = Math.max(0, nowMs - this.lastNowMs);
    this.lastNowMs = Math.max(this.lastNowMs, nowMs);
    // Steer by where the clock would be at nominal speed, not where it was, or it settles a frame ahead.
    const error = targetMs - (this.current + elapsed);
    this.rate = 1 + this.maxAdjust * clamp(error / this.fullAdjustMs, -1, 1);
    this.current += elapsed * this.rate;
    return this.current;
  }
}
