/**
 * Small measuring tools for the net graph, all fed with explicit times so they never read a clock:
 * a rate from a growing counter, a fixed-length series for the live graphs, and a loss estimate
 * from two counters (what one side sent, what the other received).
 */

/** How fast a counter grows, per second, over a sliding window. */
export class RateMeter {
  private readonly samples: { at: number; value: number }[] = [];

  constructor(private readonly windowMs = 1000) {}

  /** Records the counter's value at time `at` (ms). A counter that went backwards starts over. */
  add(at: number, value: number): void {
    const last = this.samples.at(-1);
    if (last && value < last.value) this.samples.length = 0;
    this.samples.push({ at, value });
    while (this.samples.length > 2 && this.samples[1]!.at <= at - this.windowMs) this.samples.shift();
  }

  /** Growth per second over the window; 0 before two samples. */
  get perSecond(): number {
    const first = this.samples[0];
    const last = this.samples.at(-1);
    if (!first || !last || last.at <= first.at) return 0;
    return ((last.value - first.value) * 1000) / (last.at - first.at);
  }
}

/** The newest `capacity` values of something, oldest first: a live graph's data. */
export class Series {
  private readonly data: number[] = [];

  constructor(readonly capacity = 120) {}

  push(value: number): void {
    this.data.push(value);
    if (this.data.length > this.capacity) this.data.shift();
  }

  get values(): readonly number[] {
    return this.data;
  }

  get latest(): number | undefined {
    return this.data.at(-1);
  }
}

/**
 * Loss on one direction of a link: each report pairs how many messages the sender had sent with
 * how many the receiver had received. Over the last `span` reports (five seconds) the loss is one minus the
 * received growth over the sent growth. Messages in flight at either end of the window nearly
 * cancel out, so the estimate needs no clock agreement between the two sides.
 */
export class LossMeter {
  private readonly reports: { sent: number; received: number }[] = [];

  constructor(private readonly span = 5) {}

  add(sent: number, received: number): void {
    this.reports.push({ sent, received });
    if (this.reports.length > this.span + 1) this.reports.shift();
  }

  /** A fraction in [0, 1], or undefined while nothing was sent in the window. */
  get loss(): number | undefined {
    const first = this.reports[0];
    const last = this.reports.at(-1);
    if (!first || !last) return undefined;
    const sent = last.sent - first.sent;
    if (sent <= 0) return undefined;
    return Math.min(1, Math.max(0, 1 - (last.received - first.received) / sent));
  }
}
