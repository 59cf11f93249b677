/**
 * A fixed-size store of values keyed by tick: writing tick `t` replaces whatever held `t - capacity`,
 * so memory never grows with time. Reading a tick that was overwritten or never written gives
 * `undefined`. Both arrays are allocated once, the ticks as plain numbers that a garbage
 * collection has no need to look into.
 */
export class TickRing<T> {
  private readonly ticks: Float64Array;
  private readonly values: (T | undefined)[];

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    this.ticks = new Float64Array(capacity).fill(-1);
    this.values = new Array<T | undefined>(capacity).fill(undefined);
  }

  set(tick: number, value: T): void {
    const i = this.slot(tick);
    this.ticks[i] = tick;
    this.values[i] = value;
  }

  get(tick: number): T | undefined {
    const i = this.slot(tick);
    return this.ticks[i] === tick ? this.values[i] : undefined;
  }

  has(tick: number): boolean {
    return this.ticks[this.slot(tick)] === tick;
  }

  delete(tick: number): void {
    const i = this.slot(tick);
    if (this.ticks[i] !== tick) return;
    this.ticks[i] = -1;
    this.values[i] = undefined;
  }

  clear(): void {
    this.ticks.fill(-1);
    this.values.fill(undefined);
  }

  private slot(tick: number): number {
    return ((tick % this.capacity) + this.capacity) % this.capacity;
  }
}
