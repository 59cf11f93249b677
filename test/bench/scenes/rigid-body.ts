/**
 * Just enough rigid-body motion for the `bodies-901` scene: a cube flies under gravity, bounces on
 * the ground losing most of its vertical speed, slides and spins down under friction, and comes to
 * rest when slow. There are no collisions between cubes: the scene is about what moves on the
 * wire, and this gives the same pattern as the article's cubes (a few tumbling, most lying still).
 */
import type { Quaternion } from '../../../engine/src/protocol/schema.js';

export interface Vec3 {
  readonly x: number;
  readonly y: number;
  readonly z: number;
}

export interface Body {
  readonly id: number;
  readonly position: Vec3;
  readonly orientation: Quaternion;
  readonly velocity: Vec3;
  /** Radians per second about each axis. */
  readonly spin: Vec3;
  /** Half the edge length: resting height above the ground. */
  readonly half: number;
  readonly resting: boolean;
}

const GRAVITY = 9.81;
const BOUNCE = 0.35;
const GROUND_FRICTION = 4; // per second, on speed
const SPIN_FRICTION = 5; // per second, on spin, on the ground
export const WORLD_EDGE = 250; // metres from the centre

export const ZERO: Vec3 = { x: 0, y: 0, z: 0 };

/** `q` turned by `spin` for `dt` seconds (first-order integration, renormalised). */
export function integrateOrientation(q: Quaternion, spin: Vec3, dt: number): Quaternion {
  const [x, y, z, w] = q;
  const h = 0.5 * dt;
  const nx = x + h * (spin.x * w + spin.y * z - spin.z * y);
  const ny = y + h * (spin.y * w + spin.z * x - spin.x * z);
  const nz = z + h * (spin.z * w + spin.x * y - spin.y * x);
  const nw = w - h * (spin.x * x + spin.y * y + spin.z * z);
  const length = Math.hypot(nx, ny, nz, nw);
  return [nx / length, ny / length, nz / length, nw / length];
}

/** One step of a moving body; a body at rest is returned unchanged. */
export function moveBody(body: Body, dt: number): Body {
  if (body.resting) return body;
  let { x: vx, y: vy, z: vz } = body.velocity;
  let spin = body.spin;
  vz -= GRAVITY * dt;
  let x = body.position.x + vx * dt;
  let y = body.position.y + vy * dt;
  let z = body.position.z + vz * dt;
  if (Math.abs(x) > WORLD_EDGE) [x, vx] = [Math.sign(x) * WORLD_EDGE, -vx];
  if (Math.abs(y) > WORLD_EDGE) [y, vy] = [Math.sign(y) * WORLD_EDGE, -vy];
  if (z <= body.half) {
    z = body.half;
    vz = vz < 0 && -vz * BOUNCE > 0.5 ? -vz * BOUNCE : 0;
    const slide = Math.max(0, 1 - GROUND_FRICTION * dt);
    vx *= slide;
    vy *= slide;
    const slow = Math.max(0, 1 - SPIN_FRICTION * dt);
    spin = { x: spin.x * slow, y: spin.y * slow, z: spin.z * slow };
  }
  const orientation = integrateOrientation(body.orientation, spin, dt);
  const onGround = z === body.half && vz === 0;
  if (onGround && Math.hypot(vx, vy) < 0.2 && Math.hypot(spin.x, spin.y, spin.z) < 0.5) {
    return { ...body, position: { x, y, z }, orientation, velocity: ZERO, spin: ZERO, resting: true };
  }
  return { ...body, position: { x, y, z }, orientation, velocity: { x: vx, y: vy, z: vz }, spin, resting: false };
}
