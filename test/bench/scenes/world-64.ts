/**
 * `world-64`: a large open world, for interest management and bandwidth budgets. 64 players' ships
 * and 512 wandering NPCs in a 16 000 × 16 000 world; tick 60 Hz, snapshots 30 Hz. Every entity
 * moves all the time, so without interest each client is sent the whole world every snapshot.
 *
 * Ship `p` belongs to player `p` (1..64) and follows that player's input, or on the host flies on
 * autopilot with the steering a scripted player sends (the arena's bot), so the world is the same
 * however many clients connect. An NPC walks straight at its own pace and picks a new heading every
 * few seconds (its windows staggered by id), bouncing off the edges. Everything random is hashed
 * from (seed, id, time), so `step` stays pure.
 *
 * `wanderingWorld` makes the same world at any size and population, for tests.
 */
import { field, validateSchema, type EntityOf } from '../../../engine/src/protocol/schema.js';
import type { PlayerId, StepContext } from '../../../engine/src/session/simulation.js';
import { arenaBot, type Steer } from './arena-16.js';
import { unitHash } from './hash.js';
import type { BenchScene, SceneSimulation } from './scene.js';

export const WORLD_SIZE = 16_000;
export const WORLD_PLAYERS = 64;
export const WORLD_NPCS = 512;
/** The interest radius the benchmark gives each player. */
export const WORLD_RADIUS = 3000;
/** The per-client budget the benchmark sets, in kbps. */
export const WORLD_BUDGET_KBPS = 64;
/** NPC ids start here; ship ids are the player ids. */
export const FIRST_NPC_ID = 1000;
const SHIP_SPEED = 200;
const TURN_RATE = 2;
const NPC_SPEED = [40, 100] as const;
const NPC_WINDOW_S = 3;
const EDGE = 10;

export interface Walker {
  readonly id: number;
  readonly x: number;
  readonly y: number;
  readonly angle: number;
}

export interface OpenWorld {
  readonly ships: readonly Walker[];
  readonly npcs: readonly Walker[];
}

/** The schema of a world `size` units across. */
export function worldSchema(size: number) {
  return validateSchema({
    entities: {
      ship: { x: field.fixed(0.1, 0, size), y: field.fixed(0.1, 0, size), angle: field.angle(10) },
      npc: { x: field.fixed(0.1, 0, size), y: field.fixed(0.1, 0, size), angle: field.angle(8) },
    },
    input: { turn: field.fixed(0.01, -1, 1), thrust: field.bool() },
  });
}

export type WorldSchema = ReturnType<typeof worldSchema>;

export interface WanderingWorldOptions {
  readonly seed: number;
  readonly size: number;
  readonly players: number;
  readonly npcs: number;
}

const NEUTRAL: Steer = { turn: 0, thrust: false };

