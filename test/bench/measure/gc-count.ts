/**
 * Garbage collections during a measurement, from V8's own reports (`PerformanceObserver` with the
 * `gc` entry type): how many young-generation (minor) and full (major) collections ran while the
 * measured ticks ran, and how many of them began inside a measured tick, where they add to its
 * time. The observer hears of collections a moment later, so `result()` waits for it.
 */
import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';

/** Collections counted over a measurement. */
export interface GcCounts {
  /** Young-generation collections (scavenges). */
  readonly minor: number;
  /** Full collections, incremental marking steps and weak callbacks. */
  readonly major: number;
  /** Collections, of either kind, that began inside a measured interval. */
  readonly inside: number;
  /** Milliseconds spent in all of them. */
  readonly ms: number;
}

export class GcCounter {
  private readonly entries: PerformanceEntry[] = [];
  private readonly observer = new PerformanceObserver((list) => this.entries.push(...list.getEntries()));
  /** Start and end (`performance.now()`) of each measured interval, flat, allocated up front. */
  private readonly intervals: Float64Array;
  private count = 0;
  private from = Number.POSITIVE_INFINITY;
  private to = Number.NEGATIVE_INFINITY;

  /** @param capacity how many intervals will be measured at most */
  constructor(capacity: number) {
    this.intervals = new Float64Array(2 * capacity);
    this.observer.observe({ entryTypes: ['gc'] });
  }

  /**
   * One measured interval, after the one before: collections from the first interval's start to
   * the last one's end count. Intervals past the capacity are left out.
   */
  interval(start: number, end: number): void {
    if (this.count * 2 >= this.intervals.length) return;
    this.intervals[2 * this.count] = start;
    this.intervals[2 * this.count + 1] = end;
    this.count++;
    if (start < this.from) this.from = start;
    if (end > this.to) this.to = end;
  }

  /** Stops observing and counts, once V8's reports of the measured time have arrived. */
  async result(): Promise<GcCounts> {
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    this.observer.disconnect();
    let minor = 0;
    let major = 0;
    let inside = 0;
    let ms = 0;
    for (const entry of this.entries) {
      if (entry.startTime < this.from || entry.startTime > this.to) continue;
      const kind = (entry as PerformanceEntry & { readonly detail?: { readonly kind?: number } }).detail?.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MINOR) minor++;
      else major++;
      ms += entry.duration;
      if (this.isInside(entry.startTime)) inside++;
    }
    return { minor, major, inside, ms };
  }

  private isInside(time: number): boolean {
    // Intervals come in order: a binary search for the last one starting at or before `time`.
    let lo = 0;
    let hi = this.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.intervals[2 * mid]! <= time) lo = mid;
      else hi = mid - 1;
    }
    return this.count > 0 && this.intervals[2 * lo]! <= time && time <= this.intervals[2 * lo + 1]!;
  }
}

/** `count` per thousand of `ticks`, one decimal. */
export function perThousand(count: number, ticks: number): number {
  return ticks === 0 ? 0 : Math.round((count * 10_000) / ticks) / 10;
}
