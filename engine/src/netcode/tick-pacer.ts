/**
 * The tick pacer: turns real time into a whole number of fixed ticks, while steering towards a
 * target tick that moves (the client's estimate of where it should be).
 *
 * Underneath is a {@link DilatedClock} on the tick timeline: it runs up to `maxAdjust` (default
 * ±5%) fast or slow to close the gap to the target, never backwards, and jumps forward only when
 * more than `jumpMs` (default 1 s) behind. The pacer emits a tick each time that clock passes a
 * tick boundary. The simulation still steps by exactly `tickMs` each tick; only how often ticks
 * happen in real time bends, so a client whose RTT grows speeds up a little until it leads enough
 * again, and one whose RTT shrinks slows down.
 *
 * At most `maxTicksPerUpdate` ticks (default 32) are emitted per update; the rest are emitted by the
 * next calls. If more than `jumpMs` worth of ticks is owed (a long stall, a hidden tab), the pacer
 * skips to the clock's tick instead: catching up would freeze the page for nothing, and the skipped
 * ticks are reported in `lastSkipped` and not simulated.
 */
import { checkInteger, checkRange } from './check-option.js';
import { DilatedClock } from './dilated-clock.js';
import type { DilatedClockOptions } from './dilated-clock.js';

/** Tunables of {@link TickPacer}. */
export interface TickPacerOptions extends DilatedClockOptions {
  /** Ticks per second. */
  readonly tickRate: number;
  /** Most ticks emitted by one `update`. Default 32. */
  readonly maxTicksPerUpdate?: number;
}

/** Emits fixed ticks in real time, steering smoothly towards a moving target tick. */
export class TickPacer {
  /** Length of one tick in ms at the nominal rate. */
  readonly tickMs: number;
  private readonly clock: DilatedClock;
  private readonly maxTicks: number;
  private readonly jumpTicks: number;
  private current = -1;
  private skipped = 0;

  constructor(options: TickPacerOptions) {
    const { tickRate, maxTicksPerUpdate, ...dilation } = options;
    this.tickMs = 1000 / checkRange('tickRate', tickRate, Number.MIN_VALUE, 1000);
    this.maxTicks = checkInteger('maxTicksPerUpdate', maxTicksPerUpdate ?? 32, 1);
    this.clock = new DilatedClock(dilation);
    this.jumpTicks = this.clock.jumpMs / this.tickMs;
  }

  /** The newest tick emitted (to simulate); -1 before the first update. */
  get tick(): number {
    return this.current;
  }

  /** Where the underlying clock is, in fractional ticks (ahead of `tick` by less than one, unless ticks are owed). */
  get position(): number {
    return this.clock.timeMs / this.tickMs;
  }

  /** The current speed relative to nominal. */
  get speed(): number {
    return this.clock.speed;
  }

  /** Ticks skipped over (not to be simulated) by the most recent update; usually 0. */
  get lastSkipped(): number {
    return this.skipped;
  }

  /** True after the first update. */
  get started(): boolean {
    return this.clock.started;
  }

  /**
   * Advances to real time `nowMs` towards the fractional `targetTick`, and returns how many ticks
   * to simulate now: they are `tick - n + 1` through `tick`. The first call starts at the target's
   * tick and returns 1.
   */
  update(nowMs: number, targetTick: number): number {
    const first = !this.clock.started;
    const due = Math.floor(this.clock.update(nowMs, targetTick * this.tickMs) / this.tickMs);
    this.skipped = 0;
    if (first || due - this.current > this.jumpTicks) {
      const tick = Math.max(due, this.current + 1);
      if (!first) this.skipped = tick - this.current - 1;
      this.current = tick;
      return 1;
    }
    const n = Math.min(Math.max(0, due - this.current), this.maxTicks);
    this.current += n;
    return n;
  }
}
