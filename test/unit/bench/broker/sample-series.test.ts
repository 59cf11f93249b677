import { describe, expect, it } from 'vitest';
import { SampleSeries } from '../../../bench/broker/sample-series.js';

describe('the broker bench sample series', () => {
  it('gives nearest-rank quantiles of everything while under its capacity', () => {
    const series = new SampleSeries('relay times');
    for (const value of [5, 1, 4, 2, 3]) series.add(value);
    expect([series.quantile(0.5), series.quantile(0.99), series.offered]).toEqual([3, 5, 5]);
    expect([series.countAtLeast(4), series.countAtLeast(6)]).toEqual([2, 0]);
  });

  it('keeps at most its capacity, each later sample replacing a random one or none', () => {
    const draws = [0.1, 0.9, 0.3];
    const series = new SampleSeries('relay times', 2, () => draws.shift() ?? 0);
    for (const value of [10, 20, 30, 40, 50]) series.add(value);
    // 30: slot floor(0.1 * 3) = 0 replaced; 40: slot floor(0.9 * 4) = 3 is past the capacity, dropped; 50: slot floor(0.3 * 5) = 1 replaced.
    expect(series.offered).toBe(5);
    expect([series.quantile(0), series.quantile(1)]).toEqual([30, 50]);
  });

  it('stops the bench on an empty series, naming it', () => {
    expect(() => new SampleSeries('relay times at 1000/s (one broker)').quantile(0.5)).toThrow('the benchmark has no samples of relay times at 1000/s (one broker)');
  });
});
