import { describe, expect, it } from 'vitest';
import { createRng } from '../../../engine/src/core/rng.js';
import { IdRanges } from '../../../engine/src/protocol/id-ranges.js';
import { MAX_ENTITY_ID } from '../../../engine/src/protocol/message-limits.js';

describe('IdRanges', () => {
  it('merges overlapping and touching ranges, and drops empty ones', () => {
    expect(IdRanges.of([[10, 20], [0, 3], [4, 5], [15, 30], [40, 39], [32, 32]]).ranges).toEqual([
      [0, 5],
      [10, 30],
      [32, 32],
    ]);
    expect(IdRanges.of([]).empty).toBe(true);
    expect(IdRanges.of([[5, 4]])).toBe(IdRanges.none);
    expect(IdRanges.of([[0, MAX_ENTITY_ID]]).has(MAX_ENTITY_ID)).toBe(true);
  });

  it('answers has() as a set of the same ids would', () => {
    const rng = createRng(4);
    for (let round = 0; round < 50; round++) {
      const ranges = Array.from({ length: rng.int(0, 8) }, () => {
        const first = rng.int(0, 200);
        return [first, first + rng.int(-2, 20)] as [number, number];
      });
      const set = IdRanges.of(ranges);
      for (let id = -1; id < 230; id++) expect(set.has(id)).toBe(ranges.some(([first, last]) => id >= first && id <= last));
    }
  });
});
