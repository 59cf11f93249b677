/**
 * What the wire's quantization costs the host per tick, apart from the game's `step` and the
 * snapshots: after each step the state is projected to entities (`toEntities`), quantized, read
 * back and rebuilt (`fromEntities`), so that the host simulates exactly the numbers the clients
 * receive (`QuantizedSim.settle`). Measured on the scene's own game, stepped with the scripted
 * player's input, one `settle` per tick.
 */
import type { GameSchema, InputOf } from '../../../engine/src/protocol/schema.js';
import { QuantizedSim } from '../../../engine/src/session/quantized-sim.js';
import type { StepContext } from '../../../engine/src/session/simulation.js';
import type { BenchScene } from '../scenes/scene.js';
import { quantile } from './stats.js';

export interface ProjectionOptions {
  readonly warmupTicks: number;
  readonly ticks: number;
}

/** Microseconds per tick of `settle`, the median and the 99th percentile. */
export interface ProjectionTimes {
  readonly p50us: number;
  readonly p99us: number;
}

/** The cost of `settle` per tick for `scene`, with one player steering. */
export function projectionCost<State, Schema extends GameSchema>(scene: BenchScene<State, Schema>, options: ProjectionOptions): ProjectionTimes {
  const game = scene.simulation;
  const sim = new QuantizedSim(game, scene.tickRate);
  const dt = 1 / scene.tickRate;
  let state = sim.settle(game.initialState()).state;
  const micros = new Float64Array(options.ticks);
  const inputs = new Map<number, InputOf<Schema>>();
  for (let tick = 1; tick <= options.warmupTicks + options.ticks; tick++) {
    inputs.set(1, scene.botInput(1, tick * dt));
    const context: StepContext<State> = { tick, authoritative: true, viewTick: () => tick - 1, rewindFor: () => undefined, rewind: () => undefined };
    const stepped = game.step(state, inputs, dt, context);
    const start = performance.now();
    state = sim.settle(stepped).state;
    const us = (performance.now() - start) * 1000;
    if (tick > options.warmupTicks) micros[tick - options.warmupTicks - 1] = us;
  }
  const all = Array.from(micros);
  return { p50us: quantile(all, 0.5, 'projection times'), p99us: quantile(all, 0.99, 'projection times') };
}
