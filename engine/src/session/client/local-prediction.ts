/**
 * The local player, predicted. Each tick the client records its input and steps its own copy of
 * the world with the game's `step` (only its own input is known). When a complete snapshot arrives,
 * the reconciler compares the host's state of that tick with the prediction: equal (the usual case,
 * since both sides quantize identically) costs nothing; different rewinds to the host's state and
 * replays the inputs since. The visible jump is handed to the smoother, which glides it out.
 */
import { InputHistory } from '../../netcode/input-history.js';
import { Reconciler } from '../../netcode/reconciler.js';
import { CorrectionSmoother } from '../../netcode/correction-smoother.js';
import type { FieldValues } from '../../protocol/schema.js';
import type { SnapshotEntity } from '../../protocol/snapshot.js';
import { entityDistance, fieldVector, smoothFields, type EntityView } from '../entity-fields.js';
import type { GameFence } from '../game-fence.js';
import type { ClientTunables } from '../options.js';
import type { QuantizedSim } from '../quantized-sim.js';
import type { PlayerId, StepContext } from '../simulation.js';

export interface CorrectionReport {
  readonly tick: number;
  readonly size: number;
}

export class LocalPrediction<State> {
  readonly history: InputHistory<FieldValues>;
  private readonly reconciler: Reconciler<State, FieldValues>;
  private readonly smoother: CorrectionSmoother;
  /** The entity the player steers, if any: without one nothing is drawn predicted. */
  private readonly entityId: number | undefined;
  private current: State | undefined;

  constructor(
    private readonly sim: QuantizedSim<State>,
    playerId: PlayerId,
    tickRate: number,
    tunables: Pick<ClientTunables, 'inputRedundancy' | 'snapDistance'>,
    private readonly fence: GameFence,
    options: { readonly predict: boolean; readonly viewAgeOf: (tick: number) => number },
  ) {
    this.entityId = options.predict ? fence.call('playerEntityId', () => sim.sim.playerEntityId?.(playerId)) : undefined;
    this.history = new InputHistory({ redundancy: tunables.inputRedundancy + 1 });
    this.smoother = new CorrectionSmoother({ teleportDistance: tunables.snapDistance });
    const only = (input: FieldValues) => new Map([[playerId, input]]);
    this.reconciler = new Reconciler<State, FieldValues>({
      tickRate,
      neutralInput: sim.neutralInput,
      epsilon: 1e-9,
      // A predicted tick whose game code threw keeps the state it had, as the host's does.
      step: (state, input, _dtMs, tick) => fence.run(tick, 'step', () => sim.step(state, only(input), this.context(playerId, tick, options.viewAgeOf)).state, state),
      distance: (a, b) => this.distanceOf(a, b),
    });
  }

  /** The newest predicted state, once the first snapshot gave a starting point. */
  get state(): State | undefined {
    return this.current;
  }

  get newestTick(): number {
    return this.reconciler.newestTick;
  }

  /**
   * The predicted state of `tick`, or the newest one when `tick`'s is not held: what a snapshot of
   * `tick` replaces, and so what keeps the client's own copy of what entities do not carry.
   */
  stateAt(tick: number): State | undefined {
    return this.reconciler.predicted(tick) ?? this.current;
  }

  /** Records the input of `tick` and predicts that tick, when there is a state to predict from. */
  advance(tick: number, input: FieldValues): void {
    if (tick > this.history.newestTick) this.history.record(tick, input);
    if (this.current === undefined || tick <= this.reconciler.newestTick) return;
    this.catchUp(tick - 1);
    this.current = this.reconciler.predict(tick, this.current, input);
  }

  /** Applies the host's state of `tick`; returns the correction, if the prediction was wrong. */
  reconcile(tick: number, authoritative: State): CorrectionReport | undefined {
    if (this.current === undefined) {
      this.current = authoritative;
      this.reconciler.record(tick, authoritative);
      return undefined;
    }
    const before = this.positionOf(this.current);
    const result = this.reconciler.reconcile(tick, authoritative, this.history);
    if (result.stale) return undefined;
    this.current = result.state;
    if (!result.corrected || !Number.isFinite(result.error)) return undefined;
    const after = this.positionOf(this.current);
    if (before.length === after.length) this.smoother.correct(before, after);
    return { tick, size: result.error };
  }

  /** Lets `elapsedMs` of a correction's glide pass. */
  decay(elapsedMs: number): void {
    this.smoother.update(elapsedMs);
  }

  /** The local player's entity to draw: predicted, with any correction still gliding out. */
  view(): EntityView | undefined {
    const entity = this.current === undefined ? undefined : this.localEntity(this.current);
    if (!entity) return undefined;
    const fields = this.fieldsOf(entity);
    const drawn = this.smoother.apply(fieldVector(entity.values, fields));
    const values = { ...entity.values };
    fields.forEach((name, i) => (values[name] = drawn[i]!));
    return { id: entity.id, type: entity.type, values };
  }

  /** What a predicted `step` knows: its own view of the others, and no past to rewind to. */
  private context(playerId: PlayerId, tick: number, viewAgeOf: (tick: number) => number): StepContext<State> {
    return {
      tick,
      authoritative: false,
      viewTick: (of) => (of === playerId ? tick - viewAgeOf(tick) : tick),
      rewindFor: () => undefined,
      rewind: () => undefined,
    };
  }

  /** Predicts the ticks between the newest prediction and `tick` with the recorded inputs. */
  private catchUp(tick: number): void {
    for (let t = this.reconciler.newestTick + 1; t <= tick && this.current !== undefined; t++) {
      this.current = this.reconciler.predict(t, this.current, this.history.get(t) ?? this.sim.neutralInput);
    }
  }

  private localEntity(state: State): SnapshotEntity | undefined {
    if (this.entityId === undefined) return undefined;
    return this.fence.call('toEntities', () => this.sim.sim.toEntities(state)).find((e) => e.id === this.entityId);
  }

  private fieldsOf(entity: SnapshotEntity): string[] {
    const schema = this.sim.sim.schema.entities[entity.type];
    return schema ? smoothFields(schema) : [];
  }

  /** The local player's fixed-point fields in `state`: what the smoother glides. */
  private positionOf(state: State): number[] {
    const entity = this.localEntity(state);
    return entity ? fieldVector(entity.values, this.fieldsOf(entity)) : [];
  }

  private distanceOf(a: State, b: State): number {
    const ea = this.localEntity(a);
    const eb = this.localEntity(b);
    const schema = this.sim.sim.schema.entities[(ea ?? eb)?.type ?? ''];
    return schema ? entityDistance(schema, ea, eb) : 0;
  }
}
