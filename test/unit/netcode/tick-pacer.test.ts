import { describe, expect, it } from 'vitest';
import { createRng } from '../../../engine/src/core/rng.js';
import { ClientTickClock } from '../../../engine/src/netcode/client-tick-clock.js';
import { ClockSync } from '../../../engine/src/netcode/clock-sync.js';
import { DilatedClock } from '../../../engine/src/netcode/dilated-clock.js';
import { TickPacer } from '../../../engine/src/netcode/tick-pacer.js';
import { TickTimeline, targetLeadMs } from '../../../engine/src/netcode/tick-timeline.js';

const TICK_RATE = 60;
const TICK_MS = 1000 / TICK_RATE;

describe('targetLeadMs', () => {
  it('is half the RTT plus a bounded jitter margin', () => {
    expect(targetLeadMs(100, 10)).toBe(50 + 2 * 10 + 5);
    expect(targetLeadMs(100, 1000)).toBe(50 + 100);
    expect(targetLeadMs(-5, Number.NaN)).toBe(5);
    expect(targetLeadMs(80, 4, { jitterFactor: 3, extraMs: 0, maxMarginMs: 10 })).toBe(40 + 10);
  });
});

describe('TickTimeline', () => {
  it('converts host time to fractional ticks and back', () => {
    const timeline = new TickTimeline(20, 1000);
    expect(timeline.tickMs).toBe(50);
    expect(timeline.tickAt(1000)).toBe(0);
    expect(timeline.tickAt(1125)).toBe(2.5);
    expect(timeline.timeOf(2.5)).toBe(1125);
    expect(() => new TickTimeline(0)).toThrow();
  });
});

describe('TickPacer', () => {
  it('emits ticks at the nominal rate when the target moves at the nominal rate', () => {
    const pacer = new TickPacer({ tickRate: TICK_RATE });
    const rng = createRng(1);
    let now = 0;
    let emitted = pacer.update(now, 100.5);
    expect(emitted).toBe(1);
    expect(pacer.tick).toBe(100);
    while (now < 10_000) {
      now += 10 + rng.next() * 15;
      emitted += pacer.update(now, 100.5 + now / TICK_MS);
    }
    expect(pacer.tick).toBe(100 + emitted - 1);
    expect(Math.abs(pacer.tick - (100.5 + now / TICK_MS))).toBeLessThanOrEqual(1);
    expect(Math.abs(pacer.speed - 1)).toBeLessThan(0.005);
  });

  it('never goes backwards and never bends by more than 5%, however the target moves', () => {
    const pacer = new TickPacer({ tickRate: TICK_RATE });
    const rng = createRng(2);
    let now = 0;
    let offsetTicks = 0;
    pacer.update(now, 10);
    let previous = pacer.tick;
    const bad: string[] = [];
    let slowest = 1;
    let fastest = 1;
    for (let frame = 0; frame < 20_000; frame++) {
      now += 5 + rng.next() * 30;
      if (rng.chance(0.01)) offsetTicks = (rng.next() - 0.5) * 40;
      const n = pacer.update(now, 10 + now / TICK_MS + offsetTicks);
      if (n < 0 || pacer.tick < previous || pacer.tick !== previous + n + pacer.lastSkipped) bad.push(`frame ${frame}: n=${n}`);
      slowest = Math.min(slowest, pacer.speed);
      fastest = Math.max(fastest, pacer.speed);
      previous = pacer.tick;
    }
    expect(bad).toEqual([]);
    expect(slowest).toBeCloseTo(0.95, 9);
    expect(fastest).toBeCloseTo(1.05, 9);
  });

  it('closes a gap of half a second by speeding up, without skipping', () => {
    const pacer = new TickPacer({ tickRate: TICK_RATE });
    let now = 0;
    pacer.update(now, 0);
    const behind = 30;
    let skipped = 0;
    while (now < 20_000) {
      now += 16;
      pacer.update(now, behind + now / TICK_MS);
      skipped += pacer.lastSkipped;
      if (now === 1600) expect(pacer.speed).toBeCloseTo(1.05, 6);
    }
    expect(skipped).toBe(0);
    expect(Math.abs(pacer.position - (behind + now / TICK_MS))).toBeLessThan(0.25);
  });

  it('slows down, never backwards, when the target falls behind', () => {
    const pacer = new TickPacer({ tickRate: TICK_RATE });
    let now = 0;
    pacer.update(now, 300);
    let previous = pacer.tick;
    while (now < 30_000) {
      now += 16;
      pacer.update(now, 240 + now / TICK_MS);
      expect(pacer.tick).toBeGreaterThanOrEqual(previous);
      previous = pacer.tick;
      if (now === 1600) expect(pacer.speed).toBeCloseTo(0.95, 6);
    }
    expect(Math.abs(pacer.position - (240 + now / TICK_MS))).toBeLessThan(0.25);
  });

  it('jumps forward when more than a second behind, reporting the skipped ticks', () => {
    const pacer = new TickPacer({ tickRate: TICK_RATE });
    pacer.update(0, 10);
    expect(pacer.update(16, 11)).toBe(0);
    const n = pacer.update(32, 200.4);
    expect(n).toBe(1);
    expect(pacer.tick).toBe(200);
    expect(pacer.lastSkipped).toBe(189);
    expect(pacer.update(48, 201.4)).toBe(1);
    expect(pacer.lastSkipped).toBe(0);
  });

  it('skips instead of replaying a long stall, and caps the ticks per update', () => {
    const pacer = new TickPacer({ tickRate: TICK_RATE, maxTicksPerUpdate: 8 });
    pacer.update(0, 0);
    expect(pacer.update(500, 30)).toBe(8);
    expect(pacer.update(516, 31)).toBe(8);
    const n = pacer.update(5516, 331);
    expect(n).toBe(1);
    expect(pacer.lastSkipped).toBeGreaterThan(250);
    expect(pacer.tick).toBe(331);
  });

  it('counts real time going backwards as none', () => {
    const clock = new DilatedClock();
    clock.update(1000, 0);
    clock.update(1100, 100);
    const t = clock.timeMs;
    clock.update(900, 150);
    expect(clock.timeMs).toBe(t);
    clock.update(1116, 116);
    expect(clock.timeMs).toBeGreaterThan(t);
    expect(clock.timeMs - t).toBeLessThan(16 * 1.05 + 1e-9);
  });
});

