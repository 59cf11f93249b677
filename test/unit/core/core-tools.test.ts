import { describe, expect, it } from 'vitest';
import { Emitter } from '../../../engine/src/core/emitter.js';
import { NetError, isNetError } from '../../../engine/src/core/net-error.js';
import { TokenBucket } from '../../../engine/src/core/token-bucket.js';
import { TickRing } from '../../../engine/src/core/ring-buffer.js';
import { createRng } from '../../../engine/src/core/rng.js';
import { nextSequence, sequenceDiff, sequenceNewer } from '../../../engine/src/core/sequence.js';

describe('Emitter', () => {
  it('delivers typed payloads and unsubscribes', () => {
    const emitter = new Emitter<{ hit: { damage: number } }>();
    const seen: number[] = [];
    const off = emitter.on('hit', ({ damage }) => seen.push(damage));
    emitter.emit('hit', { damage: 3 });
    off();
    off();
    emitter.emit('hit', { damage: 4 });
    expect(seen).toEqual([3]);
    expect(emitter.listenerCount('hit')).toBe(0);
  });

  it("lets a listener's throw out of emit, unless its owner hears them: then the other listeners still run", () => {
    const plain = new Emitter<{ hit: number }>();
    plain.on('hit', () => {
      throw new Error('bug');
    });
    expect(() => plain.emit('hit', 1)).toThrow('bug');

    const heard: string[] = [];
    const fenced = new Emitter<{ hit: number }>({ onListenerError: (error, event) => heard.push(`${String(event)}: ${(error as Error).message}`) });
    const seen: number[] = [];
    fenced.on('hit', () => {
      throw new Error('bug');
    });
    fenced.on('hit', (n) => seen.push(n));
    fenced.emit('hit', 1);
    fenced.emit('hit', 2);
    expect(seen).toEqual([1, 2]);
    expect(heard).toEqual(['hit: bug', 'hit: bug']);
  });
});

describe('sequence numbers', () => {
  it('compare correctly across the 16-bit wrap', () => {
    let s = 65530;
    for (let i = 0; i < 12; i++) {
      const next = nextSequence(s);
      expect(sequenceNewer(next, s)).toBe(true);
      expect(sequenceNewer(s, next)).toBe(false);
      expect(sequenceDiff(next, s)).toBe(1);
      s = next;
    }
    expect(s).toBe(6);
    expect(sequenceDiff(3, 65533)).toBe(6);
    expect(sequenceDiff(65533, 3)).toBe(-6);
  });
});

describe('TickRing', () => {
  it('keeps the last capacity ticks and forgets overwritten ones', () => {
    const ring = new TickRing<string>(4);
    for (let t = 0; t < 10; t++) ring.set(t, `v${t}`);
    expect(ring.get(9)).toBe('v9');
    expect(ring.get(6)).toBe('v6');
    expect(ring.get(5)).toBeUndefined();
    ring.delete(9);
    expect(ring.has(9)).toBe(false);
  });
});

describe('createRng', () => {
  it('repeats its sequence for a seed and stays in range', () => {
    const a = createRng(42);
    const b = createRng(42);
    for (let i = 0; i < 1000; i++) {
      const x = a.next();
      expect(x).toBe(b.next());
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
    const c = createRng(7);
    for (let i = 0; i < 1000; i++) {
      const n = c.int(-3, 3);
      expect(Number.isInteger(n) && n >= -3 && n <= 3).toBe(true);
    }
  });
});

describe('NetError', () => {
  it('carries a code to switch on', () => {
    const error = new NetError('message_too_large', 'too big');
    expect(isNetError(error, 'message_too_large')).toBe(true);
    expect(isNetError(error, 'closed')).toBe(false);
    expect(isNetError(new Error('x'))).toBe(false);
    expect(error.name).toBe('NetError');
  });
});

describe('TokenBucket', () => {
  it('allows the burst at once, then the rate', () => {
    const bucket = new TokenBucket(10, 3, 0);
    expect([1, 2, 3, 4].map(() => bucket.take(0))).toEqual([true, true, true, false]);
    expect(bucket.take(99)).toBe(false);
    expect(bucket.take(100)).toBe(true);
    expect(bucket.take(100)).toBe(false);
    expect([1, 2, 3, 4].map(() => bucket.take(10_000))).toEqual([true, true, true, false]);
  });
});
