import { describe, expect, it } from 'vitest';
import { isNetError } from '../../../engine/src/core/net-error.js';
import { createRng } from '../../../engine/src/core/rng.js';
import { decodeMessage } from '../../../engine/src/protocol/codec.js';
import { writeMessage } from '../../../engine/src/protocol/encode-message.js';
import { NO_TICK } from '../../../engine/src/protocol/message-limits.js';
import type { EntityRecord, SnapshotMessage } from '../../../engine/src/protocol/messages.js';
import { parseMessage, readMessage } from '../../../engine/src/protocol/parse-message.js';
import { field, validateSchema } from '../../../engine/src/protocol/schema.js';
import { applyDelta, diffSnapshot } from '../../../engine/src/protocol/snapshot-delta.js';
import { recordCoding } from '../../../engine/src/protocol/record-bits.js';
import { planSnapshotParts, splitSnapshot } from '../../../engine/src/protocol/snapshot-split.js';
import { encodeSnapshotBody, encodeSnapshotPart } from '../../../engine/src/protocol/snapshot-wire.js';
import { quantizeSnapshot, type QuantizedSnapshot } from '../../../engine/src/protocol/snapshot.js';
import { ctx, plain, RandomScene, randomType, randomValues, schema } from './fixtures.js';

function parsePart(bytes: Uint8Array): SnapshotMessage {
  const result = readMessage(bytes, 1150, ctx);
  if (!result.ok || result.value.kind !== 'snapshot') throw new Error(result.ok ? result.value.kind : result.reason);
  return result.value;
}

