/**
 * The simulation as both sides really run it: every state is passed through the wire's
 * quantization right after `step`. The host then simulates exactly the numbers the clients receive,
 * and a client that predicts with the same inputs reaches the host's state bit for bit, so a
 * correction means a real disagreement, never float drift ("Snapshot Compression", G. Fiedler).
 */
import { dequantizeEntity, quantizeSnapshot, type QuantizedSnapshot, type SnapshotEntity } from '../protocol/snapshot.js';
import type { FieldValues } from '../protocol/schema.js';
import type { PlayerId, Simulation, StepContext } from './simulation.js';

export class QuantizedSim<State, Input extends FieldValues> {
  readonly dt: number;
  /** The last snapshot made: unchanged entities reuse its objects (see `quantizeSnapshot`). */
  private last: QuantizedSnapshot | undefined;

  constructor(
    readonly sim: Simulation<State, Input>,
    tickRate: number,
  ) {
    this.dt = 1 / tickRate;
  }

  /** The state's entities on the wire. */
  quantize(state: State): QuantizedSnapshot {
    this.last = quantizeSnapshot(this.sim.schema, this.sim.toEntities(state), this.last);
    return this.last;
  }

  /** Entities as the game sees them again. */
  entities(snapshot: QuantizedSnapshot): SnapshotEntity[] {
    const out: SnapshotEntity[] = [];
    for (const [id, entity] of snapshot) {
      const { type, values } = dequantizeEntity(this.sim.schema, entity);
      out.push({ id, type, values });
    }
    return out;
  }

  /** The state rebuilt from a snapshot. */
  fromSnapshot(snapshot: QuantizedSnapshot, previous: State): State {
    return this.sim.fromEntities(this.entities(snapshot), previous);
  }

  /** One tick, then quantized; returns the new state and its snapshot. */
  step(state: State, inputs: ReadonlyMap<PlayerId, Input>, context: StepContext<State>): { state: State; snapshot: QuantizedSnapshot } {
    const next = this.sim.step(state, inputs, this.dt, context);
    const snapshot = this.quantize(next);
    return { state: this.fromSnapshot(snapshot, next), snapshot };
  }
}
