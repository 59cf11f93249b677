/**
 * `arena-16`: sixteen ships steering continuously across a 2000 × 2000 arena, turning now and then,
 * and 64 projectiles flying straight, each living one to two seconds before it expires and another
 * spawns from a ship. Tick 60 Hz, snapshots 30 Hz, one snapshot stream per client.
 *
 * Ship `p` belongs to player `p` (1..16) and follows that player's input; a ship nobody plays flies
 * on autopilot with the very steering a scripted player sends ({@link arenaBot}), so the world is
 * the same whether 4 or 16 clients are connected. Players 17 and up watch (they have no ship).
 * Everything random comes from hashing (seed, time, id), so `step` stays pure.
 */
import { field, validateSchema, type EntityOf, type InputOf } from '../../../engine/src/protocol/schema.js';
import type { PlayerId, StepContext } from '../../../engine/src/session/simulation.js';
import { unitHash } from './hash.js';
import type { BenchScene, SceneSimulation } from './scene.js';

export const ARENA_SIZE = 2000;
export const ARENA_SHIPS = 16;
export const ARENA_PROJECTILES = 64;
const SHIP_SPEED = 150; // units per second
const TURN_RATE = 2.5; // radians per second at full turn
const PROJECTILE_SPEED = 500;
const WALL = 20; // ships turn back this far from the edge
const FIRST_PROJECTILE_ID = 100;
const LAST_PROJECTILE_ID = 65535;
const STEER_WINDOW_S = 0.75; // a scripted player picks a new turn this often

export interface Ship {
  readonly id: number;
  readonly x: number;
  readonly y: number;
  readonly angle: number;
}

export interface Projectile {
  readonly id: number;
  readonly x: number;
  readonly y: number;
  readonly angle: number;
  readonly owner: number;
  /** The tick after which it is gone; kept out of the snapshot (the client learns of removals). */
  readonly expiresAt: number;
}

export interface ArenaWorld {
  readonly ships: readonly Ship[];
  readonly projectiles: readonly Projectile[];
  /** The id the next projectile gets: ids count up (and wrap), as a game's entity ids usually do. */
  readonly nextId: number;
}

export const arenaSchema = validateSchema({
  entities: {
    ship: { x: field.fixed(0.01, 0, ARENA_SIZE), y: field.fixed(0.01, 0, ARENA_SIZE), angle: field.angle(12) },
    projectile: {
      x: field.fixed(0.01, 0, ARENA_SIZE),
      y: field.fixed(0.01, 0, ARENA_SIZE),
      angle: field.angle(12),
      owner: field.int(0, ARENA_SHIPS),
    },
  },
  input: { turn: field.fixed(0.01, -1, 1), thrust: field.bool() },
});

export type ArenaSchema = typeof arenaSchema;
export type Steer = InputOf<ArenaSchema>;

const NEUTRAL: Steer = { turn: 0, thrust: false };

/** What a scripted player steers at `seconds` into the game: mostly gentle, sometimes a hard turn. */
export function arenaBot(seed: number, playerId: PlayerId, seconds: number): Steer {
  const window = Math.floor(seconds / STEER_WINDOW_S);
  const roll = unitHash(seed, 1, playerId, window);
  const amount = unitHash(seed, 2, playerId, window);
  const turn = roll < 0.65 ? (amount - 0.5) * 0.3 : (roll < 0.825 ? 1 : -1) * (0.5 + amount * 0.5);
  return { turn: Math.round(turn * 100) / 100, thrust: true };
}

function moveShip(ship: Ship, steer: Steer, dt: number): Ship {
  let angle = ship.angle + steer.turn * TURN_RATE * dt;
  if (!steer.thrust) return { ...ship, angle };
  let x = ship.x + Math.cos(angle) * SHIP_SPEED * dt;
  let y = ship.y + Math.sin(angle) * SHIP_SPEED * dt;
  // Bounce off the walls: mirror the heading, stay inside.
  if (x < WALL || x > ARENA_SIZE - WALL) {
    angle = Math.PI - angle;
    x = Math.min(ARENA_SIZE - WALL, Math.max(WALL, x));
  }
  if (y < WALL || y > ARENA_SIZE - WALL) {
    angle = -angle;
    y = Math.min(ARENA_SIZE - WALL, Math.max(WALL, y));
  }
  return { id: ship.id, x, y, angle };
}

function spawnProjectile(seed: number, ships: readonly Ship[], id: number, tick: number, dt: number): Projectile {
  const from = ships[Math.floor(unitHash(seed, 3, id, tick) * ships.length)]!;
  const lifetimeTicks = Math.round((1 + unitHash(seed, 4, id, tick)) / dt);
  const angle = from.angle + (unitHash(seed, 5, id, tick) - 0.5) * 0.2;
  return { id, x: from.x, y: from.y, angle, owner: from.id, expiresAt: tick + lifetimeTicks };
}

