/**
 * The client's tick clock: which tick the client simulates, and when.
 *
 * It wires three pieces together and holds no policy of its own. The host clock estimate
 * ({@link ClockSync}) says what time it is on the host; the lead ({@link targetLeadMs}) says how far
 * ahead of that the client must be so its inputs arrive in time; the timeline
 * ({@link TickTimeline}) turns that host time into a fractional target tick; and the pacer
 * ({@link TickPacer}) walks towards the target in whole ticks, bending its speed by a few percent
 * instead of jumping. Until the first clock sample arrives the target is meaningless, so `update`
 * returns 0.
 */
import type { HostClockEstimate } from './clock-sync.js';
import { TickPacer } from './tick-pacer.js';
import type { TickPacerOptions } from './tick-pacer.js';
import { targetLeadMs } from './tick-timeline.js';
import type { LeadOptions, TickTimeline } from './tick-timeline.js';

/** What {@link ClientTickClock} is built from. */
export interface ClientTickClockOptions extends Omit<TickPacerOptions, 'tickRate'> {
  /** Host time to ticks. */
  readonly timeline: TickTimeline;
  /** The client's estimate of the host clock, RTT and jitter. */
  readonly hostClock: HostClockEstimate;
  /** How the lead over the host is chosen. */
  readonly lead?: LeadOptions;
}

/** Paces the client's predicted ticks a lead ahead of the host. */
export class ClientTickClock {
  private readonly timeline: TickTimeline;
  private readonly hostClock: HostClockEstimate;
  private readonly lead: LeadOptions;
  /** The pacer underneath, for its tick, speed and skipped count. */
  readonly pacer: TickPacer;

  constructor(options: ClientTickClockOptions) {
    const { timeline, hostClock, lead, ...pacing } = options;
    this.timeline = timeline;
    this.hostClock = hostClock;
    this.lead = lead ?? {};
    this.pacer = new TickPacer({ ...pacing, tickRate: timeline.tickRate });
  }

  /** The newest tick to simulate; -1 before the first. */
  get tick(): number {
    return this.pacer.tick;
  }

  /** How far ahead of the host clock the client aims to run now, in ms. */
  get leadMs(): number {
    return targetLeadMs(this.hostClock.rttMs, this.hostClock.jitterMs, this.lead);
  }

  /** The fractional tick the client should be at, at client time `clientNowMs`. */
  targetTick(clientNowMs: number): number {
    return this.timeline.tickAt(this.hostClock.hostTimeAt(clientNowMs) + this.leadMs);
  }

  /**
   * Advances to client time `clientNowMs` and returns how many ticks to simulate now: they are
   * `tick - n + 1` through `tick`. Returns 0 until the host clock has a sample.
   */
  update(clientNowMs: number): number {
    if (this.hostClock.sampleCount === 0) return 0;
    return this.pacer.update(clientNowMs, this.targetTick(clientNowMs));
  }
}
