/**
 * The host's input buffer for one peer: inputs keyed by the tick they are for.
 *
 * Policy: the host consumes exactly one input per peer per tick, the one labelled with the tick it
 * is simulating (`take(tick)`). A client labels each input with the tick it predicted it at, and
 * runs a lead ahead of the host (see `tick-timeline.ts`), so inputs normally wait here a few ticks
 * before they are due. So that one peer cannot speed up its player by sending more inputs, nothing
 * is ever applied twice or two at a time:
 * - an input for a tick the host has already simulated is dropped: counted as `late` when that tick
 *   went without the peer's own input (the stand-in below took its place: the likely cause of a
 *   correction on the client), as a `duplicate` when it had it (a redundant copy that came after);
 * - an input more than `maxAheadTicks` (default 128, about 2 s at 60 Hz) past the last taken tick
 *   is dropped and counted as `tooEarly`: no honest client is that far ahead;
 * - a second input for a tick already buffered is ignored and counted as a `duplicate` too (inputs
 *   are sent several times over for redundancy, so duplicates are normal);
 * - when the input for a tick is missing (lost, or late), the last applied input is repeated and
 *   counted as `missing`: movement carries on instead of stopping dead for one tick. After
 *   `maxRepeats` (default 15) missing ticks in a row, the neutral input is used instead, so a peer
 *   that went silent does not keep running into a wall.
 *
 * Memory is a ring of `maxAheadTicks` slots: whatever a peer sends, at most that many inputs are
 * held; a second ring as long remembers which of the ticks taken had the peer's own input. The window moves with `take`, so before the first take it is anchored at `startTick`.
 */
import { TickRing } from '../core/ring-buffer.js';
import { checkInteger, isTick } from './check-option.js';

/** Tunables of {@link InputBuffer}. */
export interface InputBufferOptions {
  /** Inputs more than this many ticks past the last taken tick are dropped. Default 128. */
  readonly maxAheadTicks?: number;
  /** The first tick the host will take from this buffer. Default 0. */
  readonly startTick?: number;
  /** Consecutive missing ticks that repeat the last input before falling back to the neutral one. Default 15. */
  readonly maxRepeats?: number;
}

/** What happened to an input given to {@link InputBuffer.insert}. */
export type InsertResult = 'accepted' | 'duplicate' | 'late' | 'too_early' | 'invalid';

/** Counters of an {@link InputBuffer} since it was created. */
export interface InputBufferStats {
  /** Inputs stored for a later tick. */
  accepted: number;
  /** Inputs ignored because one for the same tick was already stored, or already applied. */
  duplicates: number;
  /** Inputs dropped because the host had already simulated their tick without them. */
  late: number;
  /** Inputs dropped because their tick was too far ahead. */
  tooEarly: number;
  /** Inputs whose tick was not an integer >= 0. */
  invalid: number;
  /** Ticks taken with the peer's own input. */
  applied: number;
  /** Ticks taken without one: the last input (or the neutral one) stood in. */
  missing: number;
}

/** One peer's inputs on the host, by tick; one is taken per simulated tick. */
export class InputBuffer<Input> {
  private readonly ring: TickRing<Input>;
  /** Ticks taken with the peer's own input, the newest `maxAheadTicks` of them. */
  private readonly appliedTicks: TickRing<true>;
  private readonly maxAhead: number;
  private readonly maxRepeats: number;
  private lastTaken: number;
  private lastApplied = -1;
  private lastInput: Input;
  private repeats = 0;
  private count = 0;
  private readonly counters: InputBufferStats = { accepted: 0, duplicates: 0, late: 0, tooEarly: 0, invalid: 0, applied: 0, missing: 0 };

  /** @param neutralInput the input used before any arrives, and after a long silence */
  constructor(
    private readonly neutralInput: Input,
    options: InputBufferOptions = {},
  ) {
    this.maxAhead = checkInteger('maxAheadTicks', options.maxAheadTicks ?? 128, 1, 1 << 16);
    this.maxRepeats = checkInteger('maxRepeats', options.maxRepeats ?? 15, 0);
    this.lastTaken = checkInteger('startTick', options.startTick ?? 0, 0) - 1;
    this.ring = new TickRing(this.maxAhead);
    this.appliedTicks = new TickRing(this.maxAhead);
    this.lastInput = neutralInput;
  }

  /** The last tick given to {@link take}; `startTick - 1` before the first. */
  get lastTakenTick(): number {
    return this.lastTaken;
  }

  /** The newest tick at which the peer's own input was applied; -1 if none yet. */
  get lastAppliedTick(): number {
    return this.lastApplied;
  }

  /**
   * The newest tick up to which the host needs nothing more from the peer: every tick after the
   * last taken one, up to this, has its input buffered. The host acks this, so the client stops
   * repeating those inputs.
   */
  get receivedThrough(): number {
    let tick = this.lastTaken;
    while (tick - this.lastTaken < this.maxAhead && this.ring.has(tick + 1)) tick++;
    return tick;
  }

  /** Inputs buffered for ticks not yet taken. */
  get size(): number {
    return this.count;
  }

  /** Counters since creation. */
  get stats(): Readonly<InputBufferStats> {
    return { ...this.counters };
  }

  /** Offers the peer's input for `tick`; see the policy above for what is kept. */
  insert(tick: number, input: Input): InsertResult {
    if (!isTick(tick)) return this.tally('invalid', 'invalid');
    if (tick <= this.lastTaken) return this.appliedTicks.has(tick) ? this.tally('duplicates', 'duplicate') : this.tally('late', 'late');
    if (tick - this.lastTaken > this.maxAhead) return this.tally('tooEarly', 'too_early');
    if (this.ring.has(tick)) return this.tally('duplicates', 'duplicate');
    this.ring.set(tick, input);
    this.count++;
    return this.tally('accepted', 'accepted');
  }

  /**
   * The input to apply when simulating `tick`: the peer's own, or a stand-in when it is missing.
   * Ticks must be taken in increasing order; inputs for skipped ticks are dropped.
   */
  take(tick: number): Input {
    if (!isTick(tick) || tick <= this.lastTaken) {
      throw new RangeError(`take(${tick}): ticks are taken once each, in increasing order (last was ${this.lastTaken})`);
    }
    this.dropBefore(tick);
    this.lastTaken = tick;
    if (!this.ring.has(tick)) return this.standIn();
    const input = this.ring.get(tick) as Input;
    this.ring.delete(tick);
    this.count--;
    this.counters.applied++;
    this.appliedTicks.set(tick, true);
    this.lastApplied = tick;
    this.lastInput = input;
    this.repeats = 0;
    return input;
  }

  private standIn(): Input {
    this.counters.missing++;
    this.repeats++;
    return this.repeats > this.maxRepeats ? this.neutralInput : this.lastInput;
  }

  /** Forgets inputs for the ticks between the last taken one and `tick`, which the host skipped. */
  private dropBefore(tick: number): void {
    if (tick - this.lastTaken > this.maxAhead) {
      this.ring.clear();
      this.count = 0;
      return;
    }
    for (let t = this.lastTaken + 1; t < tick; t++) {
      if (!this.ring.has(t)) continue;
      this.ring.delete(t);
      this.count--;
    }
  }

  private tally(counter: keyof Omit<InputBufferStats, 'applied' | 'missing'>, result: InsertResult): InsertResult {
    this.counters[counter]++;
    return result;
  }
}
