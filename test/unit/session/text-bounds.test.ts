import { describe, expect, it } from 'vitest';
import { cutToUnits } from '../../../engine/src/session/text-bounds.js';

describe('cutToUnits', () => {
  it('cuts between code points', () => {
    expect(cutToUnits('abc', 2)).toBe('ab');
    expect(cutToUnits(`${'x'.repeat(31)}😀`, 32)).toBe('x'.repeat(31));
    expect(cutToUnits('😀😀', 3)).toBe('😀');
    expect(cutToUnits('short', 32)).toBe('short');
  });
});
