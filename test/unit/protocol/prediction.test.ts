/**
 * Predicted wire values (`prediction.ts`): a steady motion is predicted exactly, every kind of value
 * stays a value its field can hold, and a delta taken against the prediction rebuilds the snapshot
 * exactly, in fewer bytes for bodies that move steadily.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../engine/src/core/rng.js';
import { predictValue } from '../../../engine/src/protocol/prediction.js';
import { isValidWireValue, maxQuantized } from '../../../engine/src/protocol/quantize.js';
import { packQuat, quantizeQuat, unpackQuat } from '../../../engine/src/protocol/quaternion.js';
import { recordsToWire } from '../../../engine/src/protocol/snapshot-wire.js';
import { applyDelta, diffSnapshot } from '../../../engine/src/protocol/snapshot-delta.js';
import { field, validateSchema, type Quaternion } from '../../../engine/src/protocol/schema.js';
import { quantizeSnapshot, type QuantizedSnapshot } from '../../../engine/src/protocol/snapshot.js';
import { wireValueTypes } from '../../../engine/src/protocol/wire-values.js';
import { plain, RandomScene, schema } from './fixtures.js';

const fixed = field.fixed(1 / 512, -256, 255);

describe('predictValue', () => {
  it('carries a steady step on: exactly, clamped to the codes, halves rounded up', () => {
    expect(predictValue(fixed, 1010, 1000, 6, 1)).toBe(1070);
    expect(predictValue(fixed, 1010, 1000, 3, 2)).toBe(1025);
    expect(predictValue(fixed, 1000, 1010, 6, 1)).toBe(940);
    expect(predictValue(fixed, 10, 20, 6, 1)).toBe(0);
    expect(predictValue(fixed, maxQuantized(fixed) - 1, maxQuantized(fixed) - 5, 6, 1)).toBe(maxQuantized(fixed));
    expect(predictValue(fixed, 11, 10, 1, 2)).toBe(12); // 11.5 rounds up
    expect(predictValue(fixed, 10, 11, 1, 2)).toBe(10); // 9.5 rounds up
    expect(predictValue(field.int(0, 100), 50, 50, 6, 1)).toBe(50);
  });

  it('turns an angle on the short way round and wraps it', () => {
    const angle = field.angle(12);
    expect(predictValue(angle, 4090, 4080, 2, 1)).toBe(14);
    expect(predictValue(angle, 5, 4090, 2, 1)).toBe(27);
    expect(predictValue(angle, 4090, 5, 2, 1)).toBe(4068);
  });

  it('turns a quaternion on component by component, also past a change of its largest component', () => {
    const about = (deg: number): Quaternion => [0, 0, Math.sin((deg * Math.PI) / 360), Math.cos((deg * Math.PI) / 360)];
    const quat = field.quat(9);
    for (const [from, to] of [
      [80, 83],
      [88, 91],
      [91, 88],
    ] as const) {
      const [v0, v1] = [quantizeQuat(9, about(from)), quantizeQuat(9, about(to))];
      const truth = unpackQuat(9, quantizeQuat(9, about(to + 2 * (to - from))));
      const predicted = unpackQuat(9, predictValue(quat, v1, v0, 2, 1));
      expect(predicted[0]).toBe(truth[0]);
      for (let c = 1; c < 4; c++) expect(Math.abs(predicted[c]! - truth[c]!)).toBeLessThanOrEqual(2);
    }
  });

  it('keeps the baseline for flags and enums, and a wide quaternion head whose largest component changed', () => {
    expect(predictValue(field.bool(), 1, 0, 6, 1)).toBe(1);
    expect(predictValue(field.enum(['a', 'b', 'c']), 1, 0, 6, 1)).toBe(1);
    const quat = field.quat(9);
    expect(predictValue(quat, packQuat(9, 3, 200, 300, 250), packQuat(9, 3, 198, 301, 250), 2, 1)).toBe(packQuat(9, 3, 204, 298, 250));
    expect(predictValue(quat, packQuat(9, 0, 509, 1, 250), packQuat(9, 0, 500, 10, 250), 2, 1)).toBe(packQuat(9, 0, 510, 0, 250));
    const [head, code] = wireValueTypes(field.quat(12));
    expect(predictValue(head!, 3 * 4096 + 100, 3 * 4096 + 90, 1, 1)).toBe(3 * 4096 + 110);
    expect(predictValue(head!, 3 * 4096 + 100, 2 * 4096 + 90, 1, 1)).toBe(3 * 4096 + 100);
    expect(predictValue(code!, 4090, 4080, 2, 1)).toBe(4094);
  });

  it('always predicts a value the field can hold', () => {
    const rng = createRng(5);
    const types = [fixed, field.int(-5, 5), field.angle(7), field.bool(), field.enum(['a', 'b']), field.quat(4), field.quat(9), ...wireValueTypes(field.quat(14))];
    for (const type of types) {
      for (let i = 0; i < 500; i++) {
        const valid = (): number => {
          for (;;) {
            const v = type.kind === 'quat' ? quantizeQuat(type.bits, [rng.next() - 0.5, rng.next() - 0.5, rng.next() - 0.5, rng.next() - 0.5] as Quaternion) : Math.floor(rng.next() * 2 ** 16);
            if (isValidWireValue(type, v)) return v;
          }
        };
        const p = predictValue(type, valid(), valid(), rng.int(1, 1024), rng.int(1, 1024));
        expect(isValidWireValue(type, p)).toBe(true);
      }
    }
  });
});

describe('deltas against a prediction', () => {
  it('rebuild the snapshot exactly from any baseline and older predictor, over a long random run', () => {
    const rng = createRng(77);
    const scene = new RandomScene(rng, 60);
    const history: QuantizedSnapshot[] = [];
    for (let tick = 0; tick < 200; tick++) {
      scene.step();
      const current = quantizeSnapshot(schema, scene.list());
      history.push(current);
      if (history.length < 3) continue;
      const ahead = rng.int(1, Math.min(10, history.length - 2));
      const span = rng.int(1, history.length - 1 - ahead);
      const baseline = history[history.length - 1 - ahead]!;
      const prediction = { snapshot: history[history.length - 1 - ahead - span]!, ahead, span };
      const delta = diffSnapshot(schema, current, baseline, prediction);
      const applied = applyDelta(schema, baseline, delta.records, delta.removed, prediction);
      expect(applied.dropped).toBe(0);
      expect(plain(applied.snapshot)).toEqual(plain(current));
    }
  });

  it('cost fewer bytes for bodies moving steadily, which a client without the predictor cannot rebuild', () => {
    const bodies = validateSchema({ entities: { body: { x: fixed, y: fixed, turn: field.quat(9) } }, input: {} });
    const at = (t: number) =>
      quantizeSnapshot(
        bodies,
        Array.from({ length: 50 }, (_, id) => {
          const half = (t * (id + 1)) / 400;
          return { id, type: 'body', values: { x: -200 + id + t * 0.05 * (id % 7), y: 10 + t * 0.03, turn: [0, Math.sin(half), 0, Math.cos(half)] as Quaternion } };
        }),
      );
    const [older, baseline, current] = [at(99), at(100), at(106)];
    const plainDelta = diffSnapshot(bodies, current, baseline);
    const prediction = { snapshot: older, ahead: 6, span: 1 };
    const predicted = diffSnapshot(bodies, current, baseline, prediction);
    const bytes = (records: Parameters<typeof recordsToWire>[0]) => recordsToWire(records).byteLength;
    expect(bytes(predicted.records)).toBeLessThan((bytes(plainDelta.records) * 2) / 3);
    expect(plain(applyDelta(bodies, baseline, predicted.records, predicted.removed, prediction).snapshot)).toEqual(plain(current));
    expect(plain(applyDelta(bodies, baseline, predicted.records, predicted.removed).snapshot)).not.toEqual(plain(current));
  });
});
