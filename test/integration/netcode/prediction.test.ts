/**
 * The netcode as a whole over the loopback transport on a manual clock: prediction, reconciliation
 * and interpolation under latency, jitter and loss.
 */
import { describe, expect, it } from 'vitest';
import { loopbackGame, squareOf, type LoopbackGame, type LoopbackGameOptions, type Move } from '../../support/loopback-game.js';

/** Client i steers in a direction that turns every half second: deterministic and different per client. */
function steer(game: LoopbackGame, elapsedMs: number): void {
  game.clients.forEach((client, i) => {
    const angle = Math.floor(elapsedMs / 500) * 1.3 + i;
    const move: Move = { dx: Math.round(Math.cos(angle) * 100) / 100, dy: Math.round(Math.sin(angle) * 100) / 100 };
    client.setInput(move);
  });
}

interface Outcome {
  readonly corrections: number[];
  readonly renderWentBack: boolean;
  readonly maxRenderAgeMs: number;
  readonly maxDelayMs: number;
  /** Share of drawn frames that found no snapshot ahead of the render time. */
  readonly dryShare: number;
}

/** Joins, steers for `steerMs`, stops, settles, and checks what the clients saw all along. */
function play(game: LoopbackGame, steerMs: number): Outcome {
  game.run(1000);
  expect(game.clients.every((c) => c.playerId !== undefined && c.state !== undefined)).toBe(true);
  const lastRender = game.clients.map(() => -Infinity);
  let renderWentBack = false;
  let maxRenderAgeMs = 0;
  let maxDelayMs = 0;
  const tickMs = 1000 / game.host.tunables.tickRate;
  let elapsed = 0;
  let drawn = 0;
  const watch = () => {
    game.clients.forEach((client, i) => {
      client.view();
      drawn++;
      const stats = client.stats();
      if (stats.renderTick < lastRender[i]!) renderWentBack = true;
      lastRender[i] = stats.renderTick;
      const ageMs = (game.host.tick - stats.renderTick) * tickMs;
      // Remote entities are drawn the delay behind the newest snapshot that can have arrived, which
      // left the host half a round trip ago.
      maxRenderAgeMs = Math.max(maxRenderAgeMs, ageMs - stats.interpolationDelayMs - stats.rttMs / 2);
      maxDelayMs = Math.max(maxDelayMs, stats.interpolationDelayMs);
    });
  };
  game.run(steerMs, () => {
    elapsed += 8;
    steer(game, elapsed);
    watch();
  });
  for (const client of game.clients) client.setInput({ dx: 0, dy: 0 });
  game.run(3000, watch);
  const dry = game.clients.reduce((sum, c) => sum + c.stats().interpolationDry, 0);
  return { corrections: game.clients.map((c) => c.stats().corrections), renderWentBack, maxRenderAgeMs, maxDelayMs, dryShare: dry / drawn };
}

/** Every client's own square and its view of every square match the host's. */
function expectConverged(game: LoopbackGame): void {
  const hostWorld = game.host.state;
  for (const client of game.clients) {
    expect(squareOf(client.state, client.playerId)).toEqual(squareOf(hostWorld, client.playerId));
    const seen = client.view().entities;
    expect(seen).toHaveLength(hostWorld.squares.length);
    for (const square of hostWorld.squares) {
      const drawn = seen.find((e) => e.id === square.id);
      expect(drawn, `square ${square.id}`).toBeDefined();
      expect(drawn!.values.x).toBeCloseTo(square.x, 6);
      expect(drawn!.values.y).toBeCloseTo(square.y, 6);
    }
  }
}

