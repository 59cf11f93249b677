/**
 * Client-side prediction and reconciliation, for the part of the state the client predicts (its
 * own player).
 *
 * The client does not wait for the host to see the result of its input: it runs the game's own
 * `step` at once (`predict`) and remembers the predicted state of every tick. When a snapshot
 * brings the authoritative state of tick `T`, the reconciler compares it with what it predicted for
 * `T`. If they agree within `epsilon` the prediction was right and nothing changes: no replay, no
 * cost. If not (another player pushed us, an input arrived late and the host repeated the previous
 * one), the client was wrong since `T`: it rewinds to the authoritative state and replays its own
 * inputs for `T + 1` through the newest predicted tick on top of it, overwriting the stored
 * predictions with the corrected ones (Gambetta's "server reconciliation").
 *
 * The host applies the input for tick `t` when it simulates `t` (see `input-buffer.ts`), so the
 * state of `T` already contains every input up to `T` and the replay starts at `T + 1`, whatever
 * the host has acknowledged receiving (the caller passes that ack to `InputHistory.ack`, which only
 * stops the resending). A replayed tick with no recorded input repeats the previous input, as the
 * host does. Snapshots older than one already reconciled (reordered), or older than the stored
 * predictions (`capacity` ticks, default 256), are ignored as stale.
 *
 * The size of a correction is reported, so the caller can hide it with a `CorrectionSmoother`.
 */
import { TickRing } from '../core/ring-buffer.js';
import { checkInteger, checkRange, isTick } from './check-option.js';

/** Where the reconciler reads the client's inputs (an `InputHistory` fits). */
export interface InputSource<Input> {
  get(tick: number): Input | undefined;
}

/** What {@link Reconciler} needs from the game. */
export interface ReconcilerOptions<State, Input> {
  /** The game's step for the predicted part of the state, to the state of `tick`; must not mutate `state`. */
  readonly step: (state: State, input: Input, dtMs: number, tick: number) => State;
  /** How far apart two states are, e.g. the distance between two positions. */
  readonly distance: (a: State, b: State) => number;
  /** Errors up to this are not corrections. Default 0.001. */
  readonly epsilon?: number;
  /** Ticks per second; each step gets `dtMs = 1000 / tickRate`. */
  readonly tickRate: number;
  /** The input replayed for a tick before any input is known. */
  readonly neutralInput: Input;
  /** Predicted states kept, in ticks. Default 256. */
  readonly capacity?: number;
}

/** The result of {@link Reconciler.reconcile}. */
export interface ReconcileResult<State> {
  /** The predicted state at `tick`, corrected when needed. */
  readonly state: State;
  /** The newest predicted tick. */
  readonly tick: number;
  /** True when the prediction for the authoritative tick was wrong (or unknown) and a replay happened. */
  readonly corrected: boolean;
  /** `distance(predicted, authoritative)` at the authoritative tick; Infinity if nothing was predicted for it. */
  readonly error: number;
  /** Inputs replayed. */
  readonly replayed: number;
  /** True when the snapshot was older than one already reconciled or than the stored predictions, and ignored. */
  readonly stale: boolean;
}

/** Predicts the local player and corrects the prediction when the host disagrees. */
export class Reconciler<State, Input> {
  private readonly options: ReconcilerOptions<State, Input>;
  private readonly predictions: TickRing<State>;
  private readonly dtMs: number;
  private readonly epsilon: number;
  private newest = -1;
  private lastAuthTick = -1;

  constructor(options: ReconcilerOptions<State, Input>) {
    this.options = options;
    this.dtMs = 1000 / checkRange('tickRate', options.tickRate, Number.MIN_VALUE, 1000);
    this.epsilon = checkRange('epsilon', options.epsilon ?? 0.001, 0);
    this.predictions = new TickRing(checkInteger('capacity', options.capacity ?? 256, 1, 1 << 16));
  }

  /** The newest predicted tick; -1 before the first. */
  get newestTick(): number {
    return this.newest;
  }

  /** The state predicted (or corrected) for `tick`, if still held. */
  predicted(tick: number): State | undefined {
    return this.predictions.get(tick);
  }

  /** Steps `state` by `input` as the prediction for `tick`, records it and returns it. */
  predict(tick: number, state: State, input: Input): State {
    const next = this.options.step(state, input, this.dtMs, tick);
    this.record(tick, next);
    return next;
  }

  /** Records `state` as the prediction for `tick` (for a caller that steps by itself). */
  record(tick: number, state: State): void {
    if (!isTick(tick)) throw new RangeError(`record(${tick}): a tick is an integer >= 0`);
    this.predictions.set(tick, state);
    this.newest = Math.max(this.newest, tick);
  }

  /** Compares the authoritative state of `tick` with the prediction, and replays if they differ. */
  reconcile(tick: number, authoritative: State, inputs: InputSource<Input>): ReconcileResult<State> {
    if (!isTick(tick)) throw new RangeError(`reconcile(${tick}): a tick is an integer >= 0`);
    if (tick <= this.lastAuthTick || this.newest - tick >= this.predictions.capacity) return this.unchanged(0, true);
    this.lastAuthTick = tick;
    const predicted = this.predictions.get(tick);
    const error = predicted === undefined ? Infinity : this.options.distance(predicted, authoritative);
    if (error <= this.epsilon) return this.unchanged(error, false);
    this.predictions.set(tick, authoritative);
    if (tick >= this.newest) {
      this.newest = tick;
      return { state: authoritative, tick, corrected: true, error, replayed: 0, stale: false };
    }
    const state = this.replay(tick, authoritative, inputs);
    return { state, tick: this.newest, corrected: true, error, replayed: this.newest - tick, stale: false };
  }

  /** Re-applies the inputs after `fromTick` on top of `state`, storing each corrected prediction. */
  private replay(fromTick: number, state: State, inputs: InputSource<Input>): State {
    let input = inputs.get(fromTick) ?? this.options.neutralInput;
    let current = state;
    for (let t = fromTick + 1; t <= this.newest; t++) {
      input = inputs.get(t) ?? input;
      current = this.options.step(current, input, this.dtMs, t);
      this.predictions.set(t, current);
    }
    return current;
  }

  private unchanged(error: number, stale: boolean): ReconcileResult<State> {
    // Stale and matching snapshots both come after a recorded prediction, so `newest` is held.
    const state = this.predictions.get(this.newest) as State;
    return { state, tick: this.newest, corrected: false, error, replayed: 0, stale };
  }
}
