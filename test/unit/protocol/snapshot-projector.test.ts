import { describe, expect, it } from 'vitest';
import { isNetError } from '../../../engine/src/core/net-error.js';
import { createRng } from '../../../engine/src/core/rng.js';
import { EntityTable } from '../../../engine/src/protocol/entity-table.js';
import { field, validateSchema } from '../../../engine/src/protocol/schema.js';
import { SnapshotProjector } from '../../../engine/src/protocol/snapshot-projector.js';
import { dequantizeEntity, quantizeSnapshot, type QuantizedSnapshot, type SnapshotEntity } from '../../../engine/src/protocol/snapshot.js';
import { RandomScene, schema } from './fixtures.js';

/** A snapshot as plain data, in iteration order. */
function plain(snapshot: QuantizedSnapshot): [number, number, number[]][] {
  return [...snapshot].map(([id, e]) => [id, e.type, Array.from(e.values)]);
}

const bodySchema = validateSchema({
  entities: { body: { x: field.fixed(1 / 512, -256, 255), orientation: field.quat(9) } },
  input: {},
});

describe('SnapshotProjector', () => {
  it('gives what quantizing and reading back every entity gives, tick after tick', () => {
    const scene = new RandomScene(createRng(3), 60);
    const projector = new SnapshotProjector(schema);
    for (let tick = 0; tick < 80; tick++) {
      const entities = scene.list();
      const { snapshot, entities: readBack } = projector.project(entities);
      expect(plain(snapshot)).toEqual(plain(quantizeSnapshot(schema, entities)));
      expect(readBack.map((e) => e.id)).toEqual(entities.map((e) => e.id));
      for (const e of readBack) expect({ type: e.type, values: e.values }).toEqual(dequantizeEntity(schema, snapshot.get(e.id)!));
      // Given back what it read, nothing is quantized again: the very same objects.
      const replay = projector.project(readBack.map((e) => ({ id: e.id, type: e.type, values: e.values })));
      for (const [i, e] of replay.entities.entries()) expect(e).toBe(readBack[i]);
      for (const [id, e] of replay.snapshot) expect(e).toBe(snapshot.get(id));
      scene.step();
    }
  });

  it('keeps the objects of an entity given back its read-back values, and of one that moved less than a step', () => {
    const projector = new SnapshotProjector(bodySchema);
    const first = projector.project([
      { id: 1, type: 'body', values: { x: 1.0001, orientation: [0, 0, 0.6, 0.8] } },
      { id: 2, type: 'body', values: { x: 3, orientation: [0, 0, 0, 1] } },
    ]);
    const [one, two] = first.entities;
    // The game kept the values it read back (the quaternion is the very array it was given).
    const again = projector.project([
      { id: 1, type: 'body', values: { x: one!.values.x!, orientation: one!.values.orientation! } },
      { id: 2, type: 'body', values: { x: 3 + 1 / 4096, orientation: [0, 0, 0, 1] } },
    ]);
    expect(again.entities[0]).toBe(one);
    expect(again.snapshot.get(1)).toBe(first.snapshot.get(1));
    // Entity 2 moved by less than half a step: quantized the same, so the same objects.
    expect(again.entities[1]).toBe(two);
    expect(again.snapshot.get(2)).toBe(first.snapshot.get(2));
    const moved = projector.project([
      { id: 1, type: 'body', values: { x: 2, orientation: one!.values.orientation! } },
      { id: 2, type: 'body', values: { x: 3, orientation: [0, 0, 0, 1] } },
    ]);
    expect(moved.snapshot.get(1)).not.toBe(first.snapshot.get(1));
    expect(moved.entities[0]!.values.x).toBe(2);
    expect(moved.snapshot.get(2)).toBe(first.snapshot.get(2));
  });

  it('checks a value quantizing changes every time it is given', () => {
    const heard: string[] = [];
    const projector = new SnapshotProjector(bodySchema, (entity, name, _type, problem) => heard.push(`${entity.id}.${name}: ${problem}`));
    const entities: SnapshotEntity[] = [{ id: 5, type: 'body', values: { x: 1000, orientation: [0, 0, 0, 1] } }];
    projector.project(entities);
    const { entities: readBack } = projector.project(entities);
    expect(heard).toEqual(['5.x: out_of_range', '5.x: out_of_range']);
    expect(readBack[0]!.values.x).toBe(255);
  });

  it('shares the index of a table whose ids are those of the last one, in the same order', () => {
    const projector = new SnapshotProjector(schema);
    const a = projector.project([
      { id: 1, type: 'bullet', values: { x: 1, y: 1, owner: 1 } },
      { id: 2, type: 'bullet', values: { x: 2, y: 2, owner: 1 } },
    ]).snapshot;
    const b = projector.project([
      { id: 1, type: 'bullet', values: { x: 5, y: 1, owner: 1 } },
      { id: 2, type: 'bullet', values: { x: 2, y: 2, owner: 1 } },
    ]).snapshot;
    const c = projector.project([
      { id: 2, type: 'bullet', values: { x: 2, y: 2, owner: 1 } },
      { id: 1, type: 'bullet', values: { x: 5, y: 1, owner: 1 } },
    ]).snapshot;
    expect(a).toBeInstanceOf(EntityTable);
    expect((b as EntityTable).index).toBe((a as EntityTable).index);
    expect((c as EntityTable).index).not.toBe((b as EntityTable).index);
    expect([...c.keys()]).toEqual([2, 1]);
    expect(c.get(1)).toBe(b.get(1));
  });

  it('refuses a repeated id, an unknown type or a bad id, and starts afresh after', () => {
    const projector = new SnapshotProjector(schema);
    const bullet = (id: number, x: number): SnapshotEntity => ({ id, type: 'bullet', values: { x, y: 1, owner: 1 } });
    projector.project([bullet(1, 1), bullet(2, 2)]);
    // Entity 1 moved and comes again where entity 2 was: found either way, refused.
    for (const bad of [[bullet(1, 5), bullet(1, 6)], [bullet(2, 2), bullet(2, 2)], [bullet(3, 1), { id: 4, type: 'tank', values: {} }], [bullet(-1, 1)], [bullet(1.5, 1)]]) {
      let error: unknown;
      try {
        projector.project(bad);
      } catch (caught) {
        error = caught;
      }
      expect(isNetError(error) && error.code === 'invalid_option').toBe(true);
    }
    const { snapshot } = projector.project([bullet(2, 2), bullet(1, 1)]);
    expect(plain(snapshot)).toEqual(plain(quantizeSnapshot(schema, [bullet(2, 2), bullet(1, 1)])));
  });

  it('forgets an entity that is gone: one that comes back under its id is new', () => {
    const projector = new SnapshotProjector(schema);
    const bullet = (id: number): SnapshotEntity => ({ id, type: 'bullet', values: { x: 1, y: 1, owner: 1 } });
    const first = projector.project([bullet(1), bullet(2)]);
    projector.project([bullet(2)]);
    const back = projector.project([bullet(2), bullet(1)]);
    expect(back.snapshot.get(1)).not.toBe(first.snapshot.get(1));
    expect(back.snapshot.get(2)).toBe(first.snapshot.get(2));
  });
});