describe('prediction and interpolation over the loopback transport', () => {
  it('moves the local player on the frame its input changes, before the host hears of it', () => {
    const game = loopbackGame({ clients: 2, conditions: { latencyMs: 50 } });
    game.run(1000);
    const client = game.clients[0]!;
    const id = client.playerId!;
    const before = client.view().entities.find((e) => e.id === id)!;
    const hostBefore = squareOf(game.host.state, id);
    client.setInput({ dx: 1, dy: 0 });
    game.run(24);
    const after = client.view().entities.find((e) => e.id === id)!;
    expect(Number(after.values.x)).toBeGreaterThan(Number(before.values.x));
    expect(squareOf(game.host.state, id)).toEqual(hostBefore);
  });

  it('with 100 ms RTT and no loss, converges exactly with zero corrections', () => {
    const game = loopbackGame({ clients: 2, conditions: { latencyMs: 50 } });
    const outcome = play(game, 4000);
    expect(outcome.corrections).toEqual([0, 0]);
    expect(outcome.renderWentBack).toBe(false);
    expect(outcome.dryShare).toBeLessThan(0.02);
    expectConverged(game);
    expect(game.host.state.squares.some((s) => s.x !== 0 || s.y !== 0)).toBe(true);
  });

  for (const loss of [0.05, 0.2]) {
    it(`with ${loss * 100}% loss and 30 ms jitter, converges and draws remote entities no older than transit + delay + 100 ms`, () => {
      const game = loopbackGame({ clients: 2, seed: 7, conditions: { latencyMs: 50, jitterMs: 30, loss } });
      const outcome = play(game, 4000);
      console.log(`loss ${loss * 100}%: corrections per client ${outcome.corrections.join(', ')}`);
      expect(outcome.renderWentBack).toBe(false);
      console.log(`loss ${loss * 100}%: remote entities at most ${outcome.maxRenderAgeMs.toFixed(1)} ms older than transit + delay; ${(outcome.dryShare * 100).toFixed(1)}% of frames past the newest snapshot`);
      expect(outcome.maxRenderAgeMs).toBeLessThan(100);
      expect(outcome.dryShare).toBeLessThan(0.05);
      // The auto delay (two snapshot intervals plus twice the measured jitter) grew with the jitter
      // and the loss, past the two 30 Hz intervals it settles at on a steady link (see below).
      console.log(`loss ${loss * 100}%: interpolation delay at most ${outcome.maxDelayMs.toFixed(1)} ms`);
      expect(outcome.maxDelayMs).toBeGreaterThan(2 * (1000 / 30) + 10);
      expectConverged(game);
    });
  }

  // README: `'auto'` is two snapshot intervals plus twice the measured jitter (50 to 500 ms).
  it('sets the auto interpolation delay to two snapshot intervals on a steady link, held to 50 ms at least and 500 ms at most', () => {
    const settledDelay = (options: Omit<LoopbackGameOptions, 'clients'>): number => {
      const game = loopbackGame({ clients: 1, ...options });
      // Long enough for the delay's smoothing (a 1 s time constant) to reach its target.
      game.run(15_000);
      expect(game.clients[0]!.state).toBeDefined();
      return game.clients[0]!.stats().interpolationDelayMs;
    };
    expect(settledDelay({ conditions: { latencyMs: 50 } })).toBeCloseTo(2 * (1000 / 30), 6);
    expect(settledDelay({ tickRate: 20, snapshotRate: 10, conditions: { latencyMs: 50 } })).toBeCloseTo(200, 6);
    // Two intervals at 60 snapshots a second are 33 ms: the delay stays at its floor.
    expect(settledDelay({ snapshotRate: 60, conditions: { latencyMs: 50 } })).toBe(50);
    // Jitter spread over 0 to 2000 ms is measured at hundreds of ms, so two intervals plus twice it
    // would be over a second: the delay stops at its ceiling.
    expect(settledDelay({ conditions: { latencyMs: 50, jitterMs: 2000 } })).toBeCloseTo(500, 1);
  });

  for (const tickRate of [20, 30, 60]) {
    for (const snapshotRate of [10, 20, 30].filter((r) => tickRate % r === 0)) {
      it(`converges at ${tickRate} Hz ticks and ${snapshotRate} Hz snapshots with 5% loss`, () => {
        const options: LoopbackGameOptions = { clients: 2, tickRate, snapshotRate, seed: 3, conditions: { latencyMs: 40, jitterMs: 10, loss: 0.05 } };
        const game = loopbackGame(options);
        const outcome = play(game, 3000);
        expect(outcome.renderWentBack).toBe(false);
        expectConverged(game);
      });
    }
  }
});
