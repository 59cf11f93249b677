/** A random source that misbehaves cannot take a backoff wait out of its range. */
import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from '../../../engine/src/core/backoff.js';

describe('backoffDelay with a faulty random number', () => {
  it('takes a number outside [0, 1) as its nearest end, and NaN as 0', () => {
    expect(backoffDelay(0, DEFAULT_BACKOFF, -3)).toBe(250);
    expect(backoffDelay(0, DEFAULT_BACKOFF, Number.NaN)).toBe(250);
    expect(backoffDelay(0, DEFAULT_BACKOFF, 7)).toBe(500);
    expect(backoffDelay(0, DEFAULT_BACKOFF, Number.POSITIVE_INFINITY)).toBe(500);
    expect(backoffDelay(1, DEFAULT_BACKOFF, 0.5)).toBe(750);
  });
});
