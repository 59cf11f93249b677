import { describe, expect, it } from 'vitest';
import { PICKUP_SPOTS } from '../../../game-demo/src/sim/level.js';
import { stepPickups } from '../../../game-demo/src/sim/pickup-step.js';
import { SHIP_HP } from '../../../game-demo/src/sim/rules.js';
import { spawnShip } from '../../../game-demo/src/sim/ship-step.js';
import { PICKUP_ID_BASE, type Pickup, type Ship } from '../../../game-demo/src/sim/state.js';
import { arena, input } from './arena-harness.js';

const dt = 1 / 60;
const spotIndex = (kind: string) => PICKUP_SPOTS.findIndex((s) => s.kind === kind);
const pickupAt = (spot: number): Pickup => ({ id: PICKUP_ID_BASE + spot, spot, readyTick: 0 });
const shipAt = (spot: number, change: Partial<Ship> = {}): Ship => ({ ...spawnShip(0, 0, 0, 0), x: PICKUP_SPOTS[spot]!.x, y: PICKUP_SPOTS[spot]!.y, ...change });

describe('arena pickups', () => {
  it('repairs a damaged ship and comes back after a while', () => {
    const spot = spotIndex('repair');
    const ships = new Map([[0, shipAt(spot, { hp: 1 })]]);
    const [after] = stepPickups([pickupAt(spot)], ships, new Set([0]), { tick: 100, dt });
    expect(ships.get(0)!.hp).toBe(SHIP_HP);
    expect(after!.readyTick).toBe(100 + 8 * 60);
    const again = new Map([[0, shipAt(spot, { hp: 1 })]]);
    stepPickups([after!], again, new Set([0]), { tick: 200, dt });
    expect(again.get(0)!.hp).toBe(1);
  });

  it('leaves a repair for someone who needs it', () => {
    const spot = spotIndex('repair');
    const ships = new Map([[0, shipAt(spot)]]);
    const [after] = stepPickups([pickupAt(spot)], ships, new Set([0]), { tick: 1, dt });
    expect(after!.readyTick).toBe(0);
  });

  it('gives rapid fire, which shortens the cooldown', () => {
    const spot = spotIndex('rapid');
    const ships = new Map([[0, shipAt(spot)]]);
    stepPickups([pickupAt(spot)], ships, new Set([0]), { tick: 1, dt });
    expect(ships.get(0)!.rapidUntil).toBe(1 + 6 * 60);

    const game = arena(1);
    game.run(1, () => new Map([[0, input({ fire: true })]]));
    expect(game.ship(0).readyTick).toBe(1 + 18);
    const rapid = arena(1);
    // Drive ship 0 from its spawn onto the rapid-fire pickup, then fire.
    rapid.run(200, () => new Map([[0, input(rapid.ship(0).rapidUntil > 0 ? {} : { dx: Math.sign(PICKUP_SPOTS[spot]!.x - rapid.ship(0).x), dy: Math.sign(PICKUP_SPOTS[spot]!.y - rapid.ship(0).y) })]]));
    expect(rapid.ship(0).rapidUntil).toBeGreaterThan(rapid.tick);
    const tick = rapid.tick + 1;
    rapid.run(1, () => new Map([[0, input({ fire: true })]]));
    expect(rapid.ship(0).readyTick).toBe(tick + 7);
  });

  it('is taken only by a ship whose player acted this tick', () => {
    const spot = spotIndex('rapid');
    const ships = new Map([[0, shipAt(spot)]]);
    const [after] = stepPickups([pickupAt(spot)], ships, new Set(), { tick: 1, dt });
    expect(after!.readyTick).toBe(0);
    expect(ships.get(0)!.rapidUntil).toBe(0);
  });
});
