/**
 * `bodies-901`: the cube scene of Glenn Fiedler's "Snapshot Compression" (gafferongames.com): 900
 * cubes lying on a plane in a 30 × 30 grid and one big cube the player rolls among them, 901 rigid
 * bodies, each sent as a 3D position and an orientation quaternion, at 60 snapshots per second.
 *
 * As in the article, the fields are quantized to 1/512 m over x, y in [-256, 255] and z in [0, 32],
 * and the orientation is sent smallest-three with 9 bits per component (`field.quat(9)`). The player
 * cube knocks the cubes it touches into the air; beside that, resting cubes get kicked at random
 * (hashed from the seed), at a rate that keeps about one in ten moving at any time. A kicked cube
 * flies, bounces, slides, spins down and rests (see `rigid-body.ts`); a resting cube's quantized
 * values never change, so the host leaves it out of every delta.
 */
import { field, validateSchema, type EntityOf, type InputOf } from '../../../engine/src/protocol/schema.js';
import type { PlayerId, StepContext } from '../../../engine/src/session/simulation.js';
import { unitHash } from './hash.js';
import { ZERO, integrateOrientation, moveBody, type Body, type Vec3 } from './rigid-body.js';
import type { BenchScene, SceneSimulation } from './scene.js';

export const GRID = 30;
export const BODY_COUNT = GRID * GRID + 1;
const SPACING = 3; // metres between grid cubes
const PLAYER_ID = 0;
const PLAYER_HALF = 1;
const CUBE_HALF = 0.5;
const PLAYER_SPEED = 4; // metres per second
const KICK_RADIUS = PLAYER_HALF + CUBE_HALF + 0.2;
/** Random kicks per resting cube per second: with about two seconds of motion per kick, ~10% move. */
const KICK_RATE = 0.07;
const STEER_WINDOW_S = 2;

export interface BodiesWorld {
  /** Indexed by id: 0 is the player cube, 1..900 the grid. */
  readonly bodies: readonly Body[];
}

export const bodiesSchema = validateSchema({
  entities: {
    cube: {
      x: field.fixed(1 / 512, -256, 255),
      y: field.fixed(1 / 512, -256, 255),
      z: field.fixed(1 / 512, 0, 32),
      orientation: field.quat(9),
    },
  },
  input: { x: field.fixed(0.01, -1, 1), y: field.fixed(0.01, -1, 1) },
});

export type BodiesSchema = typeof bodiesSchema;
export type Roll = InputOf<BodiesSchema>;

const NEUTRAL: Roll = { x: 0, y: 0 };

/** Where a scripted player rolls the big cube `seconds` into the game: a new heading every 2 s. */
export function bodiesBot(seed: number, seconds: number): Roll {
  const window = Math.floor(seconds / STEER_WINDOW_S);
  const heading = unitHash(seed, 11, window) * 2 * Math.PI;
  return { x: Math.round(Math.cos(heading) * 100) / 100, y: Math.round(Math.sin(heading) * 100) / 100 };
}

function initialWorld(): BodiesWorld {
  const bodies: Body[] = [restingCube(PLAYER_ID, { x: 0, y: 0, z: PLAYER_HALF }, PLAYER_HALF)];
  for (let i = 0; i < GRID * GRID; i++) {
    const x = ((i % GRID) - (GRID - 1) / 2) * SPACING;
    const y = (Math.floor(i / GRID) - (GRID - 1) / 2) * SPACING;
    bodies.push(restingCube(i + 1, { x, y, z: CUBE_HALF }, CUBE_HALF));
  }
  return { bodies };
}

function restingCube(id: number, position: Vec3, half: number): Body {
  return { id, position, orientation: [0, 0, 0, 1], velocity: ZERO, spin: ZERO, half, resting: true };
}

/** The player cube, rolled by the input: moves at up to 4 m/s and turns about the axis it rolls on. */
function rollPlayer(body: Body, input: Roll, dt: number): Body {
  const length = Math.hypot(input.x, input.y);
  const scale = length > 1 ? PLAYER_SPEED / length : PLAYER_SPEED;
  const velocity = { x: input.x * scale, y: input.y * scale, z: 0 };
  const spin = { x: -velocity.y / PLAYER_HALF, y: velocity.x / PLAYER_HALF, z: 0 };
  const clamp = (v: number) => Math.max(-250, Math.min(250, v));
  const position = { x: clamp(body.position.x + velocity.x * dt), y: clamp(body.position.y + velocity.y * dt), z: PLAYER_HALF };
  const moving = length > 0;
  return { ...body, position, velocity, spin, orientation: moving ? integrateOrientation(body.orientation, spin, dt) : body.orientation, resting: !moving };
}

