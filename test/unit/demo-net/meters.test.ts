import { describe, expect, it } from 'vitest';
import { HostFrames } from '../../../game-demo/src/net/host-frames.js';
import { parseLobbyInfo, parseNetReport } from '../../../game-demo/src/net/messages.js';
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

  it('draws the host between its two newest ticks, angles the short way', () => {
    const frames = new HostFrames();
    const ship = (x: number, angle: number) => [{ id: 0, type: 'ship', values: { x, y: 5, angle, hp: 3 } }];
    frames.push(1, ship(0, 6.2));
    frames.push(2, ship(10, 0.1));
    const { entities } = frames.sample(1.5);
    expect(entities[0]!.values.x).toBeCloseTo(5);
    const angle = entities[0]!.values.angle as number;
    expect(Math.abs(angle - 6.2 - (0.1 + 2 * Math.PI - 6.2) / 2)).toBeLessThan(1e-9);
    expect(frames.sample(5).entities[0]!.values.x).toBe(10);
  });

  it('accepts only well-formed reports and lobby settings', () => {
    expect(parseNetReport({ stateSent: 3, stateReceived: 2, rttMs: 12.5 })).toEqual({ stateSent: 3, stateReceived: 2, rttMs: 12.5 });
    expect(parseNetReport({ stateSent: -1, stateReceived: 2 })).toBeUndefined();
    expect(parseNetReport({ stateSent: 1, stateReceived: 2, rttMs: 'x' })).toEqual({ stateSent: 1, stateReceived: 2 });
    expect(parseNetReport([1, 2])).toBeUndefined();
    const info = { tickRate: 60, snapshotRate: 30, snapshotReliability: 'unreliable', maxPlayers: 8, started: false };
    expect(parseLobbyInfo(info)).toEqual(info);
    expect(parseLobbyInfo({ ...info, snapshotReliability: 'sometimes' })).toBeUndefined();
  });
});
