/**
 * The priority accumulator of Glenn Fiedler's "State Synchronization" (gafferongames.com), one per
 * client: every snapshot, each entity that needs an update adds its priority to its total; the
 * snapshot is filled by total, highest first, and an entity sent starts again from zero. An entity
 * left out keeps its total and adds to it, so it climbs past the ones sent until it goes: a low
 * priority makes an entity wait longer, never forever. Priorities below {@link MIN_PRIORITY} count
 * as that, so even a priority of 0 adds up.
 */

/** The least a priority counts for: what keeps an entity of priority 0 from waiting forever. */
export const MIN_PRIORITY = 0.001;

export class PriorityAccumulator {
  private readonly totals = new Map<number, number>();

  /** Entities with a total. */
  get size(): number {
    return this.totals.size;
  }

  /** Adds `priority` (at least {@link MIN_PRIORITY}) to the entity's total; returns the new total. */
  add(id: number, priority: number): number {
    const total = (this.totals.get(id) ?? 0) + Math.max(priority, MIN_PRIORITY);
    this.totals.set(id, total);
    return total;
  }

  /** The entity's total: 0 when it was just sent or never waited. */
  total(id: number): number {
    return this.totals.get(id) ?? 0;
  }

  /** The entity was sent (or needs nothing): it starts again from zero. */
  sent(id: number): void {
    this.totals.delete(id);
  }

  /** Forgets every entity `keep` rejects (gone from the world or out of the player's interest). */
  retain(keep: (id: number) => boolean): void {
    for (const id of this.totals.keys()) if (!keep(id)) this.totals.delete(id);
  }
}
