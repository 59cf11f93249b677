import { describe, expect, it } from 'vitest';
import { SPAWNS } from '../../../game-demo/src/sim/level.js';
import { SHIP_HP } from '../../../game-demo/src/sim/rules.js';
import { all, arena, input } from './arena-harness.js';

const fireAt = (ticks: readonly number[]) => (tick: number) => new Map([[0, input({ fire: ticks.includes(tick) })], [1, input({})]]);

describe('arena firing and hits', () => {
  it('fires at most once per cooldown while fire is held', () => {
    const game = arena(1);
    game.run(60, () => new Map([[0, input({ fire: true })]]));
    // 0.3 s at 60 Hz is 18 ticks: ticks 1, 19, 37 and 55.
    expect(game.ship(0).shots).toBe(4);
    expect(game.state.shots).toHaveLength(4);
    expect(game.state.shots.every((s) => s.owner === 0 && s.vx > 0 && s.vy === 0)).toBe(true);
  });

  it('lets shots fizzle after their lifetime', () => {
    const game = arena(1);
    game.run(1, () => new Map([[0, input({ fire: true })]]));
    expect(game.state.shots).toHaveLength(1);
    game.run(100, () => all([0]));
    expect(game.state.shots).toHaveLength(0);
  });

  it('hits the ship in the line of fire: the target loses a point of health and the shooter scores', () => {
    const game = arena(2);
    game.run(90, fireAt([1]));
    expect(game.ship(1).hp).toBe(SHIP_HP - 1);
    expect(game.ship(0).score).toBe(1);
    expect(game.state.shots).toHaveLength(0);
  });

  it('destroys a ship on its last point of health and respawns it elsewhere later', () => {
    const game = arena(2);
    game.run(120, fireAt([1, 19, 37]));
    const destroyed = game.ship(1);
    expect(destroyed).toMatchObject({ hp: 0, deaths: 1 });
    expect(game.ship(0).score).toBe(3);
    game.run(120, fireAt([]));
    const respawned = game.ship(1);
    expect(respawned).toMatchObject({ hp: SHIP_HP, deaths: 1, score: 0, x: SPAWNS[2]!.x, y: SPAWNS[2]!.y });
  });

  it('leaves hits to the host: a predicting client never judges one', () => {
    const game = arena(2, 60, { authoritative: false });
    game.run(90, fireAt([1]));
    expect(game.ship(1).hp).toBe(SHIP_HP);
    expect(game.ship(0).score).toBe(0);
  });

  it('judges a shot against where its shooter saw the target (lag compensation)', () => {
    // Fired at tick 31, once the host has a full rewind window behind it; the target leaves the line
    // of fire at tick 85, and the shot reaches it around tick 99.
    const dodge = (tick: number) =>
      new Map([
        [0, input({ fire: tick === 31 })],
        [1, input({ dy: tick >= 85 ? 1 : 0 })],
      ]);
    const seenLate = arena(2);
    seenLate.run(130, dodge, (_, id) => (id === 0 ? 15 : 1));
    expect(seenLate.state.shots).toHaveLength(0);
    expect(seenLate.ship(1).hp).toBe(SHIP_HP - 1);
    const seenNow = arena(2);
    seenNow.run(130, dodge);
    expect(seenNow.ship(1).hp).toBe(SHIP_HP);
  });

  it('rewinds no further than the host allows', () => {
    // Fired at tick 70; the target leaves at tick 99, and the shot arrives around tick 138. A view
    // 63 ticks old still has the target in the line of fire, but the host rewinds at most 300 ms
    // (18 ticks); with a window of a second, the same shot hits.
    const dodge = (tick: number) =>
      new Map([
        [0, input({ fire: tick === 70 })],
        [1, input({ dy: tick >= 99 ? 1 : 0 })],
      ]);
    const bounded = arena(2);
    bounded.run(180, dodge, (_, id) => (id === 0 ? 63 : 1));
    expect(bounded.ship(1).hp).toBe(SHIP_HP);
    const wide = arena(2, 60, { maxRewindMs: 1000 });
    wide.run(180, dodge, (_, id) => (id === 0 ? 63 : 1));
    expect(wide.ship(1).hp).toBe(SHIP_HP - 1);
  });
});
