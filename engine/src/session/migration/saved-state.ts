/**
 * The game's state as a checkpoint carries it, and back: the game's own `saveState` and
 * `loadState` when it has them, or else the state itself, which must then be plain data (objects,
 * arrays, strings, finite numbers, booleans, null, byte arrays; no Map, Set or class instance).
 */
import { NetError } from '../../core/net-error.js';
import { isPlainPayload } from '../../protocol/parse-payload.js';
import type { AnySimulation } from '../simulation.js';
import { MAX_STATE_DEPTH } from './checkpoint.js';

/** The state as plain data; throws `NetError('invalid_option')` when it is not. */
export function savedState<State>(simulation: AnySimulation<State>, state: State): unknown {
  const saved = simulation.saveState ? simulation.saveState(state) : state;
  if (!isPlainPayload(saved, MAX_STATE_DEPTH)) {
    const how = simulation.saveState ? 'saveState returned' : 'the state is';
    throw new NetError(
      'invalid_option',
      `host migration sends the game's state to the next host, and ${how} not plain data (objects, arrays, strings, finite numbers, booleans, null, byte arrays, at most ${MAX_STATE_DEPTH} deep): give the simulation saveState and loadState`,
    );
  }
  return saved;
}

/** The state a checkpoint's saved state stands for. */
export function loadedState<State>(simulation: AnySimulation<State>, saved: unknown): State {
  return simulation.loadState ? simulation.loadState(saved) : (saved as State);
}
