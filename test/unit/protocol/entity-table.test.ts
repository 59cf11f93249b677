import { describe, expect, it } from 'vitest';
import { createRng } from '../../../engine/src/core/rng.js';
import { EntityTable, entityIndex } from '../../../engine/src/protocol/entity-table.js';
import { diffSnapshot } from '../../../engine/src/protocol/snapshot-delta.js';
import { SnapshotProjector } from '../../../engine/src/protocol/snapshot-projector.js';
import { quantizeSnapshot, type QuantizedEntity, type QuantizedSnapshot } from '../../../engine/src/protocol/snapshot.js';
import { RandomScene, schema } from './fixtures.js';

const entity = (type: number, ...values: number[]): QuantizedEntity => ({ type, values: Int32Array.from(values) });

describe('EntityTable', () => {
  it('reads as the Map of the same entries, in the same order', () => {
    const entries: [number, QuantizedEntity][] = [
      [9, entity(0, 1, 2)],
      [3, entity(1, 4)],
      [400, entity(0, 5, 6)],
    ];
    const map = new Map(entries);
    const table = new EntityTable(entityIndex(entries.map(([id]) => id)), entries.map(([, e]) => e));
    expect(table.size).toBe(3);
    expect([...table]).toEqual([...map]);
    expect([...table.entries()]).toEqual([...map.entries()]);
    expect([...table.keys()]).toEqual([9, 3, 400]);
    expect([...table.values()]).toEqual([...map.values()]);
    for (const id of [9, 3, 400, 4, -1]) {
      expect(table.get(id)).toBe(map.get(id));
      expect(table.has(id)).toBe(map.has(id));
    }
    const seen: [number, QuantizedEntity, unknown][] = [];
    table.forEach(function (this: unknown, e, id, whole) {
      seen.push([id, e, this]);
      expect(whole).toBe(table);
    }, 'self');
    expect(seen).toEqual(entries.map(([id, e]) => [id, e, 'self']));
    expect(new Map(table)).toEqual(map);
  });
});

describe('diffSnapshot of tables', () => {
  it('gives the records and removals it gives for the same snapshots as Maps', () => {
    const scene = new RandomScene(createRng(11), 50);
    const projector = new SnapshotProjector(schema);
    const tables: QuantizedSnapshot[] = [];
    const maps: QuantizedSnapshot[] = [];
    for (let tick = 0; tick < 60; tick++) {
      const entities = scene.list();
      // Now and then the same world, some ids in another order: tables of another index.
      if (tick % 7 === 3) entities.reverse();
      tables.push(projector.project(entities).snapshot);
      maps.push(quantizeSnapshot(schema, entities));
      scene.step();
      if (tick % 5 === 0) {
        // The same world twice: tables of one index.
        const again = scene.list();
        tables.push(projector.project(again).snapshot);
        maps.push(quantizeSnapshot(schema, again));
      }
    }
    let aligned = 0;
    for (let i = 1; i < tables.length; i++) {
      for (const back of [1, 2, 5]) {
        if (i - back < 0) continue;
        const fromTables = diffSnapshot(schema, tables[i]!, tables[i - back]);
        expect(fromTables).toEqual(diffSnapshot(schema, maps[i]!, maps[i - back]));
        expect(diffSnapshot(schema, tables[i]!, maps[i - back])).toEqual(fromTables);
        if ((tables[i] as EntityTable).index === (tables[i - back] as EntityTable).index) aligned++;
      }
      expect(diffSnapshot(schema, tables[i]!, undefined)).toEqual(diffSnapshot(schema, maps[i]!, undefined));
    }
    // Both paths of the diff ran: tables that share an index, and tables that do not.
    expect(aligned).toBeGreaterThan(0);
    expect(aligned).toBeLessThan(3 * tables.length - 3);
  });
});
