import { describe, expect, it } from 'vitest';
import type { CpuWindow } from '../../../bench/broker/cpu-meter.js';
import { cpuShares, cpuVerdict } from '../../../bench/broker/cpu-verdict.js';

const window = (generator: number, processes: Record<string, number>, machine: number): CpuWindow => ({
  generator,
  processes: Object.entries(processes).map(([name, percent]) => ({ name, percent })),
  machine,
  cores: 2,
});

describe('what limited a broker bench figure', () => {
  it('lists who used the CPU, most first, with other work when it is notable', () => {
    expect(cpuShares(window(40, { broker: 90, 'redis-server': 0.2 }, 180))).toEqual([
      { name: 'broker', percent: 90 },
      { name: 'generator', percent: 40 },
      { name: 'other work', percent: 50 },
    ]);
    expect(cpuShares(window(40, { broker: 90 }, 135)).map((share) => share.name)).toEqual(['broker', 'generator']);
  });

  it('says every core was busy when the machine was', () => {
    expect(cpuVerdict(window(60, { broker: 100 }, 195))).toBe('CPU: all 2 cores busy (broker 100%, generator 60%, other work 35%)');
  });

  it('names one process at a full core when the machine had room', () => {
    expect(cpuVerdict(window(30, { 'redis-server': 97 }, 130))).toBe('CPU: redis-server at a full core (redis-server 97%, generator 30%)');
  });

  it('says it was not the CPU when nothing was busy', () => {
    expect(cpuVerdict(window(5, { broker: 8 }, 14))).toBe('not the CPU (14% of 200% busy: broker 8%, generator 5%)');
    expect(cpuVerdict(undefined)).toBe('unknown (no /proc to read CPU time from)');
  });
});