describe('splitSnapshot', () => {
  it('keeps a snapshot with no changes to a few bytes, even at large ticks', () => {
    for (const tick of [5, 70000, 2 ** 32 - 1]) {
      const [bytes, ...rest] = splitSnapshot({ tick, baselineTick: tick - 3, lastInputTick: tick - 1 }, [], []);
      expect(rest).toEqual([]);
      expect(bytes!.byteLength).toBeLessThanOrEqual(16);
      expect(parsePart(bytes!)).toMatchObject({ tick, baselineTick: tick - 3, lastInputTick: tick - 1, removed: [], entities: [] });
    }
    const empty = splitSnapshot({ tick: 100000, baselineTick: 99997, lastInputTick: 99998 }, [], [])[0]!;
    // The example in SPEC.md.
    expect(Buffer.from(empty).toString('hex')).toBe('9807ce000186a003020001' + '90' + 'c400');
    // The delta example in SPEC.md: a removal, a moved entity and a new one.
    const delta = splitSnapshot({ tick: 100000, baselineTick: 99997, lastInputTick: 99998 }, [[300, 0b011, 150, -75], [302, -1, 1, 2, 3]], [298])[0]!;
    expect(Buffer.from(delta).toString('hex')).toBe('9807ce000186a003020001' + '91cd012a' + 'c40d' + '0e300428381809751622b948a0');
    const bits = [...delta.slice(17)].map((byte) => byte.toString(2).padStart(8, '0')).join('');
    expect(bits).toBe(
      ['00001', '1', '1', '00011', '00000', '00001', '00001', '01000', '00111', '00000', '011'].join('') + // head: orders 1; full, delta; 3 columns; [0, 1, 1]; [8, 7, 0]; common mask 0b011
        ['0000000100101110', '1', '01000101100', '0100010101'].join('') + // gap 300, a delta with the common mask, +150, -75
        ['11', '00', '1', '010', '0100', '0101'].join('') + // gap 1, full, type 0, 1, 2, 3
        '00000', // padding
    );
  });

  it('splits a 200-entity full snapshot into parts of at most 1150 bytes that each parse alone', () => {
    const rng = createRng(9);
    const entities = Array.from({ length: 200 }, (_, id) => {
      const type = randomType(rng);
      return { id, type, values: randomValues(rng, type) };
    });
    const current = quantizeSnapshot(schema, entities);
    const { records, removed } = diffSnapshot(schema, current, undefined);
    const header = { tick: 123456, baselineTick: NO_TICK, lastInputTick: 123450 };
    const parts = splitSnapshot(header, records, removed);
    expect(parts.length).toBeGreaterThan(1);
    const seen: EntityRecord[] = [];
    parts.forEach((bytes, i) => {
      expect(bytes.byteLength).toBeLessThanOrEqual(1150);
      const part = parsePart(bytes);
      expect(part).toMatchObject({ ...header, part: i, partCount: parts.length });
      seen.push(...part.entities);
    });
    expect(seen).toEqual(records);
    expect(plain(applyDelta(schema, undefined, seen, []).snapshot)).toEqual(plain(current));
    // Greedy packing leaves little room: every part but the last is nearly full.
    for (const bytes of parts.slice(0, -1)) expect(bytes.byteLength).toBeGreaterThan(1150 - 30);
  });

  it('puts removals in part 0 when they fit and spreads them when they do not', () => {
    const header = { tick: 10, baselineTick: 9, lastInputTick: NO_TICK };
    const few = planSnapshotParts(header, [[1, -1, 1, 2, 3]], [500, 501]);
    expect(few.map((p) => p.removed)).toEqual([[500, 501]]);
    const many = Array.from({ length: 1000 }, (_, i) => 1000 + i);
    // 1000 ids 1000..1999 in a row: each gap after the first is 0, one byte.
    const parts = planSnapshotParts(header, [[1, -1, 1, 2, 3]], many, 400);
    expect(parts.length).toBe(3);
    expect(parts.flatMap((p) => p.removed)).toEqual(many);
    for (const part of parts) expect(writeMessage(part).byteLength).toBeLessThanOrEqual(400);
    expect(parts.at(-1)!.entities).toEqual([[1, -1, 1, 2, 3]]);
    // Gaps restart in every part, so each part's first id stands on its own.
    for (const part of parts) expect(parsePart(writeMessage(part)).removed).toEqual(part.removed);
  });

  it('packs random deltas tightly under random limits: the next item never fit, and the union rebuilds the snapshot', () => {
    const rng = createRng(5);
    const scene = new RandomScene(rng, 150);
    let previous: QuantizedSnapshot | undefined;
    for (let tick = 1; tick < 60; tick++) {
      scene.step();
      const current = quantizeSnapshot(schema, scene.list());
      const { records, removed } = diffSnapshot(schema, current, previous);
      const maxBytes = rng.int(60, 1150);
      const header = { tick: tick * 1000, baselineTick: previous ? tick * 1000 - 1 : NO_TICK, lastInputTick: NO_TICK };
      const parts = splitSnapshot(header, records, removed, maxBytes);
      const plans = planSnapshotParts(header, records, removed, maxBytes);
      plans.slice(0, -1).forEach((plan, i) => {
        const next = plans[i + 1]!;
        const grown: SnapshotMessage =
          next.removed.length > 0
            ? { ...plan, removed: [...plan.removed, next.removed[0]!] }
            : { ...plan, entities: [...plan.entities, next.entities[0]!] };
        // Every part is coded with the coding of the whole snapshot.
        const body = encodeSnapshotBody(grown.removed, grown.entities, recordCoding(records));
        expect(encodeSnapshotPart(header, i, plans.length, body).byteLength).toBeGreaterThan(maxBytes);
      });
      let rebuilt = previous;
      for (const bytes of parts) {
        expect(bytes.byteLength).toBeLessThanOrEqual(maxBytes);
        const decoded = decodeMessage(bytes, maxBytes);
        const part = decoded.ok ? parseMessage(decoded.value, ctx) : decoded;
        if (!part.ok || part.value.kind !== 'snapshot') throw new Error('part did not parse');
        const applied = applyDelta(schema, rebuilt, part.value.entities, part.value.removed);
        expect(applied.dropped).toBe(0);
        rebuilt = applied.snapshot;
      }
      expect(plain(rebuilt!)).toEqual(plain(current));
      previous = current;
    }
  });

  it('throws message_too_large for a record that cannot fit one part, or more than 64 parts', () => {
    const wide = validateSchema({
      entities: { blob: Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`f${i}`, field.int(0, 2 ** 31 - 1)])) },
      input: {},
    });
    const blob = quantizeSnapshot(wide, [{ id: 1, type: 'blob', values: Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`f${i}`, 2 ** 31 - 1])) }]);
    const { records } = diffSnapshot(wide, blob, undefined);
    const header = { tick: 1, baselineTick: NO_TICK, lastInputTick: NO_TICK };
    const expectTooLarge = (run: () => unknown): void => {
      let caught: unknown;
      try {
        run();
      } catch (error) {
        caught = error;
      }
      expect(isNetError(caught, 'message_too_large')).toBe(true);
    };
    expect(splitSnapshot(header, records, [], 200).length).toBe(1);
    expectTooLarge(() => splitSnapshot(header, records, [], 150));
    expectTooLarge(() => splitSnapshot(header, [], [], 8));
    const many: EntityRecord[] = Array.from({ length: 65 }, (_, id) => [id, 0b11, 2 ** 20, 2 ** 20]);
    // Header 7 bytes, empty removals 1, bin header 2, stream head 22 bits; a record 52 to 64 bits (its
    // first gap is its id, up to 13 bits; two differences of 24 bits): one record per 21-byte part.
    expect(planSnapshotParts(header, many.slice(0, 64), [], 21).length).toBe(64);
    expectTooLarge(() => planSnapshotParts(header, many, [], 21));
  });
});