/** One step of `speed` along `angle`, bouncing off the world's edges. */
function walk(w: Walker, angle: number, speed: number, size: number): Walker {
  let x = w.x + Math.cos(angle) * speed;
  let y = w.y + Math.sin(angle) * speed;
  let heading = angle;
  if (x < EDGE || x > size - EDGE) {
    heading = Math.PI - heading;
    x = Math.min(size - EDGE, Math.max(EDGE, x));
  }
  if (y < EDGE || y > size - EDGE) {
    heading = -heading;
    y = Math.min(size - EDGE, Math.max(EDGE, y));
  }
  return { id: w.id, x, y, angle: ((heading % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI) };
}

function npcStep(seed: number, npc: Walker, tick: number, dt: number, size: number): Walker {
  const windowTicks = Math.round(NPC_WINDOW_S / dt);
  const phase = tick + Math.floor(unitHash(seed, 20, npc.id) * windowTicks);
  const angle = phase % windowTicks === 0 ? unitHash(seed, 21, npc.id, Math.floor(phase / windowTicks)) * 2 * Math.PI : npc.angle;
  const speed = NPC_SPEED[0] + (NPC_SPEED[1] - NPC_SPEED[0]) * unitHash(seed, 22, npc.id);
  return walk(npc, angle, speed * dt, size);
}

function initialWorld(o: WanderingWorldOptions): OpenWorld {
  const place = (id: number): Walker => ({
    id,
    x: EDGE + unitHash(o.seed, 30, id) * (o.size - 2 * EDGE),
    y: EDGE + unitHash(o.seed, 31, id) * (o.size - 2 * EDGE),
    angle: unitHash(o.seed, 32, id) * 2 * Math.PI,
  });
  return {
    ships: Array.from({ length: o.players }, (_, i) => place(i + 1)),
    npcs: Array.from({ length: o.npcs }, (_, i) => place(FIRST_NPC_ID + i)),
  };
}

function step(o: WanderingWorldOptions, world: OpenWorld, inputs: ReadonlyMap<PlayerId, Steer>, dt: number, ctx: StepContext<OpenWorld>): OpenWorld {
  const seconds = ctx.tick * dt;
  const ships = world.ships.map((ship) => {
    const steer = inputs.get(ship.id) ?? (ctx.authoritative ? arenaBot(o.seed, ship.id, seconds) : NEUTRAL);
    const angle = ship.angle + steer.turn * TURN_RATE * dt;
    return steer.thrust ? walk(ship, angle, SHIP_SPEED * dt, o.size) : { ...ship, angle };
  });
  return { ships, npcs: world.npcs.map((npc) => npcStep(o.seed, npc, ctx.tick, dt, o.size)) };
}

function toEntities(world: OpenWorld): EntityOf<WorldSchema>[] {
  const entities: EntityOf<WorldSchema>[] = world.ships.map((s) => ({ id: s.id, type: 'ship', values: { x: s.x, y: s.y, angle: s.angle } }));
  for (const n of world.npcs) entities.push({ id: n.id, type: 'npc', values: { x: n.x, y: n.y, angle: n.angle } });
  return entities;
}

function fromEntities(entities: readonly EntityOf<WorldSchema>[]): OpenWorld {
  const ships: Walker[] = [];
  const npcs: Walker[] = [];
  for (const e of entities) (e.type === 'ship' ? ships : npcs).push({ id: e.id, ...e.values });
  return { ships, npcs };
}

/** The wandering world as a tickwire simulation. */
export function wanderingWorld(o: WanderingWorldOptions): SceneSimulation<OpenWorld, WorldSchema> {
  return {
    schema: worldSchema(o.size),
    neutralInput: NEUTRAL,
    initialState: () => initialWorld(o),
    step: (world, inputs, dt, ctx) => step(o, world, inputs, dt, ctx),
    addPlayer: (world) => world,
    removePlayer: (world) => world,
    toEntities,
    fromEntities,
    playerEntityId: (playerId) => (playerId >= 1 && playerId <= o.players ? playerId : undefined),
  };
}

/** A scene with the interest settings its benchmark compares. */
export interface InterestScene<State> extends BenchScene<State, WorldSchema> {
  /** The interest radius each player gets. */
  readonly radius: number;
  /** The per-client budget, in kbps. */
  readonly budgetKbps: number;
}

/** `world-64` with `seed`. */
export function world64(seed = 1): InterestScene<OpenWorld> {
  return {
    name: 'world-64',
    simulation: wanderingWorld({ seed, size: WORLD_SIZE, players: WORLD_PLAYERS, npcs: WORLD_NPCS }),
    tickRate: 60,
    snapshotRate: 30,
    clients: WORLD_PLAYERS,
    entityCount: WORLD_PLAYERS + WORLD_NPCS,
    convergeTolerance: 0.2,
    botInput: (playerId, seconds) => arenaBot(seed, playerId, seconds),
    radius: WORLD_RADIUS,
    budgetKbps: WORLD_BUDGET_KBPS,
  };
}