function flyProjectile(p: Projectile, dt: number): Projectile {
  return { ...p, x: p.x + Math.cos(p.angle) * PROJECTILE_SPEED * dt, y: p.y + Math.sin(p.angle) * PROJECTILE_SPEED * dt };
}

function inArena(p: Projectile): boolean {
  return p.x >= 0 && p.x <= ARENA_SIZE && p.y >= 0 && p.y <= ARENA_SIZE;
}

function nextProjectileId(id: number): number {
  return id >= LAST_PROJECTILE_ID ? FIRST_PROJECTILE_ID : id + 1;
}

function initialWorld(seed: number): ArenaWorld {
  const ships = Array.from({ length: ARENA_SHIPS }, (_, i): Ship => {
    const around = (i / ARENA_SHIPS) * 2 * Math.PI;
    return {
      id: i + 1,
      x: ARENA_SIZE / 2 + Math.cos(around) * 600,
      y: ARENA_SIZE / 2 + Math.sin(around) * 600,
      angle: unitHash(seed, 6, i) * 2 * Math.PI,
    };
  });
  // Lifetimes start staggered over the first two seconds, so spawns are spread out from the start.
  const projectiles = Array.from({ length: ARENA_PROJECTILES }, (_, i) => {
    const p = spawnProjectile(seed, ships, FIRST_PROJECTILE_ID + i, 0, 1 / 60);
    return { ...p, expiresAt: Math.round(unitHash(seed, 7, i) * 120) };
  });
  return { ships, projectiles, nextId: FIRST_PROJECTILE_ID + ARENA_PROJECTILES };
}

function step(seed: number, world: ArenaWorld, inputs: ReadonlyMap<PlayerId, Steer>, dt: number, ctx: StepContext<ArenaWorld>): ArenaWorld {
  const seconds = ctx.tick * dt;
  // On the host a ship nobody plays flies on autopilot; a client only predicts its own ship's input.
  const ships = world.ships.map((ship) => moveShip(ship, inputs.get(ship.id) ?? (ctx.authoritative ? arenaBot(seed, ship.id, seconds) : NEUTRAL), dt));
  // Only the host spawns: a client's prediction just lets projectiles expire, and learns of new
  // ones from snapshots, so it never picks an id the host gave another projectile.
  let nextId = world.nextId;
  const projectiles: Projectile[] = [];
  for (const p of world.projectiles) {
    const moved = flyProjectile(p, dt);
    if (ctx.tick <= p.expiresAt && inArena(moved)) projectiles.push(moved);
    else if (ctx.authoritative) {
      projectiles.push(spawnProjectile(seed, ships, nextId, ctx.tick, dt));
      nextId = nextProjectileId(nextId);
    }
  }
  return { ships, projectiles, nextId };
}

function toEntities(world: ArenaWorld): EntityOf<ArenaSchema>[] {
  const entities: EntityOf<ArenaSchema>[] = world.ships.map((s) => ({ id: s.id, type: 'ship', values: { x: s.x, y: s.y, angle: s.angle } }));
  for (const p of world.projectiles) {
    entities.push({ id: p.id, type: 'projectile', values: { x: p.x, y: p.y, angle: p.angle, owner: p.owner } });
  }
  return entities;
}

function fromEntities(entities: readonly EntityOf<ArenaSchema>[], previous: ArenaWorld): ArenaWorld {
  const expiries = new Map(previous.projectiles.map((p) => [p.id, p.expiresAt]));
  const ships: Ship[] = [];
  const projectiles: Projectile[] = [];
  for (const entity of entities) {
    const { id } = entity;
    if (entity.type === 'ship') ships.push({ id, ...entity.values });
    else projectiles.push({ id, ...entity.values, expiresAt: expiries.get(id) ?? Number.POSITIVE_INFINITY });
  }
  return { ships, projectiles, nextId: previous.nextId };
}

/** The arena as a tickwire simulation, for `seed`. */
export function arenaSimulation(seed: number): SceneSimulation<ArenaWorld, ArenaSchema> {
  return {
    schema: arenaSchema,
    neutralInput: NEUTRAL,
    initialState: () => initialWorld(seed),
    step: (world, inputs, dt, ctx) => step(seed, world, inputs, dt, ctx),
    addPlayer: (world) => world,
    removePlayer: (world) => world,
    toEntities,
    fromEntities,
    playerEntityId: (playerId) => playerId,
  };
}

/** `arena-16` with `seed`. */
export function arena16(seed = 1): BenchScene<ArenaWorld, ArenaSchema> {
  return {
    name: 'arena-16',
    simulation: arenaSimulation(seed),
    tickRate: 60,
    snapshotRate: 30,
    clients: ARENA_SHIPS,
    entityCount: ARENA_SHIPS + ARENA_PROJECTILES,
    convergeTolerance: 0.05,
    botInput: (playerId, seconds) => arenaBot(seed, playerId, seconds),
  };
}
