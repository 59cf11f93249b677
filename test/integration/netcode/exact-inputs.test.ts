/**
 * Inputs predicted exactly as the host applies them: whatever a game hands `setInput` (values off
 * the schema's grid, a normalised diagonal, a stick turning a little every frame), the client's
 * prediction, the wire and the host use the same numbers, so a clean link costs no correction. The
 * host's own input is held to the schema as a client's is.
 */
import { describe, expect, it } from 'vitest';
import { loopbackGame, squareOf, type LoopbackGame, type Move } from '../../support/loopback-game.js';

const STEER_MS = 4000;

/** Joins, then steers every client with `input(frame, clientIndex)` for four simulated seconds. */
function steer(input: (frame: number, client: number) => Move): LoopbackGame {
  const game = loopbackGame({ clients: 2, conditions: { latencyMs: 40 }, warn: () => {} });
  game.run(1000);
  expect(game.clients.every((c) => c.state !== undefined)).toBe(true);
  let frame = 0;
  game.run(STEER_MS, () => {
    frame++;
    game.clients.forEach((client, i) => client.setInput(input(frame, i)));
  });
  return game;
}

/** Every client's prediction of its own square equals the host's, once the inputs stopped arriving. */
function expectAgreement(game: LoopbackGame): void {
  for (const client of game.clients) client.setInput({ dx: 0, dy: 0 });
  game.run(1000);
  for (const client of game.clients) expect(squareOf(client.state, client.playerId)).toEqual(squareOf(game.host.state, client.playerId));
}

describe('inputs predicted exactly as the host applies them (40 ms latency, no loss)', () => {
  const cases: [string, (frame: number, client: number) => Move][] = [
    ['values off the schema grid', (_frame, i) => ({ dx: 0.123456 * (i + 1), dy: -0.654321 })],
    ['a normalised diagonal', () => ({ dx: Math.SQRT1_2, dy: Math.SQRT1_2 })],
    ['a stick turning a little every frame', (frame, i) => ({ dx: Math.cos(frame * 0.01 + i), dy: Math.sin(frame * 0.01 + i) })],
  ];
  for (const [name, input] of cases) {
    it(`${name}: no correction in 4 s`, () => {
      const game = steer(input);
      const corrections = game.clients.map((c) => c.stats().corrections);
      console.log(`${name}: corrections per client over ${STEER_MS / 1000} s: ${corrections.join(', ')}`);
      expect(corrections).toEqual([0, 0]);
      for (const client of game.clients) expect(squareOf(game.host.state, client.playerId)).not.toEqual({ x: 0, y: 0 });
      expectAgreement(game);
    });
  }

  it("holds the host's own input to the schema: dx 2 under -1..1 moves as fast as a client's dx 1", () => {
    const warnings: string[] = [];
    const game = loopbackGame({ clients: 1, conditions: { latencyMs: 40 }, warn: (message) => warnings.push(message) });
    game.run(1000);
    const client = game.clients[0]!;
    game.host.setInput({ dx: 2, dy: 0 });
    client.setInput({ dx: 1, dy: 0 });
    // Long enough for the client's inputs to arrive and flow steadily.
    game.run(500);
    const from = { host: squareOf(game.host.state, 0)!.x, client: squareOf(game.host.state, client.playerId)!.x };
    const ticks = game.host.tick;
    game.run(1000);
    const elapsed = game.host.tick - ticks;
    const hostMoved = squareOf(game.host.state, 0)!.x - from.host;
    const clientMoved = squareOf(game.host.state, client.playerId)!.x - from.client;
    expect(elapsed).toBeGreaterThan(50);
    expect(clientMoved).toBeGreaterThan(0);
    expect(hostMoved).toBeCloseTo(clientMoved, 9);
    expect(warnings).toEqual([
      'tickwire: input field "dx" = 2, out of range; sent as 1 (range -1..1). Further out-of-range values of input.dx are counted in stats().valueProblems, not logged.',
    ]);
  });
});
