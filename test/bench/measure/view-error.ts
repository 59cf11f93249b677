/**
 * How far what a client draws is from the host's state: every sampled frame, each remote entity the
 * client draws at its render tick is compared with the host's own (quantized) states at that tick,
 * blended between the two ticks around it as the client blends. With every snapshot arriving the
 * two agree to rounding; lost parts, late baselines and extrapolation past the newest snapshot are
 * what moves them apart. Distances are `entityDistance`'s: position units plus radians of rotation.
 */
import type { GameSchema } from '../../../engine/src/protocol/schema.js';
import { dequantizeEntity, quantizeSnapshot, type SnapshotEntity } from '../../../engine/src/protocol/snapshot.js';
import type { Client } from '../../../engine/src/session/client/client.js';
import { blendEntity, entityDistance, type EntityView } from '../../../engine/src/session/entity-fields.js';
import type { Simulation } from '../../../engine/src/session/simulation.js';
import { quantile } from './stats.js';

/** Ticks of host states kept: well past any render delay. */
const KEPT_TICKS = 240;

export interface ViewErrorFigures {
  readonly max: number;
  readonly p99: number;
  readonly samples: number;
}

export class ViewError<State, Schema extends GameSchema> {
  private readonly truth = new Map<number, Map<number, EntityView>>();
  private readonly errors: number[] = [];

  constructor(private readonly simulation: Simulation<State, Schema>) {}

  /** Keeps the host's state of `tick`, as the wire would carry it. */
  record(tick: number, entities: readonly SnapshotEntity[]): void {
    const { schema } = this.simulation;
    const quantized = quantizeSnapshot(schema, entities);
    const views = new Map<number, EntityView>();
    for (const [id, entity] of quantized) views.set(id, { id, ...dequantizeEntity(schema, entity) });
    this.truth.set(tick, views);
    this.truth.delete(tick - KEPT_TICKS);
  }

  /** Compares what `client` draws now with the host's states around its render tick. */
  sample(client: Client<State, Schema>): void {
    const view = client.view();
    const from = this.truth.get(Math.floor(view.renderTick));
    const to = this.truth.get(Math.ceil(view.renderTick));
    if (!from || !to) return;
    const own = client.playerId === undefined ? undefined : this.simulation.playerEntityId?.(client.playerId);
    const alpha = view.renderTick - Math.floor(view.renderTick);
    for (const drawn of view.entities) {
      const [a, b] = [from.get(drawn.id), to.get(drawn.id)];
      if (drawn.id === own || !a || !b) continue;
      const schema = this.simulation.schema.entities[drawn.type]!;
      this.errors.push(entityDistance(schema, drawn, blendEntity(schema, a, b, alpha)));
    }
  }

  /** The largest error and the 99th percentile; throws when nothing was sampled. */
  figures(): ViewErrorFigures {
    const p99 = quantile(this.errors, 0.99, 'view errors');
    let max = 0;
    for (const e of this.errors) max = Math.max(max, e);
    return { max, p99, samples: this.errors.length };
  }
}
