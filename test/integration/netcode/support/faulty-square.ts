/**
 * The moving square with faults a test switches on: any of its functions can be made to throw on
 * its next call only, or on every call until the test fixes it. Each host and client gets its own,
 * so a fault meant for the host is never used up by a client's prediction.
 */
import { movingSquare } from '../../../../engine/examples/moving-square.js';
import type { SquareSimulation } from '../../../support/loopback-game.js';

export type FaultyFunction = 'step' | 'toEntities' | 'fromEntities' | 'addPlayer' | 'removePlayer';

export interface FaultySquare {
  readonly simulation: SquareSimulation;
  /** Makes `fn` throw on its next call. */
  once(fn: FaultyFunction): void;
  /** Makes `fn` throw on every call until `fix()`. */
  always(fn: FaultyFunction): void;
  fix(): void;
  /** How many times a fault was thrown. */
  readonly thrown: number;
}

export function faultySquare(): FaultySquare {
  const once = new Set<FaultyFunction>();
  const always = new Set<FaultyFunction>();
  let thrown = 0;
  const check = (fn: FaultyFunction): void => {
    if (!always.has(fn) && !once.delete(fn)) return;
    thrown++;
    throw new Error(`${fn} failed on purpose`);
  };
  const simulation: SquareSimulation = {
    ...movingSquare,
    step: (world, inputs, dt, context) => {
      check('step');
      return movingSquare.step(world, inputs, dt, context);
    },
    toEntities: (world) => {
      check('toEntities');
      return movingSquare.toEntities(world);
    },
    fromEntities: (entities, previous) => {
      check('fromEntities');
      return movingSquare.fromEntities(entities, previous);
    },
    addPlayer: (world, playerId, name) => {
      check('addPlayer');
      return movingSquare.addPlayer(world, playerId, name);
    },
    removePlayer: (world, playerId) => {
      check('removePlayer');
      return movingSquare.removePlayer(world, playerId);
    },
  };
  return {
    simulation,
    once: (fn) => {
      once.add(fn);
    },
    always: (fn) => {
      always.add(fn);
    },
    fix: () => {
      once.clear();
      always.clear();
    },
    get thrown() {
      return thrown;
    },
  };
}
