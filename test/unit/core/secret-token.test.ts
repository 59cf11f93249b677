import { describe, expect, it } from 'vitest';
import { secretToken } from '../../../engine/src/core/secret-token.js';

describe('secretToken', () => {
  it('is URL-safe, six bits a character, and different every time', () => {
    const tokens = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const token = secretToken();
      expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
      tokens.add(token);
    }
    expect(tokens.size).toBe(1000);
    expect(secretToken(3)).toHaveLength(4);
    expect(secretToken(32)).toHaveLength(43);
  });

  it('uses every character of its alphabet', () => {
    const seen = new Set([...Array.from({ length: 200 }, () => secretToken()).join('')]);
    expect(seen.size).toBe(64);
  });
});
