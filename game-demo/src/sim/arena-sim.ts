/**
 * The arena game's rules as a tickwire `Simulation`: pure, deterministic (no clock, no random
 * numbers), free of Phaser. The host runs it authoritatively; each client runs the same `step` to
 * predict its own ship. Hits are judged on the host only (see `shot-step.ts`); a client's
 * prediction moves shots but never decides a hit, and learns of one from the next snapshot.
 */
import type { PlayerId, Simulation, StepContext } from 'tickwire';
import { arenaEntities, arenaFromEntities, initialPickups } from './entities.js';
import { stepPickups } from './pickup-step.js';
import { arenaSchema, NEUTRAL_INPUT, type ArenaInput, type ArenaSchema } from './schema.js';
import { spawnShip, stepShip, type TickInfo } from './ship-step.js';
import { stepShots, type Hit } from './shot-step.js';
import { byId, type ArenaState, type Ship, type Shot } from './state.js';

/** The arena one tick later, and the hits judged in it. */
export function stepArena(state: ArenaState, inputs: ReadonlyMap<PlayerId, ArenaInput>, dt: number, context: StepContext<ArenaState>): { state: ArenaState; hits: Hit[] } {
  const t: TickInfo = { tick: context.tick, dt };
  const ships = new Map<number, Ship>();
  const fired: Shot[] = [];
  // A ship whose player's input is unknown (the others, on a client) stays as it is.
  for (const ship of state.ships) {
    const input = inputs.get(ship.id);
    if (!input) {
      ships.set(ship.id, ship);
      continue;
    }
    const next = stepShip(ship, input, t, context.tick - context.viewTick(ship.id));
    ships.set(ship.id, next.ship);
    if (next.shot) fired.push(next.shot);
  }
  const rewind = context.authoritative ? (tick: number) => context.rewind(tick)?.ships : undefined;
  const moved = stepShots(state.shots, ships, t, rewind);
  const fresh = new Set(fired.map((s) => s.id));
  const shots = byId([...moved.shots.filter((s) => !fresh.has(s.id)), ...fired]);
  const movers = new Set([...inputs.keys()]);
  const pickups = stepPickups(state.pickups, ships, movers, t);
  return { state: { ships: byId([...ships.values()]), shots, pickups }, hits: moved.hits };
}

export const arenaSim: Simulation<ArenaState, ArenaSchema> = {
  schema: arenaSchema,
  neutralInput: NEUTRAL_INPUT,
  initialState: () => ({ ships: [], shots: [], pickups: initialPickups() }),
  step: (state, inputs, dt, context) => stepArena(state, inputs, dt, context).state,
  addPlayer: (state, playerId) => ({
    ...state,
    ships: byId([...state.ships.filter((s) => s.id !== playerId), spawnShip(playerId, 0, 0, 0)]),
  }),
  removePlayer: (state, playerId) => ({
    ...state,
    ships: state.ships.filter((s) => s.id !== playerId),
    shots: state.shots.filter((s) => s.owner !== playerId),
  }),
  toEntities: arenaEntities,
  fromEntities: (entities) => arenaFromEntities(entities),
  playerEntityId: (playerId) => playerId,
};
