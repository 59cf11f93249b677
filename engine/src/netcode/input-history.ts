/**
 * The client's own inputs, by the tick they were predicted at.
 *
 * Two readers need them. The sender repeats the newest few inputs the host has not acknowledged in
 * every input packet (`unacked`), so a lost packet costs nothing: the next one carries the same
 * inputs again. The reconciler replays them on top of an authoritative state (`get`).
 *
 * `ack(tick)` says the host has received everything through `tick`: those inputs leave the
 * redundancy set. They stay readable until they fall out of the ring, because an input the host has
 * received may not be simulated yet, and a reconciliation before then must still replay it. Memory
 * is a ring of `capacity` ticks (default 256, about 4 s at 60 Hz), whatever happens.
 */
import { TickRing } from '../core/ring-buffer.js';
import { checkInteger, isTick } from './check-option.js';

/** Tunables of {@link InputHistory}. */
export interface InputHistoryOptions {
  /** Ticks of inputs kept. Default 256. */
  readonly capacity?: number;
  /** How many inputs `unacked()` returns at most, by default. Default 4. */
  readonly redundancy?: number;
}

/** An input and the tick it is for. */
export interface TickInput<Input> {
  readonly tick: number;
  readonly input: Input;
}

/** The client's inputs by tick: redundancy for sending, and the source of replays. */
export class InputHistory<Input> {
  private readonly ring: TickRing<Input>;
  private readonly redundancy: number;
  private newest = -1;
  private acked = -1;

  constructor(options: InputHistoryOptions = {}) {
    this.ring = new TickRing(checkInteger('capacity', options.capacity ?? 256, 1, 1 << 16));
    this.redundancy = checkInteger('redundancy', options.redundancy ?? 4, 1);
  }

  /** The newest recorded tick; -1 before the first. */
  get newestTick(): number {
    return this.newest;
  }

  /** The newest tick the host has acknowledged; -1 before the first ack. */
  get ackedTick(): number {
    return this.acked;
  }

  /** Records the input for `tick`, which must be newer than every recorded one (gaps are allowed). */
  record(tick: number, input: Input): void {
    if (!isTick(tick) || tick <= this.newest) {
      throw new RangeError(`record(${tick}): ticks must be integers that only increase (newest is ${this.newest})`);
    }
    this.ring.set(tick, input);
    this.newest = tick;
  }

  /** The input recorded for `tick`, if it is still held. */
  get(tick: number): Input | undefined {
    if (tick > this.newest || this.newest - tick >= this.ring.capacity) return undefined;
    return this.ring.get(tick);
  }

  /**
   * The newest `limit` inputs the host has not acknowledged, oldest first, the newest included:
   * what an input packet carries.
   */
  unacked(limit = this.redundancy): TickInput<Input>[] {
    const oldest = Math.max(this.acked + 1, this.newest - this.ring.capacity + 1);
    const out: TickInput<Input>[] = [];
    for (let tick = this.newest; tick >= oldest && out.length < limit; tick--) {
      if (this.ring.has(tick)) out.push({ tick, input: this.ring.get(tick) as Input });
    }
    return out.reverse();
  }

  /** The host has received every input through `tick`: they leave the redundancy set. */
  ack(tick: number): void {
    if (Number.isFinite(tick) && tick > this.acked) this.acked = Math.min(Math.floor(tick), this.newest);
  }
}