describe('ClientTickClock', () => {
  it('waits for a clock sample, then runs a lead of RTT/2 + margin ahead of the host', () => {
    const rng = createRng(5);
    const sync = new ClockSync();
    const timeline = new TickTimeline(TICK_RATE);
    const clock = new ClientTickClock({ timeline, hostClock: sync });
    const hostOffset = 50_000;
    expect(clock.update(0)).toBe(0);
    expect(clock.tick).toBe(-1);
    let now = 0;
    let nextPing = 0;
    let previous = -1;
    while (now < 30_000) {
      if (now >= nextPing) {
        const out = 40 + rng.next() * 4;
        const back = 40 + rng.next() * 4;
        sync.addSample(now - out - back, now - back + hostOffset, now);
        nextPing = now + 500;
      }
      now += 16 + rng.next();
      clock.update(now);
      expect(clock.tick).toBeGreaterThanOrEqual(previous);
      previous = clock.tick;
    }
    const hostTick = timeline.tickAt(now + hostOffset);
    const leadTicks = clock.pacer.position - hostTick;
    expect(Math.abs(clock.leadMs - targetLeadMs(sync.rttMs, sync.jitterMs))).toBe(0);
    expect(clock.leadMs).toBeGreaterThan(45);
    expect(clock.leadMs).toBeLessThan(60);
    expect(Math.abs(leadTicks * TICK_MS - clock.leadMs)).toBeLessThan(4);
  });

  it('adapts to random RTT changes without ever going backwards', () => {
    const rng = createRng(6);
    const sync = new ClockSync();
    const timeline = new TickTimeline(TICK_RATE);
    const clock = new ClientTickClock({ timeline, hostClock: sync });
    let now = 0;
    let oneWay = 50;
    let nextPing = 0;
    sync.addSample(-100, -50, 0);
    clock.update(now);
    let previous = clock.tick;
    while (now < 120_000) {
      if (rng.chance(0.002)) oneWay = 10 + rng.next() * 200;
      if (now >= nextPing) {
        const out = oneWay + rng.next() * 10;
        const back = oneWay + rng.next() * 10;
        sync.addSample(now - out - back, now - back, now);
        nextPing = now + 250;
      }
      now += 8 + rng.next() * 25;
      const n = clock.update(now);
      expect(clock.tick).toBe(previous + n + clock.pacer.lastSkipped);
      expect(n).toBeGreaterThanOrEqual(0);
      previous = clock.tick;
    }
    expect(Math.abs(clock.pacer.position - clock.targetTick(now))).toBeLessThan(1);
  });
});
