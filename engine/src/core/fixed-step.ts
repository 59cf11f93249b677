/**
 * The fixed-step accumulator ("Fix Your Timestep"): real elapsed time goes in, a whole number of
 * simulation steps comes out, and the remainder waits for the next call. A long stall (a hidden
 * tab, a debugger) is cut to `maxSteps` so the game does not spiral trying to catch up.
 */
export class FixedStep {
  private accumulated = 0;

  constructor(
    readonly stepMs: number,
    readonly maxSteps = 8,
  ) {
    if (!(stepMs > 0)) throw new RangeError(`stepMs must be > 0, got ${stepMs}`);
  }

  /** Adds `elapsedMs` and returns how many steps to run now. */
  advance(elapsedMs: number): number {
    this.accumulated += Math.max(0, elapsedMs);
    let steps = Math.floor(this.accumulated / this.stepMs);
    if (steps > this.maxSteps) {
      steps = this.maxSteps;
      this.accumulated = 0;
    } else {
      this.accumulated -= steps * this.stepMs;
    }
    return steps;
  }

  /** How far into the next step the accumulator is, in [0, 1): for rendering between steps. */
  get alpha(): number {
    return this.accumulated / this.stepMs;
  }
}
