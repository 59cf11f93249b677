import { describe, expect, it } from 'vitest';
import { createRng } from '../../../game-demo/headless/rng.js';
import { BotBrain, IDLE, keysToward, SIGHT_RANGE, wouldHit, type SeenShip, type Sight } from '../../../game-demo/headless/bot-brain.js';
import { SPAWNS } from '../../../game-demo/src/sim/level.js';

const ship = (id: number, x: number, y: number, angle = 0, hp = 3): SeenShip => ({ id, x, y, angle, hp });

describe('bot brain', () => {
  it('presses the keys that fly towards an angle, in eight directions', () => {
    expect(keysToward(0)).toEqual({ dx: 1, dy: 0 });
    expect(keysToward(Math.PI / 2)).toEqual({ dx: 0, dy: 1 });
    expect(keysToward(Math.PI)).toEqual({ dx: -1, dy: 0 });
    expect(keysToward(-Math.PI / 4)).toEqual({ dx: 1, dy: -1 });
    expect(keysToward(0.3)).toEqual({ dx: 1, dy: 0 });
  });

  it('fires only when the shot would pass close to the target with no wall in between', () => {
    // The first two spawns face each other across a clear line.
    const [a, b] = [SPAWNS[0]!, SPAWNS[1]!];
    expect(wouldHit(ship(1, a.x, a.y, a.angle), b)).toBe(true);
    expect(wouldHit(ship(1, a.x, a.y, a.angle + 0.2), b)).toBe(false);
    expect(wouldHit(ship(1, a.x, a.y, a.angle + Math.PI), b)).toBe(false);
    // A wall (x 300 to 340, y 100 to 250) stands between these two.
    expect(wouldHit(ship(1, 250, 175, 0), { x: 400, y: 175 })).toBe(false);
  });

  it('does nothing before it sees its ship, or while its ship waits to respawn', () => {
    const brain = new BotBrain('chase', createRng(1));
    expect(brain.think(0, undefined)).toEqual(IDLE);
    expect(brain.think(0, { me: ship(1, 100, 100, 0, 0), others: [ship(2, 200, 100)] })).toEqual(IDLE);
  });

  it('chases the nearest ship in play and fires when lined up', () => {
    const brain = new BotBrain('chase', createRng(1));
    const sight: Sight = { me: ship(1, 100, 320, 0), others: [ship(2, 860, 320), ship(3, 600, 320, 0, 0), ship(4, 100, 600)] };
    // Ship 3 is nearer but destroyed; ship 4 (280 away, below) is nearest in play.
    expect(brain.think(0, sight)).toEqual({ dx: 0, dy: 1, fire: false });
    expect(brain.think(0, { ...sight, others: [ship(2, 700, 320)] })).toEqual({ dx: 1, dy: 0, fire: true });
  });

  it('in mixed mode chases only what comes within sight, and wanders otherwise', () => {
    const brain = new BotBrain('mixed', createRng(1));
    const far = { me: ship(1, 100, 320), others: [ship(2, 100 + SIGHT_RANGE + 50, 320)] };
    expect(brain.think(0, far).fire).toBe(false);
    const near = { me: ship(1, 100, 320), others: [ship(2, 100 + SIGHT_RANGE - 50, 320)] };
    expect(brain.think(0, near)).toEqual({ dx: 1, dy: 0, fire: true });
  });

  it('wanders: keeps a waypoint, picks another when stuck, never fires', () => {
    const brain = new BotBrain('wander', createRng(7));
    const sight = (x: number, y: number): Sight => ({ me: ship(1, x, y), others: [ship(2, x + 50, y)] });
    const first = brain.think(0, sight(480, 320));
    expect(first.fire).toBe(false);
    expect(Math.abs(first.dx) + Math.abs(first.dy)).toBeGreaterThan(0);
    expect(brain.think(100, sight(480, 320))).toEqual(first);
    // Not moving for a while: stuck, so it heads somewhere else (the seeded draw makes this exact).
    const choices = new Set<string>();
    for (let t = 1000; t < 20_000; t += 800) choices.add(JSON.stringify(brain.think(t, sight(480, 320))));
    expect(choices.size).toBeGreaterThan(1);
  });

  it('decides the same way from the same seed', () => {
    const run = () => {
      const brain = new BotBrain('mixed', createRng(42));
      return Array.from({ length: 50 }, (_, i) => brain.think(i * 300, { me: ship(1, 100 + i * 10, 320), others: [] }));
    };
    expect(run()).toEqual(run());
  });
});
