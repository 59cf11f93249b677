/**
 * How far in the past remote entities are drawn.
 *
 * To interpolate, the render tick must have a received state on both sides, so remote entities are
 * drawn `delay` ms behind the host clock. Too short and the buffer runs dry at every late packet
 * (extrapolation, then a hold); too long and everything on screen is old. In `'auto'` mode the
 * delay is `intervals * snapshotInterval + jitterFactor * jitter` (default 2 intervals and twice the
 * jitter: one lost snapshot still leaves a state ahead), bounded to [50, 500] ms. It follows that
 * target smoothly (an exponential approach with time constant `smoothingMs`, default 1 s), so the
 * render clock built on it bends gently instead of lurching. A number instead of `'auto'` fixes the
 * delay at that many ms.
 */
import { checkRange } from './check-option.js';
import { clamp } from './numeric.js';

/** The longest fixed delay, ms: a second behind the host is already more than any game can hide. */
export const MAX_INTERPOLATION_DELAY_MS = 1000;

/** Tunables of {@link InterpolationDelay}. */
export interface InterpolationDelayOptions {
  /** `'auto'` to adapt to snapshot interval and jitter, or a fixed delay in ms (0 to 1000). Default `'auto'`. */
  readonly mode?: 'auto' | number;
  /** Snapshot intervals in the auto delay. Default 2. */
  readonly intervals?: number;
  /** Multiples of the jitter in the auto delay. Default 2. */
  readonly jitterFactor?: number;
  /** Lower bound of the auto delay, ms. Default 50. */
  readonly minMs?: number;
  /** Upper bound of the auto delay, ms. Default 500. */
  readonly maxMs?: number;
  /** Time constant of the auto delay's approach to its target, ms. Default 1000. */
  readonly smoothingMs?: number;
}

/** The interpolation delay: fixed, or adapting smoothly to snapshot interval and jitter. */
export class InterpolationDelay {
  private readonly fixedMs: number | undefined;
  private readonly intervals: number;
  private readonly jitterFactor: number;
  private readonly minMs: number;
  private readonly maxMs: number;
  private readonly smoothingMs: number;
  private current: number;
  private target: number;
  private begun = false;

  constructor(options: InterpolationDelayOptions = {}) {
    const mode = options.mode ?? 'auto';
    this.fixedMs = mode === 'auto' ? undefined : checkRange('interpolationDelay', mode, 0, MAX_INTERPOLATION_DELAY_MS);
    this.intervals = checkRange('intervals', options.intervals ?? 2, 0);
    this.jitterFactor = checkRange('jitterFactor', options.jitterFactor ?? 2, 0);
    this.minMs = checkRange('minMs', options.minMs ?? 50, 0);
    this.maxMs = checkRange('maxMs', options.maxMs ?? 500, this.minMs);
    this.smoothingMs = checkRange('smoothingMs', options.smoothingMs ?? 1000, 0);
    this.current = this.fixedMs ?? this.minMs;
    this.target = this.current;
  }

  /** The delay now, in ms. */
  get delayMs(): number {
    return this.current;
  }

  /** The delay the auto mode is heading for, in ms. */
  get targetMs(): number {
    return this.target;
  }

  /** The auto delay for these measurements, before smoothing. */
  autoTargetMs(snapshotIntervalMs: number, jitterMs: number): number {
    const raw = this.intervals * Math.max(0, snapshotIntervalMs) + this.jitterFactor * Math.max(0, jitterMs);
    return Number.isFinite(raw) ? clamp(raw, this.minMs, this.maxMs) : this.maxMs;
  }

  /**
   * Moves the delay `elapsedMs` further towards the target for the given measurements and returns
   * it. The first call starts at the target.
   */
  update(elapsedMs: number, snapshotIntervalMs: number, jitterMs: number): number {
    if (this.fixedMs !== undefined) return this.current;
    this.target = this.autoTargetMs(snapshotIntervalMs, jitterMs);
    const step = this.smoothingMs > 0 ? 1 - Math.exp(-Math.max(0, elapsedMs) / this.smoothingMs) : 1;
    this.current = this.begun ? this.current + (this.target - this.current) * step : this.target;
    this.begun = true;
    return this.current;
  }
}
