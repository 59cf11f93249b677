import { describe, expect, it } from 'vitest';
import { RateWindow } from '../../../bench/broker/rate-window.js';

describe('the broker bench rate window', () => {
  it('counts only what happens while it is open, per second of its length', () => {
    let now = 1000;
    const window = new RateWindow('relays', () => now);
    window.add(5);
    window.open();
    window.add();
    window.add(2);
    now += 500;
    const counted = window.close();
    window.add(100);
    expect(counted).toEqual({ count: 3, ms: 500, perSecond: 6 });
    expect(window.close()).toEqual(counted);
  });

  it('stops the bench on a window that counted nothing, naming the series', () => {
    let now = 0;
    const window = new RateWindow('candidates relayed (one broker)', () => now);
    window.open();
    now = 2000;
    expect(() => window.close()).toThrow('the benchmark counted no candidates relayed (one broker) in its 2000 ms window: nothing was measured there');
  });

  it('refuses to close a window never opened, or to open one twice', () => {
    const window = new RateWindow('relays', () => 0);
    expect(() => window.close()).toThrow('the window for relays was never opened');
    window.open();
    expect(() => window.open()).toThrow('the window for relays is already open');
  });
});
