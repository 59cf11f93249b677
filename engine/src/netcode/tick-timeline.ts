/**
 * The tick timeline: how host time maps to ticks, and how far ahead of the host a client runs.
 *
 * The host simulates tick `t` at host time `epochMs + t * tickMs`, so host time and ticks convert
 * both ways and a fractional tick is a point between two ticks. The session layer chooses the
 * epoch (for example the host clock reading when it simulated tick 0) and tells the client.
 *
 * A client predicts its own player ahead of the host, so that its input for tick `t` reaches the
 * host just before the host simulates `t`. The input spends about half a round trip on the way,
 * and its travel time varies with the jitter, so the client runs
 * `lead = rtt / 2 + margin` ahead of the host clock, where
 * `margin = clamp(jitterFactor * jitter + extraMs, 0, maxMarginMs)`. The constant covers the host's
 * own tick quantization; the bound stops a burst of jitter from pushing the client a second ahead.
 * Too little lead and inputs arrive late (the host repeats the last one); too much and every
 * prediction is longer than it needs to be.
 */
import { checkRange } from './check-option.js';

/** How the client's lead over the host is chosen. */
export interface LeadOptions {
  /** How many times the measured jitter goes into the safety margin. Default 2. */
  readonly jitterFactor?: number;
  /** Added to the margin whatever the jitter, in ms. Default 5. */
  readonly extraMs?: number;
  /** The margin never exceeds this, in ms. Default 100. */
  readonly maxMarginMs?: number;
}

/** Default {@link LeadOptions}. */
export const DEFAULT_LEAD: Required<LeadOptions> = { jitterFactor: 2, extraMs: 5, maxMarginMs: 100 };

/**
 * How far ahead of the host clock a client should simulate, in ms: `rtt / 2` plus a bounded
 * jitter margin. Negative or non-finite measurements count as 0.
 */
export function targetLeadMs(rttMs: number, jitterMs: number, options: LeadOptions = {}): number {
  const { jitterFactor, extraMs, maxMarginMs } = { ...DEFAULT_LEAD, ...options };
  const rtt = rttMs > 0 && Number.isFinite(rttMs) ? rttMs : 0;
  const jitter = jitterMs > 0 && Number.isFinite(jitterMs) ? jitterMs : 0;
  const margin = Math.min(Math.max(0, jitterFactor * jitter + extraMs), maxMarginMs);
  return rtt / 2 + margin;
}

/** Converts between host time and (fractional) ticks. */
export class TickTimeline {
  /** Length of one tick in ms. */
  readonly tickMs: number;

  /**
   * @param tickRate ticks per second
   * @param epochMs host time at which tick 0 was (or would have been) simulated
   */
  constructor(
    readonly tickRate: number,
    readonly epochMs = 0,
  ) {
    checkRange('tickRate', tickRate, Number.MIN_VALUE, 1000);
    checkRange('epochMs', epochMs, -Number.MAX_VALUE);
    this.tickMs = 1000 / tickRate;
  }

  /** The fractional tick at host time `hostTimeMs`. */
  tickAt(hostTimeMs: number): number {
    return (hostTimeMs - this.epochMs) / this.tickMs;
  }

  /** The host time at which `tick` (fractional allowed) is simulated. */
  timeOf(tick: number): number {
    return this.epochMs + tick * this.tickMs;
  }
}
