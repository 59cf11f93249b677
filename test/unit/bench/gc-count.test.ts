import { describe, expect, it } from 'vitest';
import { GcCounter, perThousand } from '../../bench/measure/gc-count.js';

/** Allocates a few megabytes of short-lived objects: enough to fill the young generation more than once. */
function churn(): number {
  // Each object outlives its iteration (held in a small ring), so none can be optimized away.
  const ring: unknown[] = new Array<unknown>(64);
  for (let i = 0; i < 400_000; i++) ring[i & 63] = [i, i + 1, { i }];
  return ring.length;
}

describe('GcCounter', () => {
  it('counts the collections between the first interval and the last, and those inside one', async () => {
    const counter = new GcCounter(4);
    const start = performance.now();
    churn();
    counter.interval(start, performance.now());
    const between = performance.now();
    churn();
    counter.interval(performance.now(), performance.now());
    const counts = await counter.result();
    expect(counts.minor).toBeGreaterThan(0);
    expect(counts.inside).toBeGreaterThan(0);
    expect(counts.inside).toBeLessThanOrEqual(counts.minor + counts.major);
    expect(counts.ms).toBeGreaterThan(0);
    expect(between).toBeGreaterThan(start);
  });

  it('counts nothing before the first interval or after the last', async () => {
    churn();
    const counter = new GcCounter(1);
    const at = performance.now();
    counter.interval(at, at);
    churn();
    expect(await counter.result()).toEqual({ minor: 0, major: 0, inside: 0, ms: 0 });
  });
});

describe('perThousand', () => {
  it('scales a count to 1000 ticks, one decimal', () => {
    expect(perThousand(7, 3600)).toBe(1.9);
    expect(perThousand(0, 10)).toBe(0);
    expect(perThousand(3, 0)).toBe(0);
  });
});
