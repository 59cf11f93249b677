/** TimerScope: collecting the self-rescheduling timers that PeerServer cannot stop itself. */
import { describe, expect, it } from 'vitest';
import { TimerScope } from '../../../peer-server/src/timer-scope.js';
import { waitUntil } from './support/wait-until.js';

/** A loop like PeerServer's: each run schedules the next from inside its own callback. */
function startLoop(ticks: { count: number }): void {
  const tick = (): void => {
    ticks.count += 1;
    setTimeout(tick, 1);
  };
  setTimeout(tick, 1);
}

describe('TimerScope', () => {
  it('collects a self-rescheduling loop and ends it on clear', async () => {
    const scope = new TimerScope();
    const ticks = { count: 0 };
    scope.run(() => startLoop(ticks));
    await waitUntil(() => ticks.count >= 5, 'the loop to tick five times');
    // One timer at a time: fired ones are dropped, only the next run is pending.
    expect(scope.pendingCount).toBe(1);

    scope.clear();
    expect(scope.pendingCount).toBe(0);
    const stoppedAt = ticks.count;
    // Showing that something does not happen needs some time to pass: 50 loop periods.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ticks.count).toBe(stoppedAt);
  });

  it('leaves timers started outside run() alone', async () => {
    const scope = new TimerScope();
    scope.run(() => undefined);
    let fired = false;
    setTimeout(() => (fired = true), 1);
    expect(scope.pendingCount).toBe(0);
    scope.clear();
    await waitUntil(() => fired, 'the outside timer to fire');
  });

  it('puts the global setTimeout back, even when the code inside throws', () => {
    const original = globalThis.setTimeout;
    const scope = new TimerScope();
    let inside: unknown;
    expect(() =>
      scope.run(() => {
        inside = globalThis.setTimeout;
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(inside).not.toBe(original);
    expect(globalThis.setTimeout).toBe(original);
  });

  it('passes extra arguments and returns the real timer', async () => {
    const scope = new TimerScope();
    const received: unknown[] = [];
    const timer = scope.run(() => setTimeout((a: number, b: string) => received.push(a, b), 1, 7, 'x'));
    expect(typeof timer.unref).toBe('function');
    await waitUntil(() => received.length === 2, 'the timer to fire');
    expect(received).toEqual([7, 'x']);
    expect(scope.pendingCount).toBe(0);
  });
});
