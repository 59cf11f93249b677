/**
 * A client that predicts nothing: a spectator (`predict: false`), or a game whose players steer no
 * entity (no `playerEntityId`). Its view draws every entity interpolated, its own too, so it never
 * corrects; it still joins, sends its input and plays.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../engine/src/core/clock.js';
import { createClient } from '../../../engine/src/session/client/client.js';
import { createHost } from '../../../engine/src/session/host/host.js';
import { LoopbackNetwork } from '../../../engine/src/transport/loopback/loopback-network.js';
import { movingSquare } from '../../../engine/examples/moving-square.js';
import { squareOf, type SquareClient, type SquareSimulation } from '../../support/loopback-game.js';

/** The moving square without `playerEntityId`: its players steer nothing the client could predict. */
const steeringNothing: SquareSimulation = {
  schema: movingSquare.schema,
  initialState: () => movingSquare.initialState(),
  addPlayer: (world, id, name) => movingSquare.addPlayer(world, id, name),
  removePlayer: (world, id) => movingSquare.removePlayer(world, id),
  step: (world, inputs, dt, context) => movingSquare.step(world, inputs, dt, context),
  toEntities: (world) => movingSquare.toEntities(world),
  fromEntities: (entities, previous) => movingSquare.fromEntities(entities, previous),
};

describe('a client that predicts nothing', () => {
  it.each([
    ['predict: false', false, movingSquare],
    ['no playerEntityId', true, steeringNothing],
  ] as const)('with %s draws its own square interpolated, behind the host, and never corrects', (_name, predict, simulation) => {
    const clock = new ManualClock();
    const network = new LoopbackNetwork({ clock, conditions: { latencyMs: 40 } });
    const host = createHost({ simulation: movingSquare, transport: network.createHost('host'), clock });
    const watcher = createClient({ simulation, transport: network.connect('host'), clock, predict });
    const player = createClient({ simulation: movingSquare, transport: network.connect('host'), clock });
    for (const session of [host, watcher, player]) session.start();
    const run = (ms: number) => {
      for (let t = 0; t < ms; t += 8) clock.advance(8);
    };
    run(1000);
    watcher.setInput({ dx: 1, dy: 0 });
    player.setInput({ dx: 1, dy: 0 });
    run(2000);
    const drawn = (client: SquareClient) => client.view().entities.find((e) => e.id === client.playerId)!.values.x;
    const onHost = (client: SquareClient) => squareOf(host.state, client.playerId)!.x;
    // Its input still moves its square on the host; it draws it where the host had it a little ago.
    expect(onHost(watcher)).toBeGreaterThan(100);
    expect(drawn(watcher)).toBeLessThan(onHost(watcher));
    // A predicting player draws its own square ahead of the host instead.
    expect(drawn(player)).toBeGreaterThan(onHost(player));
    expect(watcher.stats().corrections).toBe(0);
  });
});
