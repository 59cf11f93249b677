/**
 * Remote entities as a client draws them: complete snapshots go into a buffer by host tick, and
 * each frame samples it at the render tick (host time minus the interpolation delay), blending the
 * two snapshots around it. When the buffer runs dry the newest motion is extrapolated briefly, then
 * held (see `SnapshotBuffer`).
 */
import { SnapshotBuffer } from '../../netcode/snapshot-buffer.js';
import type { GameSchema } from '../../protocol/schema.js';
import type { SnapshotEntity } from '../../protocol/snapshot.js';
import { blendEntity, type EntityView } from '../entity-fields.js';

type EntityMap = ReadonlyMap<number, EntityView>;

export class RemoteView {
  private readonly buffer: SnapshotBuffer<EntityMap>;
  private dryFrames = 0;

  constructor(
    private readonly schema: GameSchema,
    tickRate: number,
  ) {
    this.buffer = new SnapshotBuffer({ tickRate });
  }

  /** Frames whose render tick was past the newest snapshot (extrapolating or holding). */
  get dry(): number {
    return this.dryFrames;
  }

  /** Counts a frame drawn at `renderTick`: dry when that is past the newest snapshot. */
  countFrame(renderTick: number): void {
    const mode = this.buffer.sample(renderTick)?.mode;
    if (mode !== undefined && mode !== 'interpolate') this.dryFrames++;
  }

  /** The newest tick in the buffer, or -1. */
  get newestTick(): number {
    return this.buffer.size === 0 ? -1 : this.buffer.newestTick;
  }

  insert(tick: number, entities: readonly SnapshotEntity[]): void {
    this.buffer.insert(tick, new Map(entities.map((e) => [e.id, e])));
  }

  /** Every entity at `renderTick`, blended; `skip` leaves one out (the predicted local player). Changes nothing. */
  sample(renderTick: number, skip?: number): EntityView[] {
    const sample = this.buffer.sample(renderTick);
    if (!sample) return [];
    const out: EntityView[] = [];
    for (const [id, to] of sample.to.state) {
      if (id === skip) continue;
      const from = sample.from.state.get(id);
      const schema = this.schema.entities[to.type];
      out.push(from && schema && from.type === to.type ? blendEntity(schema, from, to, sample.alpha) : to);
    }
    return out;
  }
}
