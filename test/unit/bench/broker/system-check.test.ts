import { describe, expect, it } from 'vitest';
import { BENCH_PACKAGES, missingPackages } from '../../../bench/broker/system-check.js';

describe('the broker bench system packages', () => {
  it('are redis-server, looked up on PATH, and haproxy, at its path', () => {
    expect(BENCH_PACKAGES.map((entry) => entry.package)).toEqual(['redis-server', 'haproxy']);
  });

  it('are missing when no PATH directory or fixed path holds them', () => {
    const present = new Set(['/usr/bin/redis-server']);
    const has = (path: string) => present.has(path);
    expect(missingPackages(BENCH_PACKAGES, '/usr/local/bin:/usr/bin', has).map((entry) => entry.package)).toEqual(['haproxy']);
    expect(missingPackages(BENCH_PACKAGES, '/usr/local/bin', has).map((entry) => entry.package)).toEqual(['redis-server', 'haproxy']);
    present.add('/usr/sbin/haproxy');
    expect(missingPackages(BENCH_PACKAGES, '/usr/bin', has)).toEqual([]);
  });
});
