import { describe, expect, it } from 'vitest';
import { ARENA_WIDTH, SPAWNS, WALLS } from '../../../game-demo/src/sim/level.js';
import { SHIP_RADIUS, SHIP_SPEED } from '../../../game-demo/src/sim/rules.js';
import { all, arena, input } from './arena-harness.js';

describe('arena movement', () => {
  it('moves a ship the way its keys point, then brings it to rest when they are released', () => {
    const game = arena(2);
    game.run(60, () => new Map([[1, input({ dx: -1 })], [0, input({})]]));
    const moving = game.ship(1);
    expect(moving.x).toBeLessThan(SPAWNS[1]!.x - 180);
    expect(moving.y).toBe(SPAWNS[1]!.y);
    expect(moving.vx).toBeCloseTo(-SHIP_SPEED, -1);
    expect(moving.angle).toBeCloseTo(Math.PI, 2);
    expect(game.ship(0).x).toBe(SPAWNS[0]!.x);
    game.run(60, () => all([0, 1]));
    const rest = game.ship(1);
    expect(rest.vx).toBe(0);
    game.run(10, () => all([0, 1]));
    expect(game.ship(1)).toEqual(rest);
  });

  it('turns a ship to face where it goes, at a bounded rate', () => {
    const game = arena(1);
    game.run(1, () => new Map([[0, input({ dy: 1 })]]));
    const first = game.ship(0).angle;
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(Math.PI / 2);
    game.run(30, () => new Map([[0, input({ dy: 1 })]]));
    expect(game.ship(0).angle).toBeCloseTo(Math.PI / 2, 3);
  });

  it('moves diagonally no faster than straight', () => {
    const game = arena(1);
    game.run(120, () => new Map([[0, input({ dx: 1, dy: -1 })]]));
    const ship = game.ship(0);
    expect(Math.hypot(ship.vx, ship.vy)).toBeLessThanOrEqual(SHIP_SPEED + 0.05);
  });

  it('stops a ship at the arena edge', () => {
    const game = arena(2);
    game.run(120, () => new Map([[1, input({ dx: 1 })]]));
    expect(game.ship(1).x).toBeCloseTo(ARENA_WIDTH - SHIP_RADIUS, 5);
    expect(game.ship(1).vx).toBe(0);
  });

  it('stops a ship at a wall instead of passing through', () => {
    // Player 2 starts below the top-centre wall and drives up into it.
    const game = arena(3);
    const wall = WALLS[2]!;
    game.run(120, () => new Map([[2, input({ dy: -1 })]]));
    expect(game.ship(2).y).toBeCloseTo(wall.y + wall.h + SHIP_RADIUS, 1);
    expect(game.ship(2).vy).toBe(0);
  });

  it('leaves a ship whose input is unknown where it is (the others, on a client)', () => {
    const game = arena(2, 60, { authoritative: false });
    const before = game.ship(1);
    game.run(30, () => new Map([[0, input({ dx: 1 })]]));
    expect(game.ship(1)).toEqual(before);
    expect(game.ship(0).x).toBeGreaterThan(SPAWNS[0]!.x);
  });
});