/** A resting cube knocked into the air, away from `from` (or any way), spinning. */
function kick(seed: number, body: Body, tick: number, from: Vec3 | undefined): Body {
  const r = (k: number) => unitHash(seed, 20 + k, body.id, tick);
  const away = from ? Math.atan2(body.position.y - from.y, body.position.x - from.x) : r(0) * 2 * Math.PI;
  const speed = 1.5 + r(1) * 2.5;
  const velocity = { x: Math.cos(away) * speed, y: Math.sin(away) * speed, z: 2 + r(2) * 3 };
  const spin = { x: (r(3) - 0.5) * 20, y: (r(4) - 0.5) * 20, z: (r(5) - 0.5) * 20 };
  return { ...body, velocity, spin, resting: false };
}

function step(seed: number, world: BodiesWorld, inputs: ReadonlyMap<PlayerId, Roll>, dt: number, ctx: StepContext<BodiesWorld>): BodiesWorld {
  const steer = inputs.get(1) ?? (ctx.authoritative ? bodiesBot(seed, ctx.tick * dt) : NEUTRAL);
  const player = rollPlayer(world.bodies[PLAYER_ID]!, steer, dt);
  const bodies: Body[] = [player];
  const kickChance = KICK_RATE * dt;
  for (let id = 1; id < world.bodies.length; id++) {
    let body = world.bodies[id]!;
    if (body.resting) {
      const dx = body.position.x - player.position.x;
      const dy = body.position.y - player.position.y;
      if (!player.resting && dx * dx + dy * dy < KICK_RADIUS * KICK_RADIUS) body = kick(seed, body, ctx.tick, player.position);
      else if (unitHash(seed, 30, id, ctx.tick) < kickChance) body = kick(seed, body, ctx.tick, undefined);
    }
    bodies.push(moveBody(body, dt));
  }
  return { bodies };
}

function toEntities(world: BodiesWorld): EntityOf<BodiesSchema>[] {
  return world.bodies.map((b) => ({
    id: b.id,
    type: 'cube',
    values: { x: b.position.x, y: b.position.y, z: b.position.z, orientation: b.orientation },
  }));
}

/** Positions and orientations from the snapshot; velocities, spins and rest from `previous`. */
function fromEntities(entities: readonly EntityOf<BodiesSchema>[], previous: BodiesWorld): BodiesWorld {
  const bodies: Body[] = [];
  for (const { id, values } of entities) {
    const before = previous.bodies[id] ?? restingCube(id, ZERO, id === PLAYER_ID ? PLAYER_HALF : CUBE_HALF);
    bodies[id] = {
      id,
      position: { x: values.x, y: values.y, z: values.z },
      orientation: values.orientation,
      velocity: before.velocity,
      spin: before.spin,
      half: before.half,
      resting: before.resting,
    };
  }
  return { bodies };
}

/** The cube scene as a tickwire simulation, for `seed`. Player 1 rolls the big cube. */
export function bodiesSimulation(seed: number): SceneSimulation<BodiesWorld, BodiesSchema> {
  return {
    schema: bodiesSchema,
    neutralInput: NEUTRAL,
    initialState: initialWorld,
    step: (world, inputs, dt, ctx) => step(seed, world, inputs, dt, ctx),
    addPlayer: (world) => world,
    removePlayer: (world) => world,
    toEntities,
    fromEntities,
    playerEntityId: (playerId) => (playerId === 1 ? PLAYER_ID : -1),
  };
}

/** How many bodies of `world` are moving. */
export function movingBodies(world: BodiesWorld): number {
  return world.bodies.filter((b) => !b.resting).length;
}

/** `bodies-901` with `seed`. */
export function bodies901(seed = 1): BenchScene<BodiesWorld, BodiesSchema> {
  return {
    name: 'bodies-901',
    simulation: bodiesSimulation(seed),
    tickRate: 60,
    snapshotRate: 60,
    clients: 1,
    entityCount: BODY_COUNT,
    convergeTolerance: 1 / 512,
    botInput: (_playerId, seconds) => bodiesBot(seed, seconds),
  };
}
