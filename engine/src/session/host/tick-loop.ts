/**
 * The host's tick, driven by a clock: tick `n` is due `n` tick lengths after the epoch, and each
 * timer runs every tick that has fallen due, then sleeps until the next. A host that fell far behind
 * (a stalled or throttled tab) runs at most `MAX_CATCH_UP_TICKS` at once and skips the rest of the
 * missed time instead of racing through it.
 *
 * Due times are compared as clock readings (`now >= epoch + timeOf(n)`), never as differences:
 * a timer set for `at - now` ms fires at `at` itself, so the comparison that follows always agrees
 * with the timer. Comparing `now - epoch` with `timeOf(n)` after a restart (a fractional epoch) can
 * disagree by a rounding error, and a timer of a fraction of an ulp then fires again at the same
 * instant for ever.
 */
import type { CancelTimer, Clock } from '../../core/clock.js';
import type { TickTimeline } from '../../netcode/tick-timeline.js';

/** After this many ticks behind, the loop stops catching up and skips ahead. */
const MAX_CATCH_UP_TICKS = 8;

export interface TickLoopOptions {
  readonly clock: Clock;
  readonly timeline: TickTimeline;
  /** The newest tick simulated. */
  readonly tick: () => number;
  /** Simulates the next tick; it may stop the loop. */
  readonly step: () => void;
}

export class TickLoop {
  private epoch: number;
  private cancelTimer: CancelTimer | undefined;
  private skipped = 0;

  constructor(private readonly options: TickLoopOptions) {
    this.epoch = options.clock.now();
  }

  get running(): boolean {
    return this.cancelTimer !== undefined;
  }

  /** Time skipped because the loop fell too far behind, in ms. */
  get skippedMs(): number {
    return this.skipped;
  }

  /** Ms since tick 0 was due: host time. */
  hostTimeMs(): number {
    return this.options.clock.now() - this.epoch;
  }

  /** Starts ticking, with the next tick due one tick length from now. */
  start(): void {
    if (this.cancelTimer) return;
    this.epoch = this.options.clock.now() - this.options.timeline.timeOf(this.options.tick());
    this.schedule();
  }

  stop(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
  }

  private nextDueAt(): number {
    return this.epoch + this.options.timeline.timeOf(this.options.tick() + 1);
  }

  private schedule(): void {
    this.cancelTimer = this.options.clock.setTimer(Math.max(0, this.nextDueAt() - this.options.clock.now()), () => this.onTimer());
  }

  private onTimer(): void {
    let ran = 0;
    try {
      while (this.cancelTimer && this.options.clock.now() >= this.nextDueAt() && ran < MAX_CATCH_UP_TICKS) {
        this.options.step();
        ran++;
      }
    } finally {
      // The game's code is fenced; should anything else throw out of a tick, the ticks still go on.
      if (this.cancelTimer) this.reschedule();
    }
  }

  private reschedule(): void {
    const behindMs = this.options.clock.now() - this.nextDueAt();
    if (behindMs > this.options.timeline.tickMs * MAX_CATCH_UP_TICKS) {
      this.epoch += behindMs;
      this.skipped += behindMs;
    }
    this.schedule();
  }
}
