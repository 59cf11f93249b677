/**
 * The inputs of one tick: the host's own player's, and one from each seat's buffer (the seat's
 * previous input standing in for a late or lost one), with how far behind the tick each player's
 * view was when it acted, for lag compensation (`viewTick`, `rewindFor`).
 */
import type { FieldValues } from '../../protocol/schema.js';
import type { PlayerId } from '../simulation.js';
import type { Seat } from './seat.js';

/** The inputs of one tick, and each seat's view age (see `PlayerInput`). */
export interface TakenInputs {
  readonly inputs: ReadonlyMap<PlayerId, FieldValues>;
  readonly viewAges: ReadonlyMap<PlayerId, number>;
}

/** Each player's input for `tick`: the host player's own when the host plays, then each seat's. */
export function takeInputs(seats: readonly Seat[], tick: number, hostInput: { readonly playerId: PlayerId; readonly values: FieldValues } | undefined): TakenInputs {
  const inputs = new Map<PlayerId, FieldValues>();
  const viewAges = new Map<PlayerId, number>();
  if (hostInput !== undefined) inputs.set(hostInput.playerId, hostInput.values);
  for (const seat of seats) {
    const taken = seat.inputs.take(tick);
    inputs.set(seat.playerId, taken.values);
    viewAges.set(seat.playerId, taken.viewAge);
  }
  return { inputs, viewAges };
}
