/**
 * The render clock for remote entities: which (fractional) host tick to draw them at.
 *
 * The target is `host time now - one-way transit - interpolation delay`, converted to ticks: the
 * newest snapshot that can have arrived was sent half a round trip ago, so the delay counts from
 * there, and it only has to cover the snapshot interval and the jitter. The target moves whenever the
 * host clock estimate or the delay changes, and following it directly could make the render time
 * step backwards (a growing delay) and entities jerk back. A {@link DilatedClock} follows it
 * instead, up to ±10% fast or slow by default: a growing delay slows the render clock down until it
 * is far enough behind, and the render tick never decreases. Until the host clock has a sample the
 * render tick is meaningless, and `update` returns undefined.
 */
import type { HostClockEstimate } from './clock-sync.js';
import { DilatedClock } from './dilated-clock.js';
import type { DilatedClockOptions } from './dilated-clock.js';
import { InterpolationDelay } from './interpolation-delay.js';
import type { InterpolationDelayOptions } from './interpolation-delay.js';
import type { TickTimeline } from './tick-timeline.js';

/** What {@link InterpolationClock} is built from. */
export interface InterpolationClockOptions extends DilatedClockOptions {
  /** Host time to ticks. */
  readonly timeline: TickTimeline;
  /** The client's estimate of the host clock. */
  readonly hostClock: HostClockEstimate;
  /** The interpolation delay, `'auto'` or fixed. */
  readonly delay?: InterpolationDelayOptions;
}

/** A monotonic render tick, an interpolation delay behind the host clock. */
export class InterpolationClock {
  private readonly timeline: TickTimeline;
  private readonly hostClock: HostClockEstimate;
  private readonly clock: DilatedClock;
  private lastNowMs: number | undefined;
  /** The delay underneath. */
  readonly delay: InterpolationDelay;

  constructor(options: InterpolationClockOptions) {
    const { timeline, hostClock, delay, ...dilation } = options;
    this.timeline = timeline;
    this.hostClock = hostClock;
    this.delay = new InterpolationDelay(delay);
    this.clock = new DilatedClock({ maxAdjust: 0.1, ...dilation });
  }

  /** The render tick of the last update; -Infinity before the first. */
  get renderTick(): number {
    return this.clock.started ? this.timeline.tickAt(this.clock.timeMs) : -Infinity;
  }

  /**
   * Advances to client time `clientNowMs` given the current snapshot interval and jitter (from
   * {@link SnapshotArrival}), and returns the fractional host tick to draw remote entities at.
   */
  update(clientNowMs: number, snapshotIntervalMs: number, jitterMs: number): number | undefined {
    if (this.hostClock.sampleCount === 0) return undefined;
    const elapsed = this.lastNowMs === undefined ? 0 : clientNowMs - this.lastNowMs;
    this.lastNowMs = Math.max(this.lastNowMs ?? clientNowMs, clientNowMs);
    const delayMs = this.delay.update(elapsed, snapshotIntervalMs, jitterMs);
    const targetMs = this.hostClock.hostTimeAt(clientNowMs) - this.hostClock.rttMs / 2 - delayMs;
    return this.timeline.tickAt(this.clock.update(clientNowMs, targetMs));
  }
}
