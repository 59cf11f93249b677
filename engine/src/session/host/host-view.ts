/**
 * What the host draws. Its state changes once a tick, which at 20 or 30 Hz looks jerky on a 60 Hz
 * screen, so the host draws one tick behind, between its two newest ticks, blended as a client
 * blends remote entities (`blendEntity`): at any frame rate the motion is smooth, and it lags the
 * simulation by at most a tick. Entities are read back from the quantized snapshots only when
 * drawn, so a host that draws nothing pays nothing.
 */
import type { GameSchema } from '../../protocol/schema.js';
import type { QuantizedSnapshot, SnapshotEntity } from '../../protocol/snapshot.js';
import { blendEntity, type EntityView } from '../entity-fields.js';

interface Frame {
  readonly tick: number;
  readonly snapshot: QuantizedSnapshot;
  entities?: ReadonlyMap<number, SnapshotEntity>;
}

export class HostView {
  private older: Frame | undefined;
  private newer: Frame | undefined;

  constructor(
    private readonly schema: GameSchema,
    private readonly read: (snapshot: QuantizedSnapshot) => readonly SnapshotEntity[],
  ) {}

  /** The snapshot of a tick just simulated; ticks only increase. */
  record(tick: number, snapshot: QuantizedSnapshot): void {
    if (this.newer?.tick === tick) this.newer = { tick, snapshot };
    else {
      this.older = this.newer;
      this.newer = { tick, snapshot };
    }
  }

  /** The fractional tick drawn at host time `tickTime` (in ticks): one tick behind, within the two newest. */
  renderTick(tickTime: number): number {
    if (!this.newer) return 0;
    const oldest = this.older?.tick ?? this.newer.tick;
    return Math.min(Math.max(tickTime - 1, oldest), this.newer.tick);
  }

  /** Every entity at `renderTick`, blended between the two newest ticks. Changes nothing but a cache. */
  sample(renderTick: number): EntityView[] {
    const newer = this.newer;
    if (!newer) return [];
    const to = this.entitiesOf(newer);
    const older = this.older;
    const alpha = older ? Math.min(Math.max((renderTick - older.tick) / (newer.tick - older.tick), 0), 1) : 1;
    if (!older || alpha >= 1) return [...to.values()];
    const from = this.entitiesOf(older);
    const out: EntityView[] = [];
    for (const [id, entity] of to) {
      const before = from.get(id);
      const schema = this.schema.entities[entity.type];
      out.push(before && schema && before.type === entity.type ? blendEntity(schema, before, entity, alpha) : entity);
    }
    return out;
  }

  private entitiesOf(frame: Frame): ReadonlyMap<number, SnapshotEntity> {
    frame.entities ??= new Map(this.read(frame.snapshot).map((e) => [e.id, e]));
    return frame.entities;
  }
}
