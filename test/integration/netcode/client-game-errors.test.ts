/**
 * A client whose game throws while it predicts or reconciles: each throw is an `error` event naming
 * the function and the tick, the frames go on (inputs out, snapshots in), and only a function that
 * throws on ten calls in a row stops the frames (`stopped`), which `start()` undoes without a second
 * hello.
 */
import { describe, expect, it } from 'vitest';
import { isNetError } from '../../../engine/src/core/net-error.js';
import { MAX_FAILURES_IN_A_ROW } from '../../../engine/src/session/game-fence.js';
import type { GameErrorEvent, StoppedEvent } from '../../../engine/src/session/session-events.js';
import { movingSquare } from '../../../engine/examples/moving-square.js';
import { loopbackGame, squareOf } from '../../support/loopback-game.js';
import { faultySquare, type FaultyFunction } from './support/faulty-square.js';

/** A host and two clients; the first client's game has faults, and it steers down. */
function clientWithFaults() {
  const faults = faultySquare();
  const game = loopbackGame({ clients: 2, clientSimulation: (i) => (i === 0 ? faults.simulation : movingSquare), conditions: { latencyMs: 20 } });
  const client = game.clients[0]!;
  client.setInput({ dx: 0, dy: 1 });
  game.run(1000);
  const errors: GameErrorEvent[] = [];
  const stopped: StoppedEvent[] = [];
  const snapshots: number[] = [];
  const corrections: number[] = [];
  client.on('error', (event) => errors.push(event));
  client.on('stopped', (event) => stopped.push(event));
  client.on('snapshot', ({ tick }) => snapshots.push(tick));
  client.on('correction', ({ tick }) => corrections.push(tick));
  return { faults, game, client, errors, stopped, snapshots, corrections };
}

/** The client's square as it predicts it, and as the host has it. */
function squares(game: ReturnType<typeof loopbackGame>) {
  const client = game.clients[0]!;
  return { predicted: squareOf(client.state, client.playerId), host: squareOf(game.host.state, client.playerId) };
}

describe('a client whose game throws once', () => {
  it.each<FaultyFunction>(['step', 'toEntities', 'fromEntities'])('in %s: one error naming it and its tick; the frames, inputs and snapshots go on', (fn) => {
    const { faults, game, client, errors, stopped, snapshots } = clientWithFaults();
    const tickBefore = client.stats().tick;
    const hostY = squares(game).host!.y;
    faults.once(fn);
    game.run(1000);

    expect(faults.thrown).toBe(1);
    expect(errors).toHaveLength(1);
    const [event] = errors;
    expect(event!.callback).toBe(fn);
    expect(isNetError(event!.error, 'game_error')).toBe(true);
    expect((event!.error.cause as Error).message).toBe(`${fn} failed on purpose`);
    // The first call after the fault is the prediction of the next tick (its step, then its round trip through the entities).
    expect(event!.tick).toBe(tickBefore + 1);
    expect(stopped).toEqual([]);
    // The frames went on: the client predicts, its inputs move its square on the host, snapshots arrive.
    expect(client.stats().tick).toBeGreaterThanOrEqual(tickBefore + 58);
    expect(squares(game).host!.y).toBeGreaterThan(hostY + 100);
    expect(snapshots.filter((tick) => tick > event!.tick).length).toBeGreaterThanOrEqual(25);
    // Once the input stops, prediction and host agree again.
    client.setInput({ dx: 0, dy: 0 });
    game.run(500);
    const { predicted, host } = squares(game);
    expect(predicted).toEqual(host);
  });

  it("in step: the predicted tick keeps the state it had, and the host's correction follows", () => {
    const { faults, game, errors, corrections } = clientWithFaults();
    const before = corrections.length;
    faults.once('step');
    game.run(500);
    expect(errors).toHaveLength(1);
    // The host moved the square on that tick; the prediction did not: a correction of that tick or a later one.
    expect(corrections.slice(before).some((tick) => tick >= errors[0]!.tick)).toBe(true);
  });
});

describe('a client whose game throws on every tick', () => {
  it.each<FaultyFunction>(['step', 'toEntities', 'fromEntities'])(`in %s: stopped after exactly ${MAX_FAILURES_IN_A_ROW} errors; start() runs the frames again, without a second hello`, (fn) => {
    const { faults, game, client, errors, stopped } = clientWithFaults();
    faults.always(fn);
    game.run(1000);

    expect(errors).toHaveLength(MAX_FAILURES_IN_A_ROW);
    expect(new Set(errors.map((e) => e.callback))).toEqual(new Set([fn]));
    expect(stopped).toEqual([{ reason: 'game_errors', message: expect.stringContaining(`${MAX_FAILURES_IN_A_ROW} calls in a row failed (${fn})`) }]);
    const frozenAt = client.stats().tick;
    game.run(200);
    expect(client.stats().tick).toBe(frozenAt);

    faults.fix();
    client.start();
    game.run(500);
    expect(errors).toHaveLength(MAX_FAILURES_IN_A_ROW);
    expect(client.stats().tick).toBeGreaterThanOrEqual(frozenAt + 28);
    // Still the same player, and the host never saw a second hello (it would be a refused message).
    expect(game.host.players().map((p) => p.playerId)).toEqual([0, 1, 2]);
    expect(game.host.stats().invalidMessages).toBe(0);
    client.setInput({ dx: 0, dy: 0 });
    game.run(500);
    const { predicted, host } = squares(game);
    expect(predicted).toEqual(host);
  });
});

describe("a throw in the client's own listeners", () => {
  it('is reported as an error of `listener` and never stops the frames', () => {
    const { game, client, errors, stopped, snapshots } = clientWithFaults();
    client.on('snapshot', () => {
      throw new Error('a listener bug');
    });
    const before = snapshots.length;
    game.run(1000);
    const heard = snapshots.length - before;
    expect(heard).toBeGreaterThanOrEqual(25);
    expect(errors).toHaveLength(heard);
    expect(errors.every((e) => e.callback === 'listener' && e.error.message === "a 'snapshot' listener threw: a listener bug")).toBe(true);
    expect(stopped).toEqual([]);
  });
});
