import { describe, expect, it } from 'vitest';
import { field, validateSchema } from '../../../engine/src/protocol/schema.js';
import { neutralInputOf } from '../../../engine/src/session/quantized-sim.js';
import type { Simulation } from '../../../engine/src/session/simulation.js';

const schema = validateSchema({
  entities: { dot: { x: field.int(0, 9) } },
  input: {
    thrust: field.fixed(0.1, -1, 1),
    gear: field.int(1, 5),
    brake: field.fixed(0.5, -3, -1),
    turn: field.angle(),
    fire: field.bool(),
    mode: field.enum(['walk', 'run']),
    look: field.quat(),
  },
});

function game(neutralInput?: Simulation<null, typeof schema>['neutralInput']): Simulation<null, typeof schema> {
  return {
    schema,
    ...(neutralInput ? { neutralInput } : {}),
    initialState: () => null,
    step: () => null,
    addPlayer: () => null,
    removePlayer: () => null,
    toEntities: () => [],
    fromEntities: () => null,
  };
}

describe('neutralInputOf', () => {
  it('is each field’s neutral value when the game gives none: 0 or the nearest value in range, false, the first enum value, no turn', () => {
    expect(neutralInputOf(game())).toEqual({ thrust: 0, gear: 1, brake: -1, turn: 0, fire: false, mode: 'walk', look: [0, 0, 0, 1] });
  });

  it('is the game’s own when it gives one', () => {
    const own = { thrust: 0.5, gear: 3, brake: -2, turn: 1, fire: true, mode: 'run', look: [0, 0, 0, 1] } as const;
    expect(neutralInputOf(game(own))).toBe(own);
  });
});
