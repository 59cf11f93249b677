import { describe, expect, it } from 'vitest';
import { WireValueArena } from '../../../engine/src/protocol/wire-value-arena.js';

describe('WireValueArena', () => {
  it('copies values into views that later copies never touch', () => {
    const arena = new WireValueArena();
    const source = new Int32Array(5);
    const copies: Int32Array[] = [];
    // Enough copies to fill several blocks.
    for (let i = 0; i < 300; i++) {
      source.fill(i);
      copies.push(arena.copy(source));
    }
    source.fill(-1);
    for (const [i, copy] of copies.entries()) expect(Array.from(copy)).toEqual([i, i, i, i, i]);
  });

  it('copies values too long for a block into an array of their own', () => {
    const arena = new WireValueArena();
    const long = Int32Array.from({ length: 600 }, (_, i) => i);
    const copy = arena.copy(long);
    long.fill(0);
    expect(copy.length).toBe(600);
    expect(copy[599]).toBe(599);
  });
});
