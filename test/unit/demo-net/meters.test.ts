import { describe, expect, it } from 'vitest';
import { isLobbyInfo, isNetReport } from '../../../game-demo/src/net/messages.js';
import { LossMeter, RateMeter, Series } from '../../../game-demo/src/net/meters.js';

describe('the net graph meters', () => {
  it('measures a counter per second over a sliding window, starting over when it goes back', () => {
    const rate = new RateMeter(1000);
    for (let t = 0; t <= 3000; t += 250) rate.add(t, t < 2000 ? t * 2 : 4000 + (t - 2000) * 4);
    expect(rate.perSecond).toBeCloseTo(4000);
    rate.add(3250, 10);
    rate.add(3500, 510);
    expect(rate.perSecond).toBeCloseTo(2000);
  });

  it('estimates loss from what one side sent and the other received', () => {
    const loss = new LossMeter(2);
    expect(loss.loss).toBeUndefined();
    loss.add(100, 100);
    loss.add(160, 157);
    loss.add(220, 214);
    // Over the last two reports: 120 sent, 114 received.
    expect(loss.loss).toBeCloseTo(0.05);
    loss.add(220, 214);
    loss.add(220, 214);
    expect(loss.loss).toBeUndefined();
  });

  it('keeps the newest values of a series', () => {
    const series = new Series(3);
    for (const v of [1, 2, 3, 4]) series.push(v);
    expect(series.values).toEqual([2, 3, 4]);
    expect(series.latest).toBe(4);
  });

  it('accepts only well-formed reports and lobby settings', () => {
    expect(isNetReport({ stateSent: 3, stateReceived: 2, rttMs: 12.5 })).toBe(true);
    expect(isNetReport({ stateSent: 3, stateReceived: 2 })).toBe(true);
    expect(isNetReport({ stateSent: -1, stateReceived: 2 })).toBe(false);
    expect(isNetReport({ stateSent: 1, stateReceived: 2, rttMs: 'x' })).toBe(false);
    expect(isNetReport({ stateSent: 1, stateReceived: 2, rttMs: Infinity })).toBe(false);
    expect(isNetReport([1, 2])).toBe(false);
    const info = { tickRate: 60, snapshotRate: 30, snapshotReliability: 'unreliable', maxPlayers: 8, started: false };
    expect(isLobbyInfo(info)).toBe(true);
    expect(isLobbyInfo({ ...info, snapshotReliability: 'sometimes' })).toBe(false);
    expect(isLobbyInfo({ ...info, started: 'yes' })).toBe(false);
    expect(isLobbyInfo(null)).toBe(false);
  });
});
