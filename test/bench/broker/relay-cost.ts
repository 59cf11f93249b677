/**
 * CPU time per relayed candidate, by kind of process: what one relay costs the generator, the
 * brokers together and Redis, in microseconds of one core. Unlike the rate, this hardly depends on
 * how much of the machine other work took meanwhile, so it says what the relay would reach on
 * cores of its own: one broker's event loop, a single thread, tops out near 1 s / its cost.
 */
import type { CpuWindow } from './cpu-meter.js';

export interface RelayCost {
  readonly generator: number;
  readonly brokers: number;
  readonly redis: number;
}

/** The cost per relay of a window in which `perSecond` candidates were relayed. */
export function relayCost(cpu: CpuWindow, perSecond: number): RelayCost {
  const micros = (percent: number): number => (percent / 100 / perSecond) * 1e6;
  const sum = (match: (name: string) => boolean): number => cpu.processes.filter((share) => match(share.name)).reduce((total, share) => total + share.percent, 0);
  return {
    generator: micros(cpu.generator),
    brokers: micros(sum((name) => name.startsWith('broker'))),
    redis: micros(sum((name) => name === 'redis-server')),
  };
}
