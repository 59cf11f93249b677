/**
 * How snapshots arrive: their average interval and their jitter, measured on the client.
 *
 * The interpolation delay must cover the gap between snapshots plus the variation in their travel
 * time, so both are measured from what actually arrives. Each snapshot carries its host tick, so
 * its send time on the host is `tick * tickMs` and its receive time is the client's clock. The
 * interval is an exponential average (gain 1/8) of the spacing between arrivals of successive new
 * ticks, so lost snapshots lengthen it, as they should. The jitter is RFC 3550's interarrival
 * jitter: for two snapshots, `D = (received_j - received_i) - (sent_j - sent_i)`, and
 * `J += (|D| - J) / 16`, which needs no synchronized clocks. A snapshot older than the newest seen
 * (reordered or duplicated) adds nothing.
 */
import { checkRange } from './check-option.js';

/** Measures the interval and jitter of snapshot arrivals. */
export class SnapshotArrival {
  private readonly tickMs: number;
  private lastTick = -1;
  private lastReceiveMs = 0;
  private interval = 0;
  private jitter = 0;
  private count = 0;

  /** @param tickRate the host's ticks per second */
  constructor(tickRate: number) {
    this.tickMs = 1000 / checkRange('tickRate', tickRate, Number.MIN_VALUE, 1000);
  }

  /** Average time between snapshot arrivals in ms; 0 before two have arrived. */
  get intervalMs(): number {
    return this.interval;
  }

  /** RFC 3550 interarrival jitter in ms; 0 before two have arrived. */
  get jitterMs(): number {
    return this.jitter;
  }

  /** Snapshots that counted (new ticks only). */
  get observed(): number {
    return this.count;
  }

  /** Records that the snapshot of host `tick` arrived at client time `receiveMs`. */
  observe(tick: number, receiveMs: number): void {
    if (!Number.isFinite(tick) || !Number.isFinite(receiveMs) || tick <= this.lastTick) return;
    if (this.count > 0) {
      const gap = Math.max(0, receiveMs - this.lastReceiveMs);
      const transitChange = gap - (tick - this.lastTick) * this.tickMs;
      this.interval = this.count === 1 ? gap : this.interval + (gap - this.interval) / 8;
      this.jitter += (Math.abs(transitChange) - this.jitter) / 16;
    }
    this.lastTick = tick;
    this.lastReceiveMs = receiveMs;
    this.count++;
  }
}
