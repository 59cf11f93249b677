import { describe, expect, it } from 'vitest';
import { rankHeirs } from '../../../../engine/src/session/host/heir-order.js';

describe('rankHeirs', () => {
  it('puts the best link first, then the longest connected; round trips within a step are equal; unknown comes last', () => {
    const order = rankHeirs([
      { playerId: 1, rttMs: 120, since: 0 },
      { playerId: 2, rttMs: 30, since: 500 },
      { playerId: 3, rttMs: 45, since: 100 },
      { playerId: 4, rttMs: undefined, since: 0 },
      { playerId: 5, rttMs: 60, since: 0 },
    ]);
    expect(order).toEqual([3, 2, 5, 1, 4]);
  });
});
