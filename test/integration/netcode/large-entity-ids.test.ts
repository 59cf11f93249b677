/**
 * Entity ids are 32-bit: a game whose ids only grow (a new id for every projectile) runs for years
 * before it must recycle one. The moving square with its ids moved past 2^31 plays and converges.
 */
import { describe, expect, it } from 'vitest';
import { movingSquare } from '../../../engine/examples/moving-square.js';
import { loopbackGame, type SquareSimulation } from '../../support/loopback-game.js';

const OFFSET = 4_000_000_000;

const farIds: SquareSimulation = {
  ...movingSquare,
  toEntities: (world) => movingSquare.toEntities(world).map((e) => ({ ...e, id: e.id + OFFSET })),
  fromEntities: (entities, previous) => movingSquare.fromEntities(entities.map((e) => ({ ...e, id: e.id - OFFSET })), previous),
  playerEntityId: (playerId) => playerId + OFFSET,
};

describe('entity ids past 16 bits', () => {
  it('travel, are predicted and interpolated, and converge', () => {
    const game = loopbackGame({ clients: 2, conditions: { latencyMs: 30, loss: 0.05 }, hostSimulation: farIds, clientSimulation: () => farIds });
    const [ann, bob] = game.clients as [(typeof game.clients)[0], (typeof game.clients)[0]];
    game.run(1000);
    ann.setInput({ dx: 1, dy: 0 });
    bob.setInput({ dx: 0, dy: 1 });
    game.run(2000);
    ann.setInput({ dx: 0, dy: 0 });
    bob.setInput({ dx: 0, dy: 0 });
    game.run(2000);
    const drawn = (client: typeof ann) => client.view().entities.map((e) => `${e.id} ${e.values.x.toFixed(2)} ${e.values.y.toFixed(2)}`).sort();
    const hostDrawn = game.host.state.squares.map((s) => `${s.id + OFFSET} ${s.x.toFixed(2)} ${s.y.toFixed(2)}`).sort();
    expect(drawn(ann)).toEqual(hostDrawn);
    expect(drawn(bob)).toEqual(hostDrawn);
    expect(hostDrawn.every((line) => Number(line.split(' ')[0]) > 2 ** 31)).toBe(true);
    expect(ann.stats().invalidMessages + bob.stats().invalidMessages).toBe(0);
  });
});
