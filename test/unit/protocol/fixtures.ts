import type { Rng } from '../../../engine/src/core/rng.js';
import { field, validateSchema, type FieldValue, type FieldValues } from '../../../engine/src/protocol/schema.js';
import type { QuantizedSnapshot, SnapshotEntity } from '../../../engine/src/protocol/snapshot.js';

/** A small game: wire type indexes are bullet 0, pickup 1, ship 2 (sorted names). */
export const schema = validateSchema({
  entities: {
    ship: { x: field.fixed(0.01, 0, 2000), y: field.fixed(0.01, 0, 2000), angle: field.angle(12), score: field.int(0, 100000) },
    bullet: { x: field.fixed(0.01, 0, 2000), y: field.fixed(0.01, 0, 2000), owner: field.int(0, 65535) },
    pickup: {
      x: field.fixed(0.5, 0, 2000),
      y: field.fixed(0.5, 0, 2000),
      item: field.enum(['health', 'ammo', 'speed']),
      active: field.bool(),
    },
  },
  input: {
    up: field.bool(),
    down: field.bool(),
    left: field.bool(),
    right: field.bool(),
    fire: field.bool(),
    aim: field.angle(10),
  },
});

export const ctx = { schema };

export type EntityTypeName = keyof typeof schema.entities;

const TYPES: readonly EntityTypeName[] = ['ship', 'bullet', 'pickup'];
const ITEMS = ['health', 'ammo', 'speed'] as const;

/** Random values for an entity of `type`. */
export function randomValues(rng: Rng, type: EntityTypeName): FieldValues {
  const x = rng.next() * 2000;
  const y = rng.next() * 2000;
  switch (type) {
    case 'ship':
      return { x, y, angle: (rng.next() - 0.5) * 20, score: rng.int(0, 100000) };
    case 'bullet':
      return { x, y, owner: rng.int(0, 65535) };
    case 'pickup':
      return { x, y, item: ITEMS[rng.int(0, 2)]!, active: rng.chance(0.5) };
  }
}

export function randomType(rng: Rng): EntityTypeName {
  return TYPES[rng.int(0, TYPES.length - 1)]!;
}

/** A scene that evolves: entities move, some change one field, some appear, some vanish. */
export class RandomScene {
  private readonly entities = new Map<number, { type: EntityTypeName; values: Record<string, FieldValue> }>();
  private nextId = 0;

  constructor(
    private readonly rng: Rng,
    size: number,
  ) {
    for (let i = 0; i < size; i++) this.add();
  }

  step(): void {
    const rng = this.rng;
    for (const [id, e] of this.entities) {
      const roll = rng.next();
      if (roll < 0.05) this.entities.delete(id);
      else if (roll < 0.35) Object.assign(e.values, randomValues(rng, e.type));
      else if (roll < 0.5) e.values.x = rng.next() * 2000;
      else if (roll < 0.52) this.entities.set(id, { type: randomType(rng), values: { ...randomValues(rng, 'ship') } });
    }
    const additions = rng.int(0, 3);
    for (let i = 0; i < additions; i++) this.add();
  }

  list(): SnapshotEntity[] {
    return [...this.entities].map(([id, e]) => ({ id, type: e.type, values: { ...e.values } }));
  }

  private add(): void {
    // Ids are reused after wrapping so that type changes under one id happen too.
    const id = this.nextId;
    this.nextId = (this.nextId + 1) % 400;
    const type = randomType(this.rng);
    this.entities.set(id, { type, values: { ...randomValues(this.rng, type) } });
  }
}

/** A snapshot as plain data, for deep equality that does not depend on Map insertion order. */
export function plain(snapshot: QuantizedSnapshot): Record<number, [number, number[]]> {
  const out: Record<number, [number, number[]]> = {};
  for (const [id, e] of snapshot) out[id] = [e.type, Array.from(e.values)];
  return out;
}
