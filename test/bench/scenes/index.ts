/** The benchmark scenes by name. */
import { arena16 } from './arena-16.js';
import { bodies901 } from './bodies-901.js';
import { someScene, type SomeScene } from './scene.js';

export const SCENES: Readonly<Record<string, (seed: number) => SomeScene>> = {
  'arena-16': (seed) => someScene(arena16(seed)),
  'bodies-901': (seed) => someScene(bodies901(seed)),
};

export const SCENE_NAMES = Object.keys(SCENES);

/** The scene called `name` with `seed`; throws a RangeError naming the known scenes. */
export function sceneByName(name: string, seed: number): SomeScene {
  const make = SCENES[name];
  if (!make) throw new RangeError(`unknown scene "${name}"; known: ${SCENE_NAMES.join(', ')}`);
  return make(seed);
}
