/**
 * How long each authoritative tick takes: the time spent in `host.step()`, which drains the network
 * events, steps the arena and encodes and sends every client's snapshot. The host's own timer calls
 * `this.step()`, so replacing `step` on the instance puts every tick between two clock readings
 * without touching the engine.
 */

/** Samples kept between two windows at most (about 18 minutes at 120 Hz), so a host nobody reads stays small. */
const MAX_SAMPLES = 1 << 17;

/** Durations of the host's ticks, window by window. */
export class StepTimer {
  private samples: number[] = [];

  private constructor(private readonly now: () => number) {}

  /** Times every later call of `host.step()`. */
  static wrap(host: { step(): void }, now: () => number = () => performance.now()): StepTimer {
    const timer = new StepTimer(now);
    const step = host.step.bind(host);
    host.step = () => {
      const start = timer.now();
      try {
        step();
      } finally {
        timer.add(timer.now() - start);
      }
    };
    return timer;
  }

  /** The durations (ms) since the previous call, and starts a new window. */
  take(): number[] {
    const taken = this.samples;
    this.samples = [];
    return taken;
  }

  private add(ms: number): void {
    if (this.samples.length >= MAX_SAMPLES) this.samples.splice(0, MAX_SAMPLES / 2);
    this.samples.push(ms);
  }
}

/** The q-quantile (0..1) of `values`, nearest rank; NaN for none. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
