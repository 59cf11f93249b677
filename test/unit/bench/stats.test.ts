import { describe, expect, it } from 'vitest';
import { quantile } from '../../bench/measure/stats.js';

describe('benchmark quantiles', () => {
  it('take the nearest rank', () => {
    const values = [5, 1, 4, 2, 3];
    expect(quantile(values, 0.5, 'five')).toBe(3);
    expect(quantile(values, 0.99, 'five')).toBe(5);
    expect(quantile(values, 0, 'five')).toBe(1);
  });

  it('stop the benchmark on a series with no samples, naming it, rather than print NaN', () => {
    expect(() => quantile([], 0.5, 'engine ping/pong')).toThrow('the benchmark has no samples of engine ping/pong: nothing was measured there');
  });
});
