/**
 * The simulation as both sides really run it: every state is passed through the wire's
 * quantization right after `step`. The host then simulates exactly the numbers the clients receive,
 * and a client that predicts with the same inputs reaches the host's state bit for bit, so a
 * correction means a real disagreement, never float drift ("Snapshot Compression", G. Fiedler).
 * The round trip costs only what changed since the last state (`snapshot-projector.ts`).
 */
import { dequantizeEntity, type EntityValueCheck, type QuantizedSnapshot, type SnapshotEntity } from '../protocol/snapshot.js';
import { SnapshotProjector, type Projection } from '../protocol/snapshot-projector.js';
import { neutralValue } from '../protocol/quantize.js';
import type { FieldValues } from '../protocol/schema.js';
import { directCalls, type GameCalls } from './game-fence.js';
import type { AnySimulation, PlayerId, StepContext } from './simulation.js';

/** The game's neutral input, or the schema's neutral values when it gives none. */
export function neutralInputOf(sim: AnySimulation<unknown>): FieldValues {
  if (sim.neutralInput !== undefined) return sim.neutralInput;
  const fields = sim.schema.input;
  return Object.fromEntries(Object.keys(fields).map((name) => [name, neutralValue(fields[name]!)]));
}

/** A state as the wire carries it: its snapshot, and the state rebuilt from that. */
export interface SettledState<State> {
  readonly state: State;
  readonly snapshot: QuantizedSnapshot;
}

export class QuantizedSim<State> {
  readonly dt: number;
  /** The game's neutral input (see {@link neutralInputOf}). */
  readonly neutralInput: FieldValues;
  /** Remembers the last projection: unchanged entities reuse its objects. */
  private readonly projector: SnapshotProjector;

  /**
   * @param calls how each call of the game's code is made: a fence tags a throw with the function that threw
   * @param check hears each value of the game's entities that quantizing changes (see `value-report.ts`)
   */
  constructor(
    readonly sim: AnySimulation<State>,
    tickRate: number,
    private readonly calls: GameCalls = directCalls,
    check?: EntityValueCheck,
  ) {
    this.dt = 1 / tickRate;
    this.neutralInput = neutralInputOf(sim);
    this.projector = new SnapshotProjector(sim.schema, check);
  }

  /** The state's entities on the wire. */
  quantize(state: State): QuantizedSnapshot {
    return this.project(state).snapshot;
  }

  /** The state's snapshot, and its entities read back. */
  private project(state: State): Projection {
    // Checking the entities is part of `toEntities` here: a bad entity is the game's to fix.
    return this.calls.call('toEntities', () => this.projector.project(this.sim.toEntities(state)));
  }

  /**
   * Entities as the game sees them again. For the snapshot made last these are the entities the
   * projection read back, shared with it: they must not be changed.
   */
  entities(snapshot: QuantizedSnapshot): readonly SnapshotEntity[] {
    const latest = this.projector.latest;
    if (latest?.snapshot === snapshot) return latest.entities;
    const out: SnapshotEntity[] = [];
    for (const [id, entity] of snapshot) {
      const { type, values } = dequantizeEntity(this.sim.schema, entity);
      out.push({ id, type, values });
    }
    return out;
  }

  /** The state these entities describe; `previous` is the same moment's state, for what entities do not carry. */
  fromEntities(entities: readonly SnapshotEntity[], previous: State): State {
    return this.calls.call('fromEntities', () => this.sim.fromEntities(entities, previous));
  }

  /** The state rebuilt from a snapshot. */
  fromSnapshot(snapshot: QuantizedSnapshot, previous: State): State {
    return this.fromEntities(this.entities(snapshot), previous);
  }

  /**
   * `state` through the wire's quantization. `state` itself is `previous` to `fromEntities`: it is
   * the state of the same moment, so whatever it holds outside entities is carried through.
   */
  settle(state: State): SettledState<State> {
    const { snapshot, entities } = this.project(state);
    return { state: this.fromEntities(entities, state), snapshot };
  }

  /** One tick, then quantized; returns the new state and its snapshot. */
  step(state: State, inputs: ReadonlyMap<PlayerId, FieldValues>, context: StepContext<State>): SettledState<State> {
    return this.settle(this.calls.call('step', () => this.sim.step(state, inputs, this.dt, context)));
  }
}
