/**
 * How the host ticked while its tab was hidden. Nobody looks at a hidden tab, so the net graph
 * shows two figures: the ones so far while it is hidden (for tests and the console) and, once the
 * tab is back, those of the last hidden stretch. Fed with explicit times and counts.
 */

/** The host's counters at one moment. */
export interface TickMark {
  /** Milliseconds on the page's monotonic clock. */
  readonly at: number;
  readonly tick: number;
  readonly ticksSkipped: number;
}

/** The host's ticking over a hidden stretch. */
export interface HiddenTicks {
  /** Whether the tab is still hidden. */
  readonly ongoing: boolean;
  /** How long the tab was hidden, in seconds. */
  readonly seconds: number;
  /** Ticks simulated per second over that time. */
  readonly ticksPerSecond: number;
  /** Ticks skipped over that time. */
  readonly ticksSkipped: number;
}

function between(from: TickMark, to: TickMark, ongoing: boolean): HiddenTicks {
  const seconds = Math.max(0, to.at - from.at) / 1000;
  return {
    ongoing,
    seconds,
    ticksPerSecond: seconds > 0 ? (to.tick - from.tick) / seconds : 0,
    ticksSkipped: to.ticksSkipped - from.ticksSkipped,
  };
}

export class HiddenMeter {
  private since: TickMark | undefined;
  private last: HiddenTicks | undefined;

  get hidden(): boolean {
    return this.since !== undefined;
  }

  /** The tab was hidden (a second call while hidden changes nothing). */
  hide(mark: TickMark): void {
    this.since ??= mark;
  }

  /** The tab is visible again. */
  show(mark: TickMark): void {
    if (!this.since) return;
    this.last = between(this.since, mark, false);
    this.since = undefined;
  }

  /** While hidden, the figures so far; when visible, those of the last hidden stretch, if any. */
  figures(now: TickMark): HiddenTicks | undefined {
    return this.since ? between(this.since, now, true) : this.last;
  }
}
