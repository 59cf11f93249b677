/** The README's single-player example plays: the player's square moves on the host over a lossy loopback link. */
import { describe, expect, it } from 'vitest';
import { playAlone } from '../../../engine/examples/single-player.js';

describe('the single-player example', () => {
  it('moves the player right at 120 units a second once it has joined', () => {
    const square = playAlone(3);
    expect(square).toBeDefined();
    expect(square!.x).toBeGreaterThan(250);
    expect(square!.x).toBeLessThan(360);
    expect(square!.y).toBe(0);
  });
});
