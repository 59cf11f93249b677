import { describe, expect, it } from 'vitest';
import { isNetError } from '../../../engine/src/core/net-error.js';
import { createRng } from '../../../engine/src/core/rng.js';
import type { EntityRecord } from '../../../engine/src/protocol/messages.js';
import { applyDelta, diffSnapshot } from '../../../engine/src/protocol/snapshot-delta.js';
import { dequantizeEntity, quantizeSnapshot, type QuantizedSnapshot } from '../../../engine/src/protocol/snapshot.js';
import { plain, RandomScene, schema } from './fixtures.js';

describe('quantizeSnapshot', () => {
  it('numbers types by sorted name and quantizes values', () => {
    const snapshot = quantizeSnapshot(schema, [
      { id: 7, type: 'ship', values: { x: 1, y: 2, angle: Math.PI, score: 9 } },
      { id: 8, type: 'pickup', values: { x: 3, y: 4, item: 'speed', active: true } },
    ]);
    expect(plain(snapshot)).toEqual({ 7: [2, [100, 200, 2048, 9]], 8: [1, [6, 8, 2, 1]] });
    expect(dequantizeEntity(schema, snapshot.get(8)!)).toEqual({ type: 'pickup', values: { x: 3, y: 4, item: 'speed', active: true } });
  });

  it('reuses the entities of a given snapshot whose quantized values did not change', () => {
    const first = quantizeSnapshot(schema, [
      { id: 1, type: 'ship', values: { x: 1, y: 2 } },
      { id: 2, type: 'bullet', values: { x: 1, y: 2 } },
    ]);
    const second = quantizeSnapshot(
      schema,
      [
        { id: 1, type: 'ship', values: { x: 1.001, y: 2 } }, // rounds to the same step
        { id: 2, type: 'bullet', values: { x: 1.5, y: 2 } },
      ],
      first,
    );
    expect(second.get(1)).toBe(first.get(1));
    expect(second.get(2)).not.toBe(first.get(2));
    expect(plain(second)).toEqual({ 1: [2, [100, 200, 0, 0]], 2: [0, [150, 200, 0]] });
    expect(plain(first)).toEqual({ 1: [2, [100, 200, 0, 0]], 2: [0, [100, 200, 0]] });
    expect(diffSnapshot(schema, second, first).records).toEqual([[2, 0b001, 50]]);
  });

  it('throws invalid_option for game bugs: unknown type, bad or repeated id', () => {
    const cases = [
      [{ id: 1, type: 'tank', values: {} }],
      [{ id: 2 ** 32, type: 'ship', values: {} }],
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
    const { records, removed } = diffSnapshot(schema, base, undefined);
    expect(removed).toEqual([]);
    // A full record's header is -(type index + 1): ship is type 2, bullet type 0.
    expect(records).toEqual([
      [1, -3, 100, 200, 0, 0],
      [2, -3, 500, 500, 0, 3],
      [3, -1, 0, 0, 1],
      [4, -1, 0, 0, 1],
    ]);
  });

  it('sends changed fields as differences, new and retyped entities in full, removals, and nothing for the unchanged', () => {
    const current = quantizeSnapshot(schema, [
      { id: 1, type: 'ship', values: { x: 1, y: 2.5, angle: 0, score: 1 } },
      { id: 2, type: 'ship', values: { x: 5, y: 5, angle: 0, score: 3 } },
      { id: 3, type: 'pickup', values: { x: 1, y: 1, item: 'ammo', active: true } },
      { id: 9, type: 'bullet', values: { x: 1, y: 1, owner: 2 } },
    ]);
    const { records, removed } = diffSnapshot(schema, current, base);
    expect(records).toEqual([
      [1, 0b1010, 50, 1],
      [3, -2, 2, 2, 1, 1],
      [9, -1, 100, 100, 2],
    ]);
    expect(removed).toEqual([4]);
    expect(diffSnapshot(schema, current, current)).toEqual({ records: [], removed: [] });
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
        const delta = diffSnapshot(schema, current, baseline);
        const applied = applyDelta(schema, baseline, delta.records, delta.removed);
        expect(applied.dropped).toBe(0);
        expect(plain(applied.snapshot)).toEqual(plain(current));
        checked++;
      }
    }
    expect(checked).toBe(900);
  });

  it('drops (and counts) a record for an entity the baseline lacks, or with fields or values it cannot take', () => {
    const baseline = quantizeSnapshot(schema, [{ id: 1, type: 'ship', values: { x: 1 } }]);
    const records: EntityRecord[] = [
      [2, 0b0001, 5], // no entity 2 in the baseline
      [1, 0b10000, 5], // a ship has four fields
      [1, 0b0011, 5], // two fields, one value
      [1, 0b0001, -200], // x would be below 0
      [1, 0b0100, 4095], // an angle difference goes the short way: at most half a turn
      [1, 0, 1], // header 0 is neither full nor a delta
      [5, -9, 1], // no type 8
      [6, -1, 1, 2], // a bullet has three fields
      [1, 0b0101, 7, -1], // x 100 -> 107, angle 0 -> 4095 the short way
      [3, -1, 1, 2, 3],
    ];
    const { snapshot, dropped } = applyDelta(schema, baseline, records, []);
    expect(dropped).toBe(8);
    expect(plain(snapshot)).toEqual({ 1: [2, [107, 0, 4095, 0]], 3: [0, [1, 2, 3]] });
    expect(applyDelta(schema, undefined, [[2, 0b0001, 5]], [1]).dropped).toBe(1);
  });

  it('sends an entity in full when that is no larger than its delta', () => {
    const before = quantizeSnapshot(schema, [{ id: 1, type: 'bullet', values: { x: 1900, y: 1900, owner: 1 } }]);
    const after = quantizeSnapshot(schema, [{ id: 1, type: 'bullet', values: { x: 0, y: 0, owner: 1 } }]);
    // Differences of -190000 take five bytes each; the values 0 take one.
    expect(diffSnapshot(schema, after, before).records).toEqual([[1, -1, 0, 0, 1]]);
  });

  it('never writes into the baseline', () => {
    const baseline = quantizeSnapshot(schema, [{ id: 1, type: 'ship', values: { x: 1 } }]);
    const before = plain(baseline);
    applyDelta(schema, baseline, [[1, 0b0001, 5]], []);
    applyDelta(schema, baseline, [], [1]);
    expect(plain(baseline)).toEqual(before);
  });
});
