import { describe, expect, it } from 'vitest';
import { isNetError } from '../../../engine/src/core/net-error.js';
import { createRng } from '../../../engine/src/core/rng.js';
import type { Rng } from '../../../engine/src/core/rng.js';
import { ClockSync } from '../../../engine/src/netcode/clock-sync.js';

/** A simulated link: one-way delays of `baseMs + U[0, jitterMs]` each way, host clock ahead by `offset`. */
class Link {
  time = 1000;
  constructor(
    readonly rng: Rng,
    public offset: number,
    readonly baseMs = 30,
    readonly jitterMs = 8,
  ) {}

  ping(sync: ClockSync, extraOut = 0, extraBack = 0): boolean {
    const out = this.baseMs + this.rng.next() * this.jitterMs + extraOut;
    const back = this.baseMs + this.rng.next() * this.jitterMs + extraBack;
    const accepted = sync.addSample(this.time, this.time + out + this.offset, this.time + out + back);
    this.time += 250;
    return accepted;
  }
}

describe('ClockSync', () => {
  it('converges to the true offset within 1 ms under symmetric jitter', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const sync = new ClockSync();
      const link = new Link(createRng(seed), 12_345.678);
      for (let i = 0; i < 100; i++) link.ping(sync);
      expect(Math.abs(sync.offsetMs - link.offset)).toBeLessThan(1);
      expect(Math.abs(sync.hostTimeAt(5000) - (5000 + link.offset))).toBeLessThan(1);
      // Mean RTT is 2 * (30 + 4) = 68 ms; RTT varies, so the jitter is well above 0.
      expect(Math.abs(sync.rttMs - 68)).toBeLessThan(3);
      expect(sync.jitterMs).toBeGreaterThan(0.5);
      expect(sync.jitterMs).toBeLessThan(8);
      expect(sync.sampleCount).toBe(100);
    }
  });

  it('moves the offset by less than 0.5 ms and the RTT by less than 25% on one 10x slow sample', () => {
    for (let seed = 1; seed <= 20; seed++) {
      for (const [extraOut, extraBack] of [[0, 612], [306, 306], [612, 0]] as const) {
        const sync = new ClockSync();
        const link = new Link(createRng(seed), -777);
        for (let i = 0; i < 40; i++) link.ping(sync);
        const offsetBefore = sync.offsetMs;
        const rttBefore = sync.rttMs;
        link.ping(sync, extraOut, extraBack);
        expect(Math.abs(sync.offsetMs - offsetBefore)).toBeLessThan(0.5);
        expect(sync.rttMs - rttBefore).toBeLessThan(0.25 * rttBefore);
      }
    }
  });

  it('trusts the low-RTT samples when queuing delays one direction only', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const rng = createRng(seed);
      const sync = new ClockSync();
      const offset = 4321;
      for (let i = 0, t = 0; i < 100; i++, t += 250) {
        // The uplink queues 45% of the pings by up to 80 ms; the downlink is clean.
        const out = 30 + (rng.chance(0.45) ? rng.next() * 80 : rng.next());
        const back = 30 + rng.next();
        sync.addSample(t, t + out + offset, t + out + back);
      }
      expect(Math.abs(sync.offsetMs - offset)).toBeLessThan(1);
    }
  });

  it('rejects negative, non-finite and absurd samples without changing anything', () => {
    const sync = new ClockSync({ maxRttMs: 5000 });
    const link = new Link(createRng(7), 100);
    for (let i = 0; i < 10; i++) link.ping(sync);
    const before = { rtt: sync.rttMs, jitter: sync.jitterMs, offset: sync.offsetMs, count: sync.sampleCount };
    expect(sync.addSample(2000, 2100, 1990)).toBe(false);
    expect(sync.addSample(Number.NaN, 2100, 2050)).toBe(false);
    expect(sync.addSample(2000, Number.NaN, 2050)).toBe(false);
    expect(sync.addSample(2000, 2100, Infinity)).toBe(false);
    expect(sync.addSample(-Infinity, 2100, 2050)).toBe(false);
    expect(sync.addSample(2000, 2100, 8000)).toBe(false);
    expect({ rtt: sync.rttMs, jitter: sync.jitterMs, offset: sync.offsetMs, count: sync.sampleCount }).toEqual(before);
    expect(sync.addSample(2000, 2140, 2060)).toBe(true);
    expect(sync.sampleCount).toBe(11);
  });

  it('converges after a real change of the offset, large or small', () => {
    for (const change of [250, -40, 5, -3000]) {
      for (let seed = 1; seed <= 10; seed++) {
        const sync = new ClockSync();
        const link = new Link(createRng(seed), 500);
        for (let i = 0; i < 60; i++) link.ping(sync);
        link.offset += change;
        const samples = Math.abs(change) >= 10 ? 32 : 80;
        for (let i = 0; i < samples; i++) link.ping(sync);
        expect(Math.abs(sync.offsetMs - link.offset)).toBeLessThan(2);
      }
    }
  });

  it('follows a lasting change of RTT', () => {
    const sync = new ClockSync();
    const rng = createRng(3);
    const near = new Link(rng, 0, 20, 2);
    for (let i = 0; i < 30; i++) near.ping(sync);
    expect(sync.rttMs).toBeLessThan(45);
    const far = new Link(rng, 0, 100, 2);
    for (let i = 0; i < 60; i++) far.ping(sync);
    expect(Math.abs(sync.rttMs - 202)).toBeLessThan(3);
    expect(Math.abs(sync.offsetMs)).toBeLessThan(1);
  });

  it('starts unsynchronized and resets', () => {
    const sync = new ClockSync();
    expect(sync.synced).toBe(false);
    expect(sync.hostTimeAt(42)).toBe(42);
    expect(sync.addSample(0, 1000, 100)).toBe(true);
    expect(sync.synced).toBe(true);
    expect(sync.offsetMs).toBe(950);
    expect(sync.rttMs).toBe(100);
    expect(sync.jitterMs).toBe(50);
    sync.reset();
    expect(sync.synced).toBe(false);
    expect(sync.offsetMs).toBe(0);
    expect(sync.sampleCount).toBe(0);
  });

  it('refuses invalid options', () => {
    expect(() => new ClockSync({ windowSize: 0 })).toThrow();
    let caught: unknown;
    try {
      new ClockSync({ maxRttMs: -1 });
    } catch (error) {
      caught = error;
    }
    expect(isNetError(caught, 'invalid_option')).toBe(true);
  });
});
