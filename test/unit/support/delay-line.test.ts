/**
 * The tests' bad link, one direction at a time, on a manual clock: seeded loss at the configured
 * rate, delay and jitter within their bounds, order kept, and nothing delivered after close.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../engine/src/core/clock.js';
import { createRng } from '../../../engine/src/core/rng.js';
import { DelayLine, splitInTwo, type Impairment } from '../../support/delay-line.js';

interface Delivered {
  readonly n: number;
  readonly sentAt: number;
  readonly at: number;
}

function line(impairment: Impairment, seed = 1, maxQueued?: number) {
  const clock = new ManualClock();
  const delivered: Delivered[] = [];
  const dl = new DelayLine<{ n: number; sentAt: number }>({
    clock,
    rng: createRng(seed),
    impairment,
    deliver: ({ n, sentAt }) => delivered.push({ n, sentAt, at: clock.now() }),
    ...(maxQueued === undefined ? {} : { maxQueued }),
  });
  /** Pushes `count` datagrams `gapMs` apart, then lets every delay run out. */
  const send = (count: number, gapMs: number) => {
    for (let n = 0; n < count; n++) {
      dl.push({ n, sentAt: clock.now() });
      clock.advance(gapMs);
    }
    clock.advance(impairment.delayMs + impairment.jitterMs + 1);
  };
  return { clock, dl, delivered, send };
}

describe('DelayLine', () => {
  it('drops the configured share of many datagrams, the same ones for the same seed', () => {
    const a = line({ delayMs: 0, jitterMs: 0, loss: 0.1 }, 42);
    a.send(100_000, 0);
    const ratio = a.dl.counters.dropped / a.dl.counters.received;
    expect(ratio).toBeGreaterThan(0.097);
    expect(ratio).toBeLessThan(0.103);
    expect(a.dl.counters.forwarded + a.dl.counters.dropped).toBe(100_000);
    const b = line({ delayMs: 0, jitterMs: 0, loss: 0.1 }, 42);
    b.send(100_000, 0);
    expect(b.delivered.map((d) => d.n)).toEqual(a.delivered.map((d) => d.n));
    const c = line({ delayMs: 0, jitterMs: 0, loss: 0.1 }, 43);
    c.send(100_000, 0);
    expect(c.delivered.map((d) => d.n)).not.toEqual(a.delivered.map((d) => d.n));
  });

  it('drops nothing at loss 0 and everything at loss 1', () => {
    const clean = line({ delayMs: 5, jitterMs: 0, loss: 0 });
    clean.send(1000, 1);
    expect(clean.delivered).toHaveLength(1000);
    const dead = line({ delayMs: 5, jitterMs: 0, loss: 1 });
    dead.send(1000, 1);
    expect(dead.delivered).toHaveLength(0);
    expect(dead.dl.counters).toEqual({ received: 1000, forwarded: 0, dropped: 1000, overflowed: 0 });
  });

  it('holds each datagram exactly the delay when there is no jitter', () => {
    const { clock, dl, delivered } = line({ delayMs: 30, jitterMs: 0, loss: 0 });
    dl.push({ n: 0, sentAt: 0 });
    clock.advance(10);
    dl.push({ n: 1, sentAt: 10 });
    clock.advance(19);
    expect(delivered).toEqual([]);
    clock.advance(1);
    expect(delivered).toEqual([{ n: 0, sentAt: 0, at: 30 }]);
    clock.advance(10);
    expect(delivered.map((d) => d.at)).toEqual([30, 40]);
  });

  it('spreads delays over [delay, delay + jitter] and keeps the order', () => {
    const { delivered, send } = line({ delayMs: 25, jitterMs: 10, loss: 0 }, 7);
    send(5000, 1);
    const delays = delivered.map((d) => d.at - d.sentAt);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(25);
    expect(Math.max(...delays)).toBeLessThanOrEqual(35);
    expect(Math.min(...delays)).toBeLessThan(26);
    expect(Math.max(...delays)).toBeGreaterThan(34);
    expect(delivered.map((d) => d.n)).toEqual(Array.from({ length: 5000 }, (_, i) => i));
  });

  it('drops and counts datagrams beyond the queue limit', () => {
    const { dl, send } = line({ delayMs: 100, jitterMs: 0, loss: 0 }, 1, 10);
    send(15, 0);
    expect(dl.counters).toEqual({ received: 15, forwarded: 10, dropped: 0, overflowed: 5 });
  });

  it('delivers nothing after close and leaves no timer behind', () => {
    const { clock, dl, delivered } = line({ delayMs: 10, jitterMs: 5, loss: 0 });
    dl.push({ n: 0, sentAt: 0 });
    dl.close();
    dl.push({ n: 1, sentAt: 0 });
    clock.advance(100);
    expect(delivered).toEqual([]);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('refuses impairments that make no sense', () => {
    const ok = { delayMs: 1, jitterMs: 1, loss: 0 };
    for (const bad of [{ ...ok, delayMs: -1 }, { ...ok, jitterMs: Number.NaN }, { ...ok, loss: 1.5 }, { ...ok, delayMs: Infinity }]) {
      expect(() => line(bad)).toThrow(RangeError);
    }
  });
});

describe('splitInTwo', () => {
  it('makes two crossings in series add up to the end-to-end link', () => {
    const half = splitInTwo({ delayMs: 50, jitterMs: 20, loss: 0.1 });
    expect(half.delayMs).toBe(25);
    expect(half.jitterMs).toBe(10);
    expect(1 - (1 - half.loss) ** 2).toBeCloseTo(0.1, 12);
  });

  it('loses about the end-to-end share over two seeded crossings', () => {
    const half = splitInTwo({ delayMs: 0, jitterMs: 0, loss: 0.1 });
    const clock = new ManualClock();
    let arrived = 0;
    const second = new DelayLine<number>({ clock, rng: createRng(2), impairment: half, deliver: () => arrived++ });
    const first = new DelayLine<number>({ clock, rng: createRng(1), impairment: half, deliver: (n) => second.push(n) });
    for (let n = 0; n < 100_000; n++) {
      first.push(n);
      clock.advance(0);
    }
    expect(first.counters.overflowed + second.counters.overflowed).toBe(0);
    expect(1 - arrived / 100_000).toBeGreaterThan(0.097);
    expect(1 - arrived / 100_000).toBeLessThan(0.103);
  });
});
