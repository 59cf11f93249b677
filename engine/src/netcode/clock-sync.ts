/**
 * Clock sync: the client's estimate of the host's clock, from ping/pong samples.
 *
 * A client sends a ping at `clientSendMs` (its own clock), the host answers with its clock reading
 * `hostTimeMs`, and the pong arrives at `clientReceiveMs`. The round trip is `receive - send`; if the
 * two directions took equally long, the host read its clock half a round trip before the pong
 * arrived, so `offset = hostTime + rtt / 2 - receive` and `hostTime(now) = now + offset` (Cristian's
 * algorithm). The error of one sample is half the difference between the two one-way delays, which
 * is at most `rtt / 2`: samples with a small RTT are the trustworthy ones.
 *
 * Offset, robust to outliers (after NTP's clock filter): keep the last `windowSize` samples, take
 * the half with the lowest RTT and use the median of their offsets. A slow sample is never in that
 * half, and one wrong fast sample cannot move a median far. That window estimate is smoothed by an
 * average (1/n while warming up, then an exponential average of gain 1/16) so it settles to a
 * fraction of a millisecond under symmetric jitter. When the window estimate disagrees with the
 * smoothed offset by more than `max(10 ms, 4 * jitter)`, half the best samples agree on a real
 * change (a host machine that slept), so the offset steps there at once and the warm-up average
 * starts again, instead of creeping. Smaller real changes are followed by the average.
 *
 * RTT and jitter follow RFC 6298: `srtt` is an exponential average of gain 1/8 and `jitter` (RTTVAR)
 * the mean deviation with gain 1/4. A sample is first capped at the window median plus
 * `max(median, 4 * jitter)`, the RFC's retransmission timeout around the median, so one 10x spike
 * nudges the averages instead of doubling them, while a lasting change moves the median within half
 * a window and lifts the cap.
 *
 * Samples with a non-finite field, a negative RTT or an RTT above `maxRttMs` are rejected.
 */
import { checkInteger, checkRange } from './check-option.js';
import { median } from './numeric.js';

/** Tunables of {@link ClockSync}. */
export interface ClockSyncOptions {
  /** How many recent samples the offset is chosen from. Default 16. */
  readonly windowSize?: number;
  /** Samples whose RTT is above this are rejected as nonsense. Default 10 000 ms. */
  readonly maxRttMs?: number;
}

/** The read-only view of a host clock estimate that pacing and interpolation need. */
export interface HostClockEstimate {
  /** Smoothed round-trip time in ms. */
  readonly rttMs: number;
  /** Mean deviation of the RTT in ms. */
  readonly jitterMs: number;
  /** Samples accepted so far; until there is one, the estimate means nothing. */
  readonly sampleCount: number;
  /** The host's clock at the client's `clientNowMs`. */
  hostTimeAt(clientNowMs: number): number;
}

interface Sample {
  readonly rtt: number;
  readonly offset: number;
}

const RTT_GAIN = 1 / 8;
const JITTER_GAIN = 1 / 4;
const OFFSET_GAIN = 1 / 16;
const MIN_STEP_MS = 10;

/** Estimates RTT, jitter and the host clock offset from ping/pong samples. */
export class ClockSync implements HostClockEstimate {
  private readonly windowSize: number;
  private readonly maxRttMs: number;
  private readonly window: Sample[] = [];
  private srtt = 0;
  private rttvar = 0;
  private offset = 0;
  private accepted = 0;
  /** Samples averaged into `offset` since the last step: the warm-up average restarts on a step. */
  private averaged = 0;

  constructor(options: ClockSyncOptions = {}) {
    this.windowSize = checkInteger('windowSize', options.windowSize ?? 16, 1, 1024);
    this.maxRttMs = checkRange('maxRttMs', options.maxRttMs ?? 10_000, 0);
  }

  /** Smoothed round-trip time in ms; 0 before the first sample. */
  get rttMs(): number {
    return this.srtt;
  }

  /** Mean deviation of the RTT in ms (RFC 6298's RTTVAR); 0 before the first sample. */
  get jitterMs(): number {
    return this.rttvar;
  }

  /** Host clock minus client clock, in ms; 0 before the first sample. */
  get offsetMs(): number {
    return this.offset;
  }

  /** How many samples were accepted since construction or {@link reset}. */
  get sampleCount(): number {
    return this.accepted;
  }

  /** True once at least one sample was accepted. */
  get synced(): boolean {
    return this.accepted > 0;
  }

  /** The host's clock at the client's `clientNowMs`. */
  hostTimeAt(clientNowMs: number): number {
    return clientNowMs + this.offset;
  }

  /**
   * Adds one ping/pong sample. Returns false (and changes nothing) when it is rejected: a
   * non-finite field, a negative RTT, or an RTT above `maxRttMs`.
   */
  addSample(clientSendMs: number, hostTimeMs: number, clientReceiveMs: number): boolean {
    if (!Number.isFinite(clientSendMs) || !Number.isFinite(hostTimeMs) || !Number.isFinite(clientReceiveMs)) return false;
    const rtt = clientReceiveMs - clientSendMs;
    if (!(rtt >= 0) || rtt > this.maxRttMs) return false;
    this.window.push({ rtt, offset: hostTimeMs + rtt / 2 - clientReceiveMs });
    if (this.window.length > this.windowSize) this.window.shift();
    this.accepted++;
    this.updateRtt(rtt);
    this.updateOffset();
    return true;
  }

  /** Forgets every sample, as after a reconnect. */
  reset(): void {
    this.window.length = 0;
    this.srtt = 0;
    this.rttvar = 0;
    this.offset = 0;
    this.accepted = 0;
    this.averaged = 0;
  }

  private updateRtt(rtt: number): void {
    if (this.accepted === 1) {
      this.srtt = rtt;
      this.rttvar = rtt / 2;
      return;
    }
    const mid = median(this.window.map((s) => s.rtt));
    const sample = Math.min(rtt, mid + Math.max(mid, 4 * this.rttvar));
    this.rttvar += (Math.abs(this.srtt - sample) - this.rttvar) * JITTER_GAIN;
    this.srtt += (sample - this.srtt) * RTT_GAIN;
  }

  private updateOffset(): void {
    const estimate = windowEstimate(this.window);
    const step = Math.max(MIN_STEP_MS, 4 * this.rttvar);
    if (this.averaged === 0 || Math.abs(estimate - this.offset) > step) {
      this.offset = estimate;
      this.averaged = 1;
      return;
    }
    this.averaged++;
    this.offset += (estimate - this.offset) * Math.max(1 / this.averaged, OFFSET_GAIN);
  }
}

/** The median offset of the lower-RTT half of the window. */
function windowEstimate(window: readonly Sample[]): number {
  const best = [...window].sort((a, b) => a.rtt - b.rtt).slice(0, Math.ceil(window.length / 2));
  return median(best.map((s) => s.offset));
}
