/**
 * Pickups: a ship in play that touches an available pickup takes it. Repair restores a damaged ship
 * (a ship at full health leaves it for someone who needs it); rapid fire shortens the cooldown for
 * a while. A taken pickup comes back after a fixed time.
 */
import { PICKUP_SPOTS } from './level.js';
import { PICKUP_RADIUS, PICKUP_RESPAWN_SECONDS, RAPID_SECONDS, SHIP_HP, SHIP_RADIUS, ticksFor } from './rules.js';
import type { TickInfo } from './ship-step.js';
import { isAlive, type Pickup, type Ship } from './state.js';

/**
 * Pickups one tick later. Only the ships in `movers` (those with an input this tick) may take one;
 * `ships` (by id) is changed in place for those that do. Ships are tried in id order.
 */
export function stepPickups(pickups: readonly Pickup[], ships: Map<number, Ship>, movers: ReadonlySet<number>, t: TickInfo): Pickup[] {
  return pickups.map((pickup) => {
    const spot = PICKUP_SPOTS[pickup.spot];
    if (!spot || t.tick < pickup.readyTick) return pickup;
    const taker = [...ships.values()]
      .sort((a, b) => a.id - b.id)
      .find((ship) => movers.has(ship.id) && isAlive(ship) && Math.hypot(ship.x - spot.x, ship.y - spot.y) <= SHIP_RADIUS + PICKUP_RADIUS && wants(ship, spot.kind));
    if (!taker) return pickup;
    ships.set(taker.id, spot.kind === 'repair' ? { ...taker, hp: SHIP_HP } : { ...taker, rapidUntil: t.tick + ticksFor(RAPID_SECONDS, t.dt) });
    return { ...pickup, readyTick: t.tick + ticksFor(PICKUP_RESPAWN_SECONDS, t.dt) };
  });
}

function wants(ship: Ship, kind: string): boolean {
  return kind !== 'repair' || ship.hp < SHIP_HP;
}
