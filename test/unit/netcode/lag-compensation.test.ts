import { describe, expect, it } from 'vitest';
import { StateHistory } from '../../../engine/src/netcode/lag-compensation.js';

describe('StateHistory', () => {
  it('rewinds within the window and interpolates between ticks', () => {
    const history = new StateHistory<number>({ tickRate: 60 });
    for (let t = 0; t <= 200; t++) history.record(t, t * 10);
    expect(history.at(195)).toEqual({ tick: 195, state: 1950 });
    expect(history.atTime(190.25)).toEqual({ from: { tick: 190, state: 1900 }, to: { tick: 191, state: 1910 }, alpha: 0.25, tick: 190.25, clamped: false });
  });

  it('clamps a rewind to 300 ms before the newest tick, and the future to the newest', () => {
    const history = new StateHistory<number>({ tickRate: 60, maxRewindMs: 300 });
    for (let t = 0; t <= 200; t++) history.record(t, t);
    expect(history.oldestRewindTick).toBe(182);
    expect(history.at(0)).toEqual({ tick: 182, state: 182 });
    expect(history.at(500)).toEqual({ tick: 200, state: 200 });
    const rewound = history.atTime(12.5)!;
    expect(rewound).toMatchObject({ tick: 182, clamped: true, alpha: 0, from: { tick: 182 } });
    expect(history.atTime(999)).toMatchObject({ tick: 200, clamped: true });
  });

  it('keeps bounded memory, fills gaps from the nearest older tick, and refuses ticks that do not increase', () => {
    const history = new StateHistory<string>({ tickRate: 20, historyMs: 1000, maxRewindMs: 1000 });
    expect(history.at(0)).toBeUndefined();
    for (let t = 0; t < 1000; t += 2) history.record(t, `s${t}`);
    expect(history.oldestRewindTick).toBe(978);
    expect(history.at(979)).toEqual({ tick: 978, state: 's978' });
    expect(history.at(900)).toEqual({ tick: 978, state: 's978' });
    expect(history.atTime(979)).toMatchObject({ from: { tick: 978 }, to: { tick: 980 }, alpha: 0.5 });
    expect(() => history.record(998, 'x')).toThrow(RangeError);
    expect(() => new StateHistory({ tickRate: 60, historyMs: 200, maxRewindMs: 300 })).toThrow();
  });
});
