import { describe, expect, it } from 'vitest';
import { arenaSim } from '../../../game-demo/src/sim/arena-sim.js';
import type { ArenaInput } from '../../../game-demo/src/sim/schema.js';
import { arena, input, type ViewAge } from './arena-harness.js';

/** A busy script: three players steering in loops and firing, the same way every run (ticks counted at 60 Hz). */
const scriptAt = (rate: number) => (tick: number) => script(Math.floor((tick * 60) / rate));

function script(tick: number): Map<number, ArenaInput> {
  const phase = (id: number) => Math.floor((tick + id * 17) / 23) % 4;
  const dirs = [
    { dx: 1, dy: 0 },
    { dx: 0, dy: 1 },
    { dx: -1, dy: 0 },
    { dx: 0, dy: -1 },
  ];
  return new Map([0, 1, 2].map((id) => [id, input({ ...dirs[phase(id)]!, fire: (tick + id) % 7 === 0 })]));
}

/** Each player sees the others a different number of ticks behind, as over links of different latency. */
const viewAge: ViewAge = (_tick, id) => 1 + 2 * id;

describe('arena determinism', () => {
  for (const rate of [20, 30, 60]) {
    it(`gives the same states for the same inputs at ${rate} Hz`, () => {
      const a = arena(3, rate);
      const b = arena(3, rate);
      for (let i = 0; i < 20; i++) {
        a.run(rate, scriptAt(rate), viewAge);
        b.run(rate, scriptAt(rate), viewAge);
        expect(b.state).toEqual(a.state);
      }
      expect(a.state.ships.some((s) => s.score > 0 || s.deaths > 0)).toBe(true);
    });
  }

  it('lets a client predict its own ship to the host numbers exactly when nothing hits it', () => {
    const host = arena(2);
    const client = arena(2, 60, { authoritative: false });
    const mine = (tick: number) => input({ dx: tick % 90 < 45 ? -1 : 0, dy: tick % 60 < 20 ? 1 : -1 });
    host.run(300, (tick) => new Map([[1, mine(tick)], [0, input({})]]));
    client.run(300, (tick) => new Map([[1, mine(tick)]]));
    expect(client.ship(1)).toEqual(host.ship(1));
  });

  it('round-trips the state through its entities', () => {
    const game = arena(3);
    game.run(200, script, viewAge);
    const entities = arenaSim.toEntities(game.state);
    expect(arenaSim.fromEntities(entities, arenaSim.initialState())).toEqual(game.state);
  });

  it('removes a player who leaves, with its shots', () => {
    const game = arena(2);
    game.run(5, (tick) => new Map([[1, input({ fire: tick === 1 })], [0, input({})]]));
    expect(game.state.shots).toHaveLength(1);
    const after = arenaSim.removePlayer(game.state, 1);
    expect(after.ships.map((s) => s.id)).toEqual([0]);
    expect(after.shots).toHaveLength(0);
  });
});
