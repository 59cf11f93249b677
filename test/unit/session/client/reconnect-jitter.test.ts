/**
 * The jitter of a client's way back: two clients that lost their links at the same moment but draw
 * different random numbers wait different times before each try, every wait within its documented
 * range (0.25 to 0.5 s, 0.5 to 1 s, 1 to 2 s, then 2 to 4 s), on a manual clock.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../engine/src/core/clock.js';
import { createRng } from '../../../../engine/src/core/rng.js';
import { NetError } from '../../../../engine/src/core/net-error.js';
import { Reconnect } from '../../../../engine/src/session/client/reconnect.js';

/** The least wait before each try after the first; the most is twice that. */
const LEAST_WAITS = [250, 500, 1000, 2000, 2000, 2000];

/** Lets the promises of `open` settle. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The clock times of a client's tries at a host that never answers, over `ms` of a 60 s window. */
async function tryTimes(clock: ManualClock, random: () => number, ms: number): Promise<number[]> {
  const times: number[] = [];
  const reconnect = new Reconnect(
    {
      clock,
      open: () => Promise.reject(new NetError('broker_unreachable', 'down')),
      onAttempt: () => times.push(clock.now()),
      onLink: () => {},
      onGiveUp: () => {},
      random,
    },
    { code: 'connection_lost', message: 'the network path failed' },
    clock.now() + 60_000,
  );
  reconnect.start();
  for (let t = 0; t < ms; t += 10) {
    await settle();
    clock.advance(10);
  }
  reconnect.cancel();
  return times;
}

const waits = (times: readonly number[]) => times.slice(1).map((t, i) => t - times[i]!);

describe('Reconnect jitter', () => {
  it('spreads two clients apart, each wait within its range', async () => {
    const first = await tryTimes(new ManualClock(), createRng(1).next, 14_000);
    const second = await tryTimes(new ManualClock(), createRng(2).next, 14_000);
    for (const times of [first, second]) {
      expect(times.length).toBeGreaterThanOrEqual(LEAST_WAITS.length + 1);
      waits(times)
        .slice(0, LEAST_WAITS.length)
        .forEach((wait, i) => {
          // The clock moves in 10 ms steps: a timer fires on the step after it is due.
          expect(wait).toBeGreaterThanOrEqual(LEAST_WAITS[i]!);
          expect(wait).toBeLessThanOrEqual(2 * LEAST_WAITS[i]! + 10);
        });
    }
    expect(waits(first).slice(0, LEAST_WAITS.length)).not.toEqual(waits(second).slice(0, LEAST_WAITS.length));
  });

  it('waits the least of each range for a draw of 0 and close to the most for a draw near 1', async () => {
    const least = await tryTimes(new ManualClock(), () => 0, 8000);
    const most = await tryTimes(new ManualClock(), () => 0.999, 16_000);
    expect(waits(least).slice(0, 4)).toEqual([250, 500, 1000, 2000]);
    waits(most)
      .slice(0, 4)
      .forEach((wait, i) => {
        expect(wait).toBeGreaterThan(2 * LEAST_WAITS[i]! - 5);
        expect(wait).toBeLessThanOrEqual(2 * LEAST_WAITS[i]! + 10);
      });
  });
});
