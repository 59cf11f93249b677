import { describe, expect, it } from 'vitest';
import { isNetError } from '../../../engine/src/core/net-error.js';
import { createRng } from '../../../engine/src/core/rng.js';
import type { EntityRecord } from '../../../engine/src/protocol/messages.js';
import { applyDelta, diffSnapshot } from '../../../engine/src/protocol/snapshot-delta.js';
import { dequantizeEntity, quantizeSnapshot, type QuantizedSnapshot } from '../../../engine/src/protocol/snapshot.js';
import { RandomScene, schema } from './fixtures.js';

/** A snapshot as plain data, for deep equality that does not depend on Map insertion order. */
function plain(snapshot: QuantizedSnapshot): Record<number, [number, number[]]> {
  const out: Record<number, [number, number[]]> = {};
  for (const [id, e] of snapshot) out[id] = [e.type, Array.from(e.values)];
  return out;
}

describe('quantizeSnapshot', () => {
  it('numbers types by sorted name and quantizes values', () => {
    const snapshot = quantizeSnapshot(schema, [
      { id: 7, type: 'ship', values: { x: 1, y: 2, angle: Math.PI, score: 9 } },
      { id: 8, type: 'pickup', values: { x: 3, y: 4, item: 'speed', active: true } },
    ]);
    expect(plain(snapshot)).toEqual({ 7: [2, [100, 200, 2048, 9]], 8: [1, [6, 8, 2, 1]] });
    expect(dequantizeEntity(schema, snapshot.get(8)!)).toEqual({ type: 'pickup', values: { x: 3, y: 4, item: 'speed', active: true } });
  });

  it('throws invalid_option for game bugs: unknown type, bad or repeated id', () => {
    const cases = [
      [{ id: 1, type: 'tank', values: {} }],
      [{ id: 65536, type: 'ship', values: {} }],
      [{ id: 1.5, type: 'ship', values: {} }],
      [
        { id: 1, type: 'ship', values: {} },
        { id: 1, type: 'bullet', values: {} },
      ],
    ];
    for (const entities of cases) {
      let caught: unknown;
      try {
        quantizeSnapshot(schema, entities);
      } catch (error) {
        caught = error;
      }
      expect(isNetError(caught, 'invalid_option'), JSON.stringify(entities)).toBe(true);
    }
  });
});

describe('diffSnapshot', () => {
  const base = quantizeSnapshot(schema, [
    { id: 1, type: 'ship', values: { x: 1, y: 2, angle: 0, score: 0 } },
    { id: 2, type: 'ship', values: { x: 5, y: 5, angle: 0, score: 3 } },
    { id: 3, type: 'bullet', values: { x: 0, y: 0, owner: 1 } },
    { id: 4, type: 'bullet', values: { x: 0, y: 0, owner: 1 } },
  ]);

  it('sends everything in full without a baseline', () => {
    const { records, removed } = diffSnapshot(base, undefined);
    expect(removed).toEqual([]);
    expect(records).toEqual([
      [1, 2, 0b1111, 100, 200, 0, 0],
      [2, 2, 0b1111, 500, 500, 0, 3],
      [3, 0, 0b111, 0, 0, 1],
      [4, 0, 0b111, 0, 0, 1],
    ]);
  });

  it('sends changed fields, new and retyped entities in full, removals, and nothing for the unchanged', () => {
    const current = quantizeSnapshot(schema, [
      { id: 1, type: 'ship', values: { x: 1, y: 2.5, angle: 0, score: 1 } },
      { id: 2, type: 'ship', values: { x: 5, y: 5, angle: 0, score: 3 } },
      { id: 3, type: 'pickup', values: { x: 1, y: 1, item: 'ammo', active: true } },
      { id: 9, type: 'bullet', values: { x: 1, y: 1, owner: 2 } },
    ]);
    const { records, removed } = diffSnapshot(current, base);
    expect(records).toEqual([
      [1, 2, 0b1010, 250, 1],
      [3, 1, 0b1111, 2, 2, 1, 1],
      [9, 0, 0b111, 100, 100, 2],
    ]);
    expect(removed).toEqual([4]);
    expect(diffSnapshot(current, current)).toEqual({ records: [], removed: [] });
  });
});

describe('applyDelta', () => {
  it('rebuilds the current snapshot from any older baseline, over a long random run', () => {
    const rng = createRng(2024);
    const scene = new RandomScene(rng, 60);
    const history: QuantizedSnapshot[] = [];
    let checked = 0;
    for (let tick = 0; tick < 300; tick++) {
      scene.step();
      const current = quantizeSnapshot(schema, scene.list());
      history.push(current);
      for (let k = 0; k < 3; k++) {
        const age = rng.int(0, Math.min(40, history.length - 1));
        const baseline = rng.chance(0.1) ? undefined : history[history.length - 1 - age];
        const delta = diffSnapshot(current, baseline);
        const applied = applyDelta(schema, baseline, delta.records, delta.removed);
        expect(applied.dropped).toBe(0);
        expect(plain(applied.snapshot)).toEqual(plain(current));
        checked++;
      }
    }
    expect(checked).toBe(900);
  });

  it('drops (and counts) a delta record for an entity the baseline lacks or types differently', () => {
    const baseline = quantizeSnapshot(schema, [{ id: 1, type: 'ship', values: { x: 1 } }]);
    const records: EntityRecord[] = [
      [2, 2, 0b0001, 5],
      [1, 0, 0b001, 5],
      [1, 2, 0b10000, 5],
      [1, 2, 0b0011, 5],
      [1, 9, 0b1, 5],
      [1, 2, 0b0001, 7],
      [3, 0, 0b111, 1, 2, 3],
    ];
    const { snapshot, dropped } = applyDelta(schema, baseline, records, []);
    expect(dropped).toBe(5);
    expect(plain(snapshot)).toEqual({ 1: [2, [7, 0, 0, 0]], 3: [0, [1, 2, 3]] });
    expect(applyDelta(schema, undefined, [[2, 2, 0b0001, 5]], [1]).dropped).toBe(1);
  });

  it('never writes into the baseline', () => {
    const baseline = quantizeSnapshot(schema, [{ id: 1, type: 'ship', values: { x: 1 } }]);
    const before = plain(baseline);
    applyDelta(schema, baseline, [[1, 2, 0b0001, 5]], []);
    applyDelta(schema, baseline, [], [1]);
    expect(plain(baseline)).toEqual(before);
  });
});
