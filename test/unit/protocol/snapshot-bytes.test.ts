import { describe, expect, it } from 'vitest';
import { NO_TICK } from '../../../engine/src/protocol/message-limits.js';
import { field, validateSchema } from '../../../engine/src/protocol/schema.js';
import { diffSnapshot } from '../../../engine/src/protocol/snapshot-delta.js';
import { splitSnapshot } from '../../../engine/src/protocol/snapshot-split.js';
import { quantizeSnapshot, type SnapshotEntity } from '../../../engine/src/protocol/snapshot.js';

/**
 * The figures behind the delta design, on a fixed scene: 16 players with a position (0.01 units on
 * a 2000 × 2000 field), a 12-bit heading and a score. Deterministic, so the byte counts are exact.
 */
const arena = validateSchema({
  entities: {
    player: { x: field.fixed(0.01, 0, 2000), y: field.fixed(0.01, 0, 2000), angle: field.angle(12), score: field.int(0, 1000) },
  },
  input: {},
});

function scene(moved: ReadonlySet<number>): SnapshotEntity[] {
  return Array.from({ length: 16 }, (_, id) => {
    const step = moved.has(id) ? 1 : 0;
    return {
      id,
      type: 'player',
      values: { x: 100 + id * 110.37 + step * 1.5, y: 50 + id * 60.5 - step * 0.75, angle: id * 0.4 + step * 0.05, score: id * 3 },
    };
  });
}

describe('snapshot sizes of a 16-player scene', () => {
  const before = quantizeSnapshot(arena, scene(new Set()));
  const after = quantizeSnapshot(arena, scene(new Set([1, 5, 9, 13])));
  const tick = 100000;

  const full = splitSnapshot({ tick, baselineTick: NO_TICK, lastInputTick: tick - 2 }, diffSnapshot(arena, after, undefined).records, []);
  const deltaParts = diffSnapshot(arena, after, before);
  const delta = splitSnapshot({ tick, baselineTick: tick - 3, lastInputTick: tick - 2 }, deltaParts.records, deltaParts.removed);
  const idle = splitSnapshot({ tick, baselineTick: tick - 3, lastInputTick: tick - 2 }, diffSnapshot(arena, after, after).records, []);

  it('measures full, delta (4 moved) and idle snapshots', () => {
    const sizes = { full: full[0]!.byteLength, delta: delta[0]!.byteLength, idle: idle[0]!.byteLength };
    console.log(`16-player snapshot bytes: full ${sizes.full}, delta with 4 moved ${sizes.delta}, no change ${sizes.idle}`);
    expect([full.length, delta.length, idle.length]).toEqual([1, 1, 1]);
    expect(deltaParts.records.map((r) => r[1])).toEqual([0b0111, 0b0111, 0b0111, 0b0111]);
    // Header: array 1 + kind 1 + tick 100000 (uint32) 5 + baseline age 1 + input age 1 + part 1 + partCount 1 = 11,
    // then the removed array's header (1) and the records' bin header (2), 14 with no records.
    // The records' stream: a head of 12 bits, 5 per column for each table and the common mask (4 columns).
    // A full record takes about 62 bits: gap 1, type 1, x and y 19 each, angle 13, score 8.
    // A delta record of a moved player about 27: gap 3, the common mask 1, dx 150 and dy -75 (9 or 10 each), dangle 20 (5).
    expect(sizes).toEqual({ full: 132, delta: 35, idle: 14 });
  });
});
