/**
 * The arena as entities on the wire and back. Ships keep their player id as entity id; pickups and
 * shots have ids in ranges of their own (see `state.ts`). Each entity type's values are exactly its
 * object's fields but the id, so the conversion is a spread each way.
 */
import { PICKUP_SPOTS } from './level.js';
import type { ArenaEntity } from './schema.js';
import { byId, PICKUP_ID_BASE, type ArenaState, type Pickup, type Ship, type Shot } from './state.js';

/** Every entity of the arena: ships, shots, pickups. */
export function arenaEntities(state: ArenaState): ArenaEntity[] {
  const out: ArenaEntity[] = [];
  for (const { id, ...values } of state.ships) out.push({ id, type: 'ship', values });
  for (const { id, ...values } of state.shots) out.push({ id, type: 'shot', values });
  for (const { id, ...values } of state.pickups) out.push({ id, type: 'pickup', values });
  return out;
}

/** The arena these entities describe. */
export function arenaFromEntities(entities: readonly ArenaEntity[]): ArenaState {
  const ships: Ship[] = [];
  const shots: Shot[] = [];
  const pickups: Pickup[] = [];
  for (const entity of entities) {
    if (entity.type === 'ship') ships.push({ id: entity.id, ...entity.values });
    else if (entity.type === 'shot') shots.push({ id: entity.id, ...entity.values });
    else pickups.push({ id: entity.id, ...entity.values });
  }
  return { ships: byId(ships), shots: byId(shots), pickups: byId(pickups) };
}

/** Every pickup, available from the start. */
export function initialPickups(): Pickup[] {
  return PICKUP_SPOTS.map((_, spot) => ({ id: PICKUP_ID_BASE + spot, spot, readyTick: 0 }));
}
