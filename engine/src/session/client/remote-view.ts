/**
 * Remote entities as a client draws them. Every snapshot part that arrives says what is now known
 * of its tick (`SnapshotAssembler`): the entities it covers go into their own buffers by host tick,
 * each frame samples every entity's buffer at the render tick (host time minus the interpolation
 * delay) and blends the states around it. An entity a lost part may have carried is left alone
 * at that tick: it interpolates between the ticks that did cover it, so it is neither moved back,
 * nor frozen, nor removed (`EntityBuffers`). When an entity's buffer runs dry its motion is
 * extrapolated briefly, then held (see `SnapshotBuffer`).
 */
import { EntityBuffers } from '../../netcode/snapshot-buffer.js';
import type { GameSchema } from '../../protocol/schema.js';
import { dequantizeEntity, type QuantizedEntity, type QuantizedSnapshot } from '../../protocol/snapshot.js';
import { blendEntity, type EntityView } from '../entity-fields.js';

export class RemoteView {
  private readonly buffers: EntityBuffers<EntityView>;
  /** Entities read back once per quantized value: an unchanged entity is the same object tick after tick. */
  private readonly views = new WeakMap<QuantizedEntity, EntityView>();
  private dryFrames = 0;

  constructor(
    private readonly schema: GameSchema,
    tickRate: number,
  ) {
    this.buffers = new EntityBuffers({ tickRate });
  }

  /** Frames whose render tick was past the newest snapshot (extrapolating or holding). */
  get dry(): number {
    return this.dryFrames;
  }

  /** Counts a frame drawn at `renderTick`: dry when that is past the newest snapshot. */
  countFrame(renderTick: number): void {
    const mode = this.buffers.mode(renderTick);
    if (mode !== undefined && mode !== 'interpolate') this.dryFrames++;
  }

  /** The newest tick any part arrived for, or -1. */
  get newestTick(): number {
    return this.buffers.newestTick;
  }

  /**
   * Takes what is now known of `tick`: `known` as far as the parts so far go, every id that
   * `covers` exactly as the host has it (absent: gone).
   */
  update(tick: number, known: QuantizedSnapshot, covers: (id: number) => boolean): void {
    this.buffers.update(tick, known, covers, (id, entity) => this.view(id, entity));
  }

  /** Every entity at `renderTick`, blended; `skip` leaves one out (the predicted local player). Changes nothing. */
  sample(renderTick: number, skip?: number): EntityView[] {
    const out: EntityView[] = [];
    this.buffers.forEachAt(renderTick, (id, to, from, alpha) => {
      if (id === skip) return;
      const schema = this.schema.entities[to.type];
      out.push(from && schema && from.type === to.type ? blendEntity(schema, from, to, alpha) : to);
    });
    return out;
  }

  private view(id: number, entity: QuantizedEntity): EntityView {
    const cached = this.views.get(entity);
    if (cached?.id === id) return cached;
    const { type, values } = dequantizeEntity(this.schema, entity);
    const view = { id, type, values };
    this.views.set(entity, view);
    return view;
  }
}
