import { describe, expect, it } from 'vitest';
import { createRng } from '../../../engine/src/core/rng.js';
import { CorrectionSmoother } from '../../../engine/src/netcode/correction-smoother.js';
import { InputHistory } from '../../../engine/src/netcode/input-history.js';
import { Reconciler } from '../../../engine/src/netcode/reconciler.js';

interface Player {
  readonly x: number;
  readonly y: number;
}
interface Move {
  readonly dx: number;
  readonly dy: number;
}

const TICK_RATE = 50;
const step = (s: Player, m: Move, dtMs: number): Player => ({ x: s.x + (m.dx * dtMs) / 1000, y: s.y + (m.dy * dtMs) / 1000 });
const distance = (a: Player, b: Player): number => Math.hypot(a.x - b.x, a.y - b.y);

function makeReconciler(onStep?: (m: Move) => void): Reconciler<Player, Move> {
  return new Reconciler<Player, Move>({
    tickRate: TICK_RATE,
    neutralInput: { dx: 0, dy: 0 },
    epsilon: 1e-9,
    distance,
    step: (s, m, dt) => {
      onStep?.(m);
      return step(s, m, dt);
    },
  });
}

describe('Reconciler', () => {
  it('makes no corrections when the prediction matches the host', () => {
    const rng = createRng(21);
    const reconciler = makeReconciler();
    const history = new InputHistory<Move>();
    const hostStates: Player[] = [];
    let client: Player = { x: 0, y: 0 };
    let host: Player = { x: 0, y: 0 };
    let corrections = 0;
    let checked = 0;
    for (let tick = 0; tick < 600; tick++) {
      const move = { dx: rng.int(-100, 100), dy: rng.int(-100, 100) };
      history.record(tick, move);
      client = reconciler.predict(tick, client, move);
      host = step(host, move, 1000 / TICK_RATE);
      hostStates.push(host);
      // Snapshots arrive 6 ticks late.
      const snapTick = tick - 6;
      if (snapTick >= 0 && snapTick % 3 === 0) {
        const result = reconciler.reconcile(snapTick, hostStates[snapTick]!, history);
        checked++;
        if (result.corrected) corrections++;
        expect(result.error).toBe(0);
        expect(result.replayed).toBe(0);
        expect(result.state).toBe(client);
        expect(result.tick).toBe(tick);
      }
    }
    expect(checked).toBeGreaterThan(190);
    expect(corrections).toBe(0);
  });

  it('corrects by the size of the disagreement and replays exactly the inputs after the snapshot', () => {
    const replayed: Move[] = [];
    let replaying = false;
    const reconciler = makeReconciler((m) => {
      if (replaying) replayed.push(m);
    });
    const history = new InputHistory<Move>();
    let client: Player = { x: 0, y: 0 };
    const predictedAt: Player[] = [];
    for (let tick = 0; tick <= 20; tick++) {
      const move = { dx: tick * 10, dy: -tick };
      history.record(tick, move);
      client = reconciler.predict(tick, client, move);
      predictedAt.push(client);
    }
    history.ack(16);
    // The host says that at tick 12 the player was 3 right and 4 up of the prediction.
    const authoritative = { x: predictedAt[12]!.x + 3, y: predictedAt[12]!.y + 4 };
    replaying = true;
    const result = reconciler.reconcile(12, authoritative, history);
    replaying = false;
    expect(result.corrected).toBe(true);
    expect(result.error).toBeCloseTo(5, 9);
    expect(result.replayed).toBe(8);
    expect(replayed).toEqual([13, 14, 15, 16, 17, 18, 19, 20].map((t) => history.get(t)));
    expect(result.tick).toBe(20);
    expect(result.state.x).toBeCloseTo(client.x + 3, 9);
    expect(result.state.y).toBeCloseTo(client.y + 4, 9);
    expect(reconciler.predicted(16)!.x).toBeCloseTo(predictedAt[16]!.x + 3, 9);
    expect(reconciler.predicted(12)).toBe(authoritative);
  });

  it('repeats the previous input for a replayed tick with none recorded', () => {
    const seen: Move[] = [];
    const reconciler = makeReconciler((m) => seen.push(m));
    let state: Player = { x: 0, y: 0 };
    for (let tick = 0; tick < 5; tick++) state = reconciler.predict(tick, state, { dx: 1, dy: 0 });
    seen.length = 0;
    const inputs = new Map<number, Move>([[1, { dx: 7, dy: 0 }], [3, { dx: 9, dy: 0 }]]);
    reconciler.reconcile(1, { x: 100, y: 0 }, inputs);
    expect(seen.map((m) => m.dx)).toEqual([7, 9, 9]);
  });

  it('ignores stale snapshots and adopts one from ahead of the prediction', () => {
    const reconciler = makeReconciler();
    const history = new InputHistory<Move>();
    let state: Player = { x: 0, y: 0 };
    for (let tick = 0; tick < 10; tick++) state = reconciler.predict(tick, state, { dx: 50, dy: 0 });
    expect(reconciler.reconcile(5, { x: 99, y: 0 }, history).corrected).toBe(true);
    const stale = reconciler.reconcile(4, { x: -99, y: 0 }, history);
    expect(stale).toMatchObject({ stale: true, corrected: false, replayed: 0 });
    const ahead = reconciler.reconcile(15, { x: 1, y: 2 }, history);
    expect(ahead).toMatchObject({ corrected: true, error: Infinity, tick: 15, state: { x: 1, y: 2 }, replayed: 0 });
    expect(reconciler.newestTick).toBe(15);
    expect(() => reconciler.reconcile(-3, { x: 0, y: 0 }, history)).toThrow(RangeError);
  });
});

describe('CorrectionSmoother', () => {
  it('holds the drawn position through a correction, then decays the offset to exactly 0', () => {
    const smoother = new CorrectionSmoother({ timeConstantMs: 100 });
    expect(smoother.correct([10, 20], [13, 24])).toBe(true);
    expect(smoother.offset).toEqual([-3, -4]);
    expect(smoother.apply([13, 24])).toEqual([10, 20]);
    smoother.update(100);
    expect(smoother.magnitude).toBeCloseTo(5 / Math.E, 9);
    let previous = smoother.magnitude;
    for (let i = 0; i < 60; i++) {
      smoother.update(16);
      expect(smoother.magnitude).toBeLessThanOrEqual(previous);
      previous = smoother.magnitude;
    }
    expect(smoother.offset).toEqual([0, 0]);
  });

  it('adds successive corrections and snaps on a teleport', () => {
    const smoother = new CorrectionSmoother({ teleportDistance: 50 });
    smoother.correct([0], [2]);
    smoother.correct([0], [3]);
    expect(smoother.offset).toEqual([-5]);
    expect(smoother.correct([0, 0], [60, 0])).toBe(false);
    expect(smoother.magnitude).toBe(0);
    expect(() => smoother.correct([0], [1, 2])).toThrow(RangeError);
  });
});
