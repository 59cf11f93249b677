/**
 * The benchmark scenes by name. `SCENES` are the ones every wire benchmark runs (full baselines,
 * loss); `INTEREST_SCENES` are the open worlds measured with and without interest management and
 * under a budget (`measure/interest-wire.ts`). `sceneByName` knows both.
 */
import { arena16 } from './arena-16.js';
import { bodies901 } from './bodies-901.js';
import { someScene, type SomeScene } from './scene.js';
import { world64, type InterestScene, type OpenWorld } from './world-64.js';

export const SCENES: Readonly<Record<string, (seed: number) => SomeScene>> = {
  'arena-16': (seed) => someScene(arena16(seed)),
  'bodies-901': (seed) => someScene(bodies901(seed)),
};

export const SCENE_NAMES = Object.keys(SCENES);

export const INTEREST_SCENES: Readonly<Record<string, (seed: number) => InterestScene<OpenWorld>>> = {
  'world-64': world64,
};

/** Every scene name `sceneByName` knows. */
export const ALL_SCENE_NAMES = [...SCENE_NAMES, ...Object.keys(INTEREST_SCENES)];

/** The scene called `name` with `seed`; throws a RangeError naming the known scenes. */
export function sceneByName(name: string, seed: number): SomeScene {
  const world = INTEREST_SCENES[name];
  if (world) return someScene(world(seed));
  const make = SCENES[name];
  if (!make) throw new RangeError(`unknown scene "${name}"; known: ${ALL_SCENE_NAMES.join(', ')}`);
  return make(seed);
}
