/**
 * Events counted over a fixed window: opened after a warm-up, closed at its end, and only what
 * happens in between counts. Closing a window that counted nothing throws, naming the series: a
 * rate of zero means the benchmark measured nothing, and must stop it rather than print 0/s.
 * The clock is injected, so the arithmetic is tested without waiting.
 */

export interface WindowCount {
  readonly count: number;
  readonly ms: number;
  readonly perSecond: number;
}

export class RateWindow {
  #openedAt: number | undefined;
  #closed: WindowCount | undefined;
  #count = 0;

  constructor(
    private readonly series: string,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Starts counting. */
  open(): void {
    if (this.#openedAt !== undefined) throw new Error(`the window for ${this.series} is already open`);
    this.#openedAt = this.now();
  }

  /** Counts `n` events, if the window is open. */
  add(n = 1): void {
    if (this.#openedAt !== undefined && this.#closed === undefined) this.#count += n;
  }

  /** Stops counting; the count, the window's length and the rate. */
  close(): WindowCount {
    if (this.#openedAt === undefined) throw new Error(`the window for ${this.series} was never opened`);
    if (this.#closed) return this.#closed;
    const ms = this.now() - this.#openedAt;
    if (this.#count === 0 || !(ms > 0)) throw new RangeError(`the benchmark counted no ${this.series} in its ${ms.toFixed(0)} ms window: nothing was measured there`);
    this.#closed = { count: this.#count, ms, perSecond: (this.#count * 1000) / ms };
    return this.#closed;
  }
}
