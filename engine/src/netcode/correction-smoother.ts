/**
 * Hiding prediction corrections: a visual offset that fades out.
 *
 * When reconciliation moves the local player, drawing the corrected position at once makes it
 * teleport, a few pixels at a time, whenever the host disagrees. Instead the smoother keeps the
 * player drawn where it was: it holds a visual offset `before - after` that is added to the
 * corrected position when drawing, and lets that offset decay exponentially
 * (`offset *= exp(-elapsed / timeConstantMs)`, default 100 ms: 63% gone after 100 ms, 95% after
 * 300), so the correction is spread over a few frames while the simulation already uses the right
 * state. Successive corrections add up. Offsets shorter than `restDistance` are zeroed, so it
 * really reaches 0. A correction whose offset is longer than `teleportDistance` (a respawn, a
 * teleporter) snaps: gliding across the map would be worse than the jump.
 *
 * The offset is a vector of numbers in the order the caller chooses (e.g. `[x, y]`). For an angle,
 * pass the shortest turn (`angleDelta`) so the offset does not spin the long way.
 */
import { checkRange } from './check-option.js';

/** Tunables of {@link CorrectionSmoother}. */
export interface CorrectionSmootherOptions {
  /** Time constant of the exponential decay, in ms. Default 100. */
  readonly timeConstantMs?: number;
  /** An offset longer than this snaps to 0 instead of gliding. Default Infinity (never). */
  readonly teleportDistance?: number;
  /** An offset shorter than this is zeroed. Default 0.001. */
  readonly restDistance?: number;
}

/** A visual offset that spreads a correction over a few frames. */
export class CorrectionSmoother {
  private readonly timeConstantMs: number;
  private readonly teleportDistance: number;
  private readonly restDistance: number;
  private vector: number[] = [];

  constructor(options: CorrectionSmootherOptions = {}) {
    this.timeConstantMs = checkRange('timeConstantMs', options.timeConstantMs ?? 100, 0);
    this.teleportDistance = options.teleportDistance ?? Infinity;
    if (!(this.teleportDistance >= 0)) checkRange('teleportDistance', this.teleportDistance, 0);
    this.restDistance = checkRange('restDistance', options.restDistance ?? 0.001, 0);
  }

  /** The offset to add to the corrected state when drawing. */
  get offset(): readonly number[] {
    return this.vector;
  }

  /** The length of the offset. */
  get magnitude(): number {
    return Math.hypot(...this.vector);
  }

  /**
   * A correction moved the predicted position from `before` to `after`. The drawn position stays at
   * `before` and glides towards `after`. Returns false when the correction was too long and snapped.
   */
  correct(before: readonly number[], after: readonly number[]): boolean {
    if (before.length !== after.length) throw new RangeError(`correct(): ${before.length} coordinates before, ${after.length} after`);
    this.vector = before.map((b, i) => b - after[i]! + (this.vector[i] ?? 0));
    if (this.magnitude > this.teleportDistance) {
      this.reset();
      return false;
    }
    return true;
  }

  /** Lets `elapsedMs` of decay happen; returns the offset. */
  update(elapsedMs: number): readonly number[] {
    const factor = this.timeConstantMs > 0 ? Math.exp(-Math.max(0, elapsedMs) / this.timeConstantMs) : 0;
    this.vector = this.vector.map((v) => v * factor);
    if (this.magnitude < this.restDistance) this.vector = this.vector.map(() => 0);
    return this.vector;
  }

  /** `position` plus the offset: where to draw. */
  apply(position: readonly number[]): number[] {
    return position.map((p, i) => p + (this.vector[i] ?? 0));
  }

  /** Drops the offset. */
  reset(): void {
    this.vector = this.vector.map(() => 0);
  }
}
