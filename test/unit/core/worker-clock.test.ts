import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../engine/src/core/clock.js';
import type { WakeEvents, WakePortFactory } from '../../../engine/src/core/timer-worker.js';
import { workerClock, type WorkerClock } from '../../../engine/src/core/worker-clock.js';

/**
 * A stand-in for the Worker: it records each wake request, and the test decides when time passes
 * and when the wake arrives (late, early, or not at all), as a busy or hidden page would see it.
 */
class FakePort {
  time = 0;
  /** The delays asked for, newest last; -1 cancels. */
  readonly requests: number[] = [];
  closed = false;
  events: WakeEvents | undefined;

  readonly factory: WakePortFactory = (events) => {
    this.events = events;
    return { wakeIn: (ms) => this.requests.push(ms), close: () => (this.closed = true) };
  };

  /** Lets `ms` pass, then delivers a wake (whether or not one was due). */
  wakeAfter(ms: number): void {
    this.time += ms;
    this.events?.wake();
  }
}

function clockWithPort(fallback: ManualClock = new ManualClock()): { clock: WorkerClock; port: FakePort; fallback: ManualClock } {
  const port = new FakePort();
  const clock = workerClock({ port: port.factory, now: () => port.time, fallback });
  return { clock, port, fallback };
}

describe('WorkerClock', () => {
  it('fires timers in time order, ties in the order they were set, and reads now() from its time source', () => {
    const { clock, port } = clockWithPort();
    const fired: string[] = [];
    clock.setTimer(20, () => fired.push('b'));
    clock.setTimer(10, () => fired.push('a'));
    clock.setTimer(20, () => fired.push('c'));
    clock.setTimer(5, () => fired.push('first'));
    expect(clock.source).toBe('worker');
    port.wakeAfter(15);
    expect(fired).toEqual(['first', 'a']);
    port.wakeAfter(5);
    expect(fired).toEqual(['first', 'a', 'b', 'c']);
    expect(clock.now()).toBe(20);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('asks the port to wake it at the earliest timer, and only again when an earlier one arrives', () => {
    const { clock, port } = clockWithPort();
    clock.setTimer(50, () => undefined);
    expect(port.requests).toEqual([50]);
    clock.setTimer(80, () => undefined);
    expect(port.requests).toEqual([50]);
    port.time = 10;
    clock.setTimer(20, () => undefined); // due at 30, before 50
    expect(port.requests).toEqual([50, 20]);
    port.wakeAfter(20); // 30: the first fires, the port is asked for 50 (20 from now)
    expect(port.requests).toEqual([50, 20, 20]);
    expect(clock.pendingTimers()).toBe(2);
  });

  it('does nothing on an early or stray wake but ask again for the time still to go', () => {
    const { clock, port } = clockWithPort();
    let fired = 0;
    clock.setTimer(100, () => fired++);
    port.wakeAfter(99.5);
    expect(fired).toBe(0);
    expect(port.requests.at(-1)).toBe(0.5);
    port.wakeAfter(0.5);
    expect(fired).toBe(1);
    port.wakeAfter(1000);
    expect(fired).toBe(1);
  });

  it('runs a late wake as one pass over everything due, and leaves timers set by callbacks for the next wake', () => {
    const { clock, port } = clockWithPort();
    const fired: number[] = [];
    const repeat = () => {
      fired.push(port.time);
      clock.setTimer(0, repeat);
    };
    clock.setTimer(10, repeat);
    clock.setTimer(30, () => fired.push(-1));
    port.wakeAfter(1000); // throttled: both are long overdue
    expect(fired).toEqual([1000, -1]);
    expect(port.requests.at(-1)).toBe(0);
    port.wakeAfter(1);
    expect(fired).toEqual([1000, -1, 1001]);
  });

  it('cancels: a cancelled timer never fires, cancelling twice or after firing is harmless', () => {
    const { clock, port } = clockWithPort();
    const fired: string[] = [];
    const cancelA = clock.setTimer(10, () => fired.push('a'));
    clock.setTimer(10, () => fired.push('b'));
    const cancelC = clock.setTimer(20, () => fired.push('c'));
    cancelA();
    cancelA();
    expect(clock.pendingTimers()).toBe(2);
    port.wakeAfter(10);
    cancelC();
    port.wakeAfter(10);
    expect(fired).toEqual(['b']);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('lets a callback cancel a timer due in the same wake', () => {
    const { clock, port } = clockWithPort();
    const fired: string[] = [];
    let cancelLater: () => void = () => undefined;
    clock.setTimer(10, () => {
      fired.push('a');
      cancelLater();
    });
    cancelLater = clock.setTimer(10, () => fired.push('b'));
    port.wakeAfter(10);
    expect(fired).toEqual(['a']);
  });

  it('keeps going after a callback throws: the timers after it run at the next wake', () => {
    const { clock, port } = clockWithPort();
    const fired: string[] = [];
    clock.setTimer(10, () => {
      throw new Error('game code failed');
    });
    clock.setTimer(10, () => fired.push('after'));
    expect(() => port.wakeAfter(10)).toThrow('game code failed');
    expect(port.requests.at(-1)).toBe(0);
    port.wakeAfter(0);
    expect(fired).toEqual(['after']);
  });

  it('moves its pending timers to the fallback clock when the Worker fails, and keeps cancel working', () => {
    const { clock, port, fallback } = clockWithPort(new ManualClock());
    const fired: string[] = [];
    clock.setTimer(10, () => fired.push('a'));
    const cancelB = clock.setTimer(20, () => fired.push('b'));
    clock.setTimer(30, () => fired.push('c'));
    port.time = 5;
    fallback.advance(5);
    port.events?.fail('the timer Worker failed: boom');
    expect(clock.source).toBe('fallback');
    expect(clock.fallbackReason).toBe('the timer Worker failed: boom');
    expect(port.closed).toBe(true);
    cancelB();
    clock.setTimer(1, () => fired.push('new'));
    expect(clock.pendingTimers()).toBe(0);
    port.wakeAfter(100); // a stray message after the failure changes nothing
    expect(fired).toEqual([]);
    fallback.advance(5);
    expect(fired).toEqual(['new', 'a']);
    fallback.advance(20);
    expect(fired).toEqual(['new', 'a', 'c']);
  });

  it('hands the fallback clock the delays as given, and moved timers whole milliseconds in order', () => {
    const delays: number[] = [];
    const recording = new ManualClock();
    const fallback = { now: () => recording.now(), setTimer: (ms: number, fn: () => void) => (delays.push(ms), recording.setTimer(ms, fn)) };
    const port = new FakePort();
    const clock = workerClock({ port: port.factory, now: () => port.time, fallback });
    port.time = 0.25;
    clock.setTimer(1000, () => undefined);
    port.time = 0.5;
    clock.setTimer(1000, () => undefined);
    clock.setTimer(10, () => undefined);
    port.time = 3.2;
    clock.dispose();
    // Due at 1000.25, 1000.5 and 10.5, 3.2 ms on: whole milliseconds, never early, in time order.
    expect(delays).toEqual([8, 998, 998]);
    clock.setTimer(1000, () => undefined);
    clock.setTimer(1000, () => undefined);
    expect(delays.slice(3)).toEqual([1000, 1000]);
  });

  it('dispose() closes the port once; what was pending still runs, on the fallback clock', () => {
    const { clock, port, fallback } = clockWithPort(new ManualClock());
    let fired = 0;
    clock.setTimer(10, () => fired++);
    clock.dispose();
    clock.dispose();
    expect(port.closed).toBe(true);
    expect(clock.source).toBe('fallback');
    expect(clock.fallbackReason).toMatch(/disposed/);
    fallback.advance(10);
    expect(fired).toBe(1);
  });

  it('falls back, saying why, where no Worker can be made', () => {
    const fallback = new ManualClock();
    const clock = workerClock({
      port: () => {
        throw new Error('worker-src refused');
      },
      fallback,
    });
    expect(clock.source).toBe('fallback');
    expect(clock.fallbackReason).toBe('worker-src refused');
    let fired = 0;
    clock.setTimer(10, () => fired++);
    fallback.advance(10);
    expect(fired).toBe(1);
  });

  it('in Node, which has no Worker, runs on the system clock with performance.now()', async () => {
    const clock = workerClock();
    expect(clock.source).toBe('fallback');
    expect(clock.fallbackReason).toMatch(/no Worker/);
    const before = performance.now();
    expect(clock.now()).toBeGreaterThanOrEqual(before);
    await new Promise<void>((resolve) => clock.setTimer(1, resolve));
    clock.dispose();
  });
});
