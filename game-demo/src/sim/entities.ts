/**
 * The arena as entities on the wire and back. Ships keep their player id as entity id; pickups and
 * shots have ids in ranges of their own (see `state.ts`).
 */
import type { FieldValues, SnapshotEntity } from 'tickwire';
import { PICKUP_SPOTS } from './level.js';
import { byId, PICKUP_ID_BASE, type ArenaState, type Pickup, type Ship, type Shot } from './state.js';

/** Every entity of the arena: ships, shots, pickups. */
export function arenaEntities(state: ArenaState): SnapshotEntity[] {
  const out: SnapshotEntity[] = [];
  for (const { id, ...values } of state.ships) out.push({ id, type: 'ship', values });
  for (const { id, ...values } of state.shots) out.push({ id, type: 'shot', values });
  for (const { id, ...values } of state.pickups) out.push({ id, type: 'pickup', values });
  return out;
}

const num = (values: FieldValues, name: string): number => {
  const v = values[name];
  return typeof v === 'number' ? v : 0;
};

/** The arena these entities describe. */
export function arenaFromEntities(entities: readonly SnapshotEntity[]): ArenaState {
  const ships: Ship[] = [];
  const shots: Shot[] = [];
  const pickups: Pickup[] = [];
  for (const { id, type, values: v } of entities) {
    const n = (name: string) => num(v, name);
    if (type === 'ship') {
      ships.push({
        id,
        x: n('x'),
        y: n('y'),
        vx: n('vx'),
        vy: n('vy'),
        angle: n('angle'),
        hp: n('hp'),
        score: n('score'),
        deaths: n('deaths'),
        shots: n('shots'),
        readyTick: n('readyTick'),
        respawnTick: n('respawnTick'),
        rapidUntil: n('rapidUntil'),
      });
    } else if (type === 'shot') {
      shots.push({ id, owner: n('owner'), x: n('x'), y: n('y'), vx: n('vx'), vy: n('vy'), expiresTick: n('expiresTick'), lag: n('lag') });
    } else if (type === 'pickup') {
      pickups.push({ id, spot: n('spot'), readyTick: n('readyTick') });
    }
  }
  return { ships: byId(ships), shots: byId(shots), pickups: byId(pickups) };
}

/** Every pickup, available from the start. */
export function initialPickups(): Pickup[] {
  return PICKUP_SPOTS.map((_, spot) => ({ id: PICKUP_ID_BASE + spot, spot, readyTick: 0 }));
}
