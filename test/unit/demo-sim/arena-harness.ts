/**
 * Runs the arena's rules as the host does: every tick quantized as on the wire, a bounded history
 * for `rewind`, inputs chosen per tick by the test, and how far behind each player saw the others
 * (the view tick the engine gets with each input, clamped to the rewind window as the host clamps it).
 */
import { StateHistory } from '../../../engine/src/netcode/lag-compensation.js';
import { QuantizedSim } from '../../../engine/src/session/quantized-sim.js';
import type { StepContext } from '../../../engine/src/session/simulation.js';
import { arenaSim } from '../../../game-demo/src/sim/arena-sim.js';
import { NEUTRAL_INPUT, type ArenaInput } from '../../../game-demo/src/sim/schema.js';
import type { ArenaState, Ship } from '../../../game-demo/src/sim/state.js';

/** Ticks behind `tick` that `playerId` saw the others when making its input for `tick`. */
export type ViewAge = (tick: number, playerId: number) => number;

export interface Arena {
  readonly tick: number;
  readonly state: ArenaState;
  /**
   * Simulates `ticks` ticks with the inputs `inputsAt` gives for each; every player sees the others
   * one tick behind (as the host's own player does) unless `viewAge` says otherwise.
   */
  run(ticks: number, inputsAt?: (tick: number) => ReadonlyMap<number, ArenaInput>, viewAge?: ViewAge): void;
  ship(id: number): Ship;
}

export function input(partial: Partial<ArenaInput>): ArenaInput {
  return { ...NEUTRAL_INPUT, ...partial };
}

/** Every listed player with the same input. */
export function all(ids: readonly number[], each: Partial<ArenaInput> = {}): Map<number, ArenaInput> {
  return new Map(ids.map((id) => [id, input(each)]));
}

/** An arena with `players` (ids 0..n-1) at `tickRate`, authoritative unless told otherwise. */
export function arena(players: number, tickRate = 60, options: { authoritative?: boolean; maxRewindMs?: number } = {}): Arena {
  const sim = new QuantizedSim(arenaSim, tickRate);
  const history = new StateHistory<ArenaState>({ tickRate, maxRewindMs: options.maxRewindMs ?? 300 });
  let state = arenaSim.initialState();
  for (let id = 0; id < players; id++) state = arenaSim.addPlayer(state, id, `p${id}`);
  state = sim.fromSnapshot(sim.quantize(state), state);
  let tick = 0;
  history.record(0, state);
  const ids = Array.from({ length: players }, (_, i) => i);
  const authoritative = options.authoritative ?? true;
  const contextAt = (at: number, viewAge: ViewAge): StepContext<ArenaState> => {
    const viewTick = (playerId: number) => {
      const seen = at - viewAge(at, playerId);
      return authoritative ? Math.min(Math.max(seen, history.oldestRewindTick), history.newestTick) : seen;
    };
    const rewind = (t: number) => (authoritative ? history.at(t)?.state : undefined);
    return { tick: at, authoritative, viewTick, rewindFor: (playerId) => rewind(viewTick(playerId)), rewind };
  };
  return {
    get tick() {
      return tick;
    },
    get state() {
      return state;
    },
    run(ticks, inputsAt = () => all(ids), viewAge = () => 1) {
      for (let i = 0; i < ticks; i++) {
        tick++;
        state = sim.step(state, inputsAt(tick), contextAt(tick, viewAge)).state;
        history.record(tick, state);
      }
    },
    ship(id) {
      const ship = state.ships.find((s) => s.id === id);
      if (!ship) throw new Error(`no ship ${id}`);
      return ship;
    },
  };
}
