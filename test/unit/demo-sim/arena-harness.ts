/**
 * Runs the arena's rules as the host does: every tick quantized as on the wire, a bounded history
 * for `rewind`, inputs chosen per tick by the test.
 */
import { StateHistory } from '../../../engine/src/netcode/lag-compensation.js';
import { QuantizedSim } from '../../../engine/src/session/quantized-sim.js';
import { arenaSim } from '../../../game-demo/src/sim/arena-sim.js';
import { NEUTRAL_INPUT } from '../../../game-demo/src/sim/schema.js';
import type { ArenaInput, ArenaState, Ship } from '../../../game-demo/src/sim/state.js';

export interface Arena {
  readonly tick: number;
  readonly state: ArenaState;
  /** Simulates `ticks` ticks with the inputs `inputsAt` gives for each. */
  run(ticks: number, inputsAt?: (tick: number) => ReadonlyMap<number, ArenaInput>): void;
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
  return {
    get tick() {
      return tick;
    },
    get state() {
      return state;
    },
    run(ticks, inputsAt = () => all(ids)) {
      for (let i = 0; i < ticks; i++) {
        tick++;
        const context = { tick, authoritative, rewind: (at: number) => (authoritative ? history.at(at)?.state : undefined) };
        state = sim.step(state, inputsAt(tick), context).state;
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
