/** The waits between tries at reaching the broker again. */
import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from '../../../engine/src/core/backoff.js';

describe('backoffDelay', () => {
  it('doubles from 0.5 s to a 10 s ceiling, each wait in the upper half of its ceiling', () => {
    const ceilings = [500, 1000, 2000, 4000, 8000, 10_000, 10_000];
    ceilings.forEach((ceiling, attempt) => {
      expect(backoffDelay(attempt, DEFAULT_BACKOFF, 0)).toBe(ceiling / 2);
      expect(backoffDelay(attempt, DEFAULT_BACKOFF, 0.999_999)).toBeCloseTo(ceiling, 0);
    });
  });

  it('stays at the ceiling however many tries have failed', () => {
    expect(backoffDelay(10_000, DEFAULT_BACKOFF, 0.5)).toBe(7500);
  });
});
