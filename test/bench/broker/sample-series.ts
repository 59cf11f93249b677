/**
 * Samples kept in bounded memory: up to `capacity` of them, then a uniform random subset of
 * everything offered (reservoir sampling), so a long window at tens of thousands of relays a
 * second costs a fixed number of floats and still describes the whole window, not its start.
 * Quantiles come from the benchmarks' own helper (`measure/stats.ts`), which refuses an empty series.
 */
import { quantile } from '../measure/stats.js';

export class SampleSeries {
  readonly #values: number[] = [];
  #offered = 0;

  constructor(
    readonly name: string,
    private readonly capacity = 1_000_000,
    private readonly random: () => number = Math.random,
  ) {}

  /** Samples offered so far, kept or not. */
  get offered(): number {
    return this.#offered;
  }

  add(value: number): void {
    this.#offered += 1;
    if (this.#values.length < this.capacity) {
      this.#values.push(value);
      return;
    }
    const slot = Math.floor(this.random() * this.#offered);
    if (slot < this.capacity) this.#values[slot] = value;
  }

  /** How many kept samples are at least `value`. */
  countAtLeast(value: number): number {
    return this.#values.reduce((count, sample) => (sample >= value ? count + 1 : count), 0);
  }

  /** The q-quantile (0..1), nearest rank; throws on an empty series. */
  quantile(q: number): number {
    return quantile(this.#values, q, this.name);
  }
}
