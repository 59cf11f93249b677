import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../engine/src/core/clock.js';
import { HiddenMeter } from '../../../game-demo/src/net/hidden-meter.js';
import { repeat } from '../../../game-demo/src/net/repeat.js';
import type { HostTiming } from '../../../game-demo/src/net/session.js';
import { tabLine } from '../../../game-demo/src/ui/tab-line.js';

const worker: HostTiming = { timers: 'worker', fallbackReason: undefined, ticksPerSecond: 59.96, ticksSkipped: 0 };

describe('the hidden-tab meter', () => {
  it('measures the ticks while hidden, then keeps the last hidden stretch once visible', () => {
    const meter = new HiddenMeter();
    expect(meter.figures({ at: 0, tick: 0, ticksSkipped: 0 })).toBeUndefined();
    meter.hide({ at: 1000, tick: 60, ticksSkipped: 2 });
    meter.hide({ at: 1500, tick: 90, ticksSkipped: 2 });
    expect(meter.hidden).toBe(true);
    expect(meter.figures({ at: 3000, tick: 180, ticksSkipped: 2 })).toEqual({ ongoing: true, seconds: 2, ticksPerSecond: 60, ticksSkipped: 0 });
    meter.show({ at: 5000, tick: 220, ticksSkipped: 202 });
    meter.show({ at: 9000, tick: 500, ticksSkipped: 202 });
    expect(meter.hidden).toBe(false);
    expect(meter.figures({ at: 9000, tick: 500, ticksSkipped: 202 })).toEqual({ ongoing: false, seconds: 4, ticksPerSecond: 40, ticksSkipped: 200 });
  });

  it('reports no rate for a stretch of no time', () => {
    const meter = new HiddenMeter();
    meter.hide({ at: 10, tick: 5, ticksSkipped: 0 });
    expect(meter.figures({ at: 10, tick: 5, ticksSkipped: 0 })).toMatchObject({ seconds: 0, ticksPerSecond: 0 });
  });
});

describe("the net graph's host tab line", () => {
  it('says nothing on a client, and what drives the tick on a host', () => {
    expect(tabLine(undefined, undefined)).toBeUndefined();
    expect(tabLine(worker, undefined)).toBe('visible — ticking from a Worker, 60.0 ticks/s');
  });

  it('shows the rate while hidden, and sums up the hidden stretch once back', () => {
    expect(tabLine(worker, { ongoing: true, seconds: 3, ticksPerSecond: 59.94, ticksSkipped: 0 })).toBe('hidden — ticking from a Worker, 59.9 ticks/s');
    expect(tabLine(worker, { ongoing: false, seconds: 12.34, ticksPerSecond: 60, ticksSkipped: 0 })).toBe(
      'visible — ticking from a Worker, 60.0 ticks/s; hidden 12.3 s at 60.0 ticks/s',
    );
  });

  it('names page timers, why there is no Worker, and the ticks skipped', () => {
    const page: HostTiming = { timers: 'page', fallbackReason: 'this environment has no Worker', ticksPerSecond: 8, ticksSkipped: 300 };
    expect(tabLine(page, { ongoing: true, seconds: 5, ticksPerSecond: 8, ticksSkipped: 260 })).toBe(
      'hidden — ticking from page timers (no Worker: this environment has no Worker), 8.0 ticks/s, 260 ticks skipped',
    );
    expect(tabLine({ ...page, fallbackReason: undefined }, undefined)).toBe('visible — ticking from page timers, 8.0 ticks/s');
  });
});

describe('repeat', () => {
  it('calls back every interval on the clock until stopped, also after a callback throws', () => {
    const clock = new ManualClock();
    const at: number[] = [];
    const stop = repeat(clock, 250, () => {
      at.push(clock.now());
      if (at.length === 2) throw new Error('once');
    });
    clock.advance(400);
    expect(at).toEqual([250]);
    expect(() => clock.advance(100)).toThrow('once');
    clock.advance(250);
    expect(at).toEqual([250, 500, 750]);
    stop();
    stop();
    clock.advance(1000);
    expect(at).toEqual([250, 500, 750]);
    expect(clock.pendingTimers()).toBe(0);
  });
});
