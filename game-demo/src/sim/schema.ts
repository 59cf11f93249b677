/**
 * How the arena travels on the wire. Positions to a hundredth of a unit, angles in 12 bits, timers
 * as ticks; the host quantizes its own state the same way every tick, so a client predicting with
 * the same inputs reaches the same numbers. The types of the inputs and entities follow from it.
 */
import { field, validateSchema, type EntityOf, type InputOf } from 'tickwire';
import { ARENA_HEIGHT, ARENA_WIDTH } from './level.js';
import { MAX_VIEW_LAG_TICKS } from './rules.js';

const MAX_TICK = 0x7fffffff;
const x = field.fixed(0.01, 0, ARENA_WIDTH);
const y = field.fixed(0.01, 0, ARENA_HEIGHT);
const speed = field.fixed(0.01, -1000, 1000);
const tick = field.int(0, MAX_TICK);

export const arenaSchema = validateSchema({
  entities: {
    ship: {
      x,
      y,
      vx: speed,
      vy: speed,
      angle: field.angle(12),
      hp: field.int(0, 15),
      score: field.int(0, 65535),
      deaths: field.int(0, 65535),
      shots: field.int(0, 255),
      readyTick: tick,
      respawnTick: tick,
      rapidUntil: tick,
    },
    shot: { x, y, vx: speed, vy: speed, owner: field.int(0, 65535), expiresTick: tick, lag: field.int(0, MAX_VIEW_LAG_TICKS) },
    pickup: { spot: field.int(0, 255), readyTick: tick },
  },
  input: {
    /** -1 left, 0, 1 right. */
    dx: field.int(-1, 1),
    /** -1 up, 0, 1 down. */
    dy: field.int(-1, 1),
    fire: field.bool(),
  },
});

export type ArenaSchema = typeof arenaSchema;

/** One tick of one player's controls. */
export type ArenaInput = InputOf<ArenaSchema>;

/** A ship, shot or pickup as it travels: check `type` to read its values. */
export type ArenaEntity = EntityOf<ArenaSchema>;

/** A player who touches nothing. */
export const NEUTRAL_INPUT: ArenaInput = { dx: 0, dy: 0, fire: false };
