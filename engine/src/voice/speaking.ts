/**
 * Whether a player is speaking, from its audio level sampled over time: on as soon as the level
 * reaches `onLevel`, off once it has stayed under `offLevel` for `holdMs`. The gap between the two
 * levels and the hold keep the indicator from flickering between syllables. Time is an argument.
 */

/** Thresholds of a {@link SpeakingDetector}; levels are WebRTC's `audioLevel`, 0 to 1. */
export interface SpeakingOptions {
  /** The level that starts speaking (default 0.03). */
  readonly onLevel?: number;
  /** The level under which speaking may end (default 0.015). */
  readonly offLevel?: number;
  /** How long the level must stay under `offLevel` before speaking ends, in ms (default 600). */
  readonly holdMs?: number;
}

/** Speaking or not, from sampled levels (see the file's header). */
export class SpeakingDetector {
  private readonly onLevel: number;
  private readonly offLevel: number;
  private readonly holdMs: number;
  private quietSince: number | undefined;
  private on = false;
  /** The newest level sampled. */
  level = 0;

  constructor(options: SpeakingOptions = {}) {
    this.onLevel = options.onLevel ?? 0.03;
    this.offLevel = Math.min(options.offLevel ?? 0.015, this.onLevel);
    this.holdMs = options.holdMs ?? 600;
  }

  get speaking(): boolean {
    return this.on;
  }

  /** Takes a level sampled at `nowMs`; returns whether the player is speaking now. */
  update(level: number, nowMs: number): boolean {
    this.level = Number.isFinite(level) ? Math.min(1, Math.max(0, level)) : 0;
    if (this.level >= this.onLevel) {
      this.on = true;
      this.quietSince = undefined;
    } else if (this.level < this.offLevel) {
      this.quietSince ??= nowMs;
      if (nowMs - this.quietSince >= this.holdMs) this.on = false;
    } else {
      this.quietSince = undefined;
    }
    return this.on;
  }

  /** Silence at once (muted, or the link went). */
  reset(): void {
    this.on = false;
    this.level = 0;
    this.quietSince = undefined;
  }
}
