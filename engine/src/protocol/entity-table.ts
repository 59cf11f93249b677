/**
 * A snapshot as the host makes it, tick after tick: the entities in one array, in the game's order,
 * beside an index from id to position. Consecutive ticks of a world whose set of entities did not
 * change (the usual case) share the ids and the index, so a new snapshot costs one array of
 * references, where a `Map` would hash every entity again; the history of snapshots kept for
 * baselines stays as small. Two snapshots that share an index hold each id at the same position,
 * which lets a diff compare them position by position, without a lookup (`snapshot-delta.ts`).
 *
 * It is read as any `ReadonlyMap` from id to entity, iterated in the game's order.
 */
import type { QuantizedEntity } from './snapshot.js';

/** Ids in order, and the position of each: shared between tables of the same entity set. */
export interface EntityIndex {
  readonly ids: readonly number[];
  readonly positions: ReadonlyMap<number, number>;
}

/** An index of `ids`, which must be distinct. */
export function entityIndex(ids: readonly number[]): EntityIndex {
  const positions = new Map<number, number>();
  for (let i = 0; i < ids.length; i++) positions.set(ids[i]!, i);
  return { ids, positions };
}

export class EntityTable implements ReadonlyMap<number, QuantizedEntity> {
  /**
   * @param index the ids, in order, and their positions
   * @param list the entity of each id, at the id's position; neither may change afterwards
   */
  constructor(
    readonly index: EntityIndex,
    readonly list: readonly QuantizedEntity[],
  ) {}

  get size(): number {
    return this.list.length;
  }

  get(id: number): QuantizedEntity | undefined {
    const at = this.index.positions.get(id);
    return at === undefined ? undefined : this.list[at];
  }

  has(id: number): boolean {
    return this.index.positions.has(id);
  }

  forEach(callback: (entity: QuantizedEntity, id: number, table: ReadonlyMap<number, QuantizedEntity>) => void, thisArg?: unknown): void {
    const { ids } = this.index;
    for (let i = 0; i < ids.length; i++) callback.call(thisArg, this.list[i]!, ids[i]!, this);
  }

  *entries(): MapIterator<[number, QuantizedEntity]> {
    const { ids } = this.index;
    for (let i = 0; i < ids.length; i++) yield [ids[i]!, this.list[i]!];
  }

  *keys(): MapIterator<number> {
    yield* this.index.ids;
  }

  *values(): MapIterator<QuantizedEntity> {
    yield* this.list;
  }

  [Symbol.iterator](): MapIterator<[number, QuantizedEntity]> {
    return this.entries();
  }
}
