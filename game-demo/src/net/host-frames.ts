/**
 * What the host draws. The host's state changes once per tick, which at 20 or 30 Hz looks jerky on
 * a 60 Hz screen, so the host draws between its two newest ticks (one tick behind): positions
 * blend linearly, angles the short way round, everything else is the newer tick's.
 */
import type { EntityView, SnapshotEntity } from 'tickwire';

interface TickEntities {
  readonly tick: number;
  readonly byId: ReadonlyMap<number, SnapshotEntity>;
}

const BLENDED = ['x', 'y'] as const;

function shortTurn(from: number, to: number): number {
  const turn = (to - from) % (2 * Math.PI);
  return turn > Math.PI ? turn - 2 * Math.PI : turn < -Math.PI ? turn + 2 * Math.PI : turn;
}

export class HostFrames {
  private previous: TickEntities | undefined;
  private current: TickEntities | undefined;

  /** The entities of a tick just simulated. */
  push(tick: number, entities: readonly SnapshotEntity[]): void {
    this.previous = this.current;
    this.current = { tick, byId: new Map(entities.map((e) => [e.id, e])) };
  }

  /** The entities at fractional tick `at` (clamped between the two newest ticks). */
  sample(at: number): { tick: number; entities: EntityView[] } {
    const to = this.current;
    if (!to) return { tick: 0, entities: [] };
    const from = this.previous;
    const alpha = from ? Math.min(1, Math.max(0, (at - from.tick) / (to.tick - from.tick))) : 1;
    const entities: EntityView[] = [];
    for (const [id, entity] of to.byId) {
      const before = from?.byId.get(id);
      if (!before || before.type !== entity.type || alpha >= 1) {
        entities.push(entity);
        continue;
      }
      const values = { ...entity.values };
      for (const name of BLENDED) {
        const a = before.values[name];
        const b = entity.values[name];
        if (typeof a === 'number' && typeof b === 'number') values[name] = a + (b - a) * alpha;
      }
      const a = before.values.angle;
      const b = entity.values.angle;
      if (typeof a === 'number' && typeof b === 'number') values.angle = a + shortTurn(a, b) * alpha;
      entities.push({ id, type: entity.type, values });
    }
    return { tick: to.tick, entities };
  }
}
