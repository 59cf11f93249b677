/**
 * One direction of a bad link, for the tests' UDP proxy: each datagram is lost with a probability
 * or else delivered after a delay plus jitter, in the order it came in (a link's queue delays
 * datagrams but does not reorder them). Decisions come from a seeded RNG and timers from an
 * injected clock, so with a manual clock the line is deterministic.
 *
 * Jitter follows the loopback link conditioner's convention: an extra delay drawn uniformly from
 * [0, jitterMs]. Keeping the order means a datagram can wait behind an earlier, slower one, but
 * never longer than `delayMs + jitterMs` after it came in.
 */
import type { CancelTimer, Clock } from '../../engine/src/core/clock.js';
import type { Rng } from '../../engine/src/core/rng.js';

export interface Impairment {
  /** Base one-way delay in ms. */
  readonly delayMs: number;
  /** Each datagram waits an extra delay drawn uniformly from [0, jitterMs]. */
  readonly jitterMs: number;
  /** Probability in [0, 1] that a datagram is dropped. */
  readonly loss: number;
}

export const CLEAN_LINK: Impairment = { delayMs: 0, jitterMs: 0, loss: 0 };

/** Throws a `RangeError` naming the field for anything that is not a usable impairment. */
export function checkImpairment(impairment: Impairment): Impairment {
  for (const key of ['delayMs', 'jitterMs'] as const) {
    const value = impairment[key];
    if (!(value >= 0) || !Number.isFinite(value)) throw new RangeError(`${key} must be a finite number >= 0, got ${value}`);
  }
  if (!(impairment.loss >= 0 && impairment.loss <= 1)) throw new RangeError(`loss must be a probability in [0, 1], got ${impairment.loss}`);
  return impairment;
}

/**
 * The impairment of each of two crossings in series that together make `endToEnd`: half the delay
 * and half the jitter each, and a loss `p` with `1 - (1 - p)^2 = loss`.
 */
export function splitInTwo(endToEnd: Impairment): Impairment {
  checkImpairment(endToEnd);
  return { delayMs: endToEnd.delayMs / 2, jitterMs: endToEnd.jitterMs / 2, loss: 1 - Math.sqrt(1 - endToEnd.loss) };
}

export interface DelayLineCounters {
  /** Datagrams offered to the line. */
  readonly received: number;
  /** Datagrams handed on after their delay. */
  readonly forwarded: number;
  /** Datagrams dropped by the configured loss. */
  readonly dropped: number;
  /** Datagrams dropped because `maxQueued` were already waiting. */
  readonly overflowed: number;
}

export interface DelayLineOptions<T> {
  readonly clock: Clock;
  readonly rng: Rng;
  readonly impairment: Impairment;
  readonly deliver: (item: T) => void;
  /** Datagrams that may wait at once; more are dropped and counted (default 4096). */
  readonly maxQueued?: number;
}

interface Waiting<T> {
  readonly item: T;
  readonly at: number;
}

export class DelayLine<T> {
  private readonly queue: Waiting<T>[] = [];
  private readonly impairment: Impairment;
  private readonly maxQueued: number;
  private cancelTimer: CancelTimer | undefined;
  private lastRelease = -Infinity;
  private closed = false;
  private counts = { received: 0, forwarded: 0, dropped: 0, overflowed: 0 };

  constructor(private readonly options: DelayLineOptions<T>) {
    this.impairment = checkImpairment(options.impairment);
    this.maxQueued = options.maxQueued ?? 4096;
  }

  get counters(): DelayLineCounters {
    return { ...this.counts };
  }

  /** Takes one datagram: drops it, or queues it for delivery. */
  push(item: T): void {
    if (this.closed) return;
    this.counts.received++;
    const { rng } = this.options;
    if (rng.chance(this.impairment.loss)) {
      this.counts.dropped++;
      return;
    }
    if (this.queue.length >= this.maxQueued) {
      this.counts.overflowed++;
      return;
    }
    const wanted = this.options.clock.now() + this.impairment.delayMs + rng.next() * this.impairment.jitterMs;
    this.lastRelease = Math.max(wanted, this.lastRelease);
    this.queue.push({ item, at: this.lastRelease });
    if (this.queue.length === 1) this.schedule();
  }

  /** Drops everything still waiting and stops the timer; later pushes are ignored. */
  close(): void {
    this.closed = true;
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    this.queue.length = 0;
  }

  private schedule(): void {
    const head = this.queue[0];
    if (!head || this.closed) return;
    this.cancelTimer = this.options.clock.setTimer(head.at - this.options.clock.now(), () => this.release());
  }

  private release(): void {
    this.cancelTimer = undefined;
    const now = this.options.clock.now();
    while (!this.closed && this.queue.length > 0 && this.queue[0]!.at <= now) {
      const { item } = this.queue.shift()!;
      this.counts.forwarded++;
      this.options.deliver(item);
    }
    this.schedule();
  }
}
