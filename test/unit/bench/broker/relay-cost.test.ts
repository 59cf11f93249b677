import { describe, expect, it } from 'vitest';
import { relayCost } from '../../../bench/broker/relay-cost.js';

describe('CPU per relayed candidate', () => {
  it('divides each kind of process by the rate: the generator, every broker together, Redis', () => {
    const cpu = {
      generator: 40,
      processes: [
        { name: 'broker 1', percent: 30 },
        { name: 'broker 2', percent: 20 },
        { name: 'redis-server', percent: 10 },
        { name: 'haproxy', percent: 5 },
      ],
      machine: 200,
      cores: 2,
    };
    // 20 000 a second: 1% of a core is 0.5 µs per relay.
    expect(relayCost(cpu, 20_000)).toEqual({ generator: 20, brokers: 25, redis: 5 });
  });
});
