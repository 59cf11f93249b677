/**
 * One tick of one ship: respawning, steering (the keys set a wanted velocity that the ship eases
 * towards, and it turns to face where it goes), walls, and firing a shot from its nose.
 */
import { ARENA_HEIGHT, ARENA_WIDTH, WALLS, spawnFor } from './level.js';
import { pushOutOfWall, turnBetween } from './geometry.js';
import {
  FIRE_COOLDOWN_SECONDS,
  MAX_VIEW_LAG_TICKS,
  RAPID_COOLDOWN_SECONDS,
  SHIP_HP,
  SHIP_RADIUS,
  SHIP_REST_SPEED,
  SHIP_RESPONSE,
  SHIP_SPEED,
  SHIP_TURN_RATE,
  SHOT_RADIUS,
  SHOT_SECONDS,
  SHOT_SPEED,
  ticksFor,
} from './rules.js';
import type { ArenaInput } from './schema.js';
import { isAlive, shotId, type Ship, type Shot } from './state.js';

/** The tick being computed and its length in seconds. */
export interface TickInfo {
  readonly tick: number;
  readonly dt: number;
}

/** A fresh ship at its spawn point. */
export function spawnShip(id: number, deaths: number, score: number, tick: number): Ship {
  const spawn = spawnFor(id, deaths);
  return { id, x: spawn.x, y: spawn.y, vx: 0, vy: 0, angle: spawn.angle, hp: SHIP_HP, score, deaths, shots: 0, readyTick: tick, respawnTick: 0, rapidUntil: 0 };
}

/**
 * The ship one tick later, and the shot it fired if it fired. `viewLag`: how many ticks before
 * `t.tick` its player saw the others when making this input; a shot keeps it for lag compensation.
 */
export function stepShip(ship: Ship, input: ArenaInput, t: TickInfo, viewLag: number): { ship: Ship; shot?: Shot } {
  if (!isAlive(ship)) return { ship: t.tick >= ship.respawnTick ? spawnShip(ship.id, ship.deaths, ship.score, t.tick) : ship };
  const moved = steer(ship, input, t.dt);
  if (!input.fire || t.tick < ship.readyTick) return { ship: moved };
  const cooldown = t.tick < ship.rapidUntil ? RAPID_COOLDOWN_SECONDS : FIRE_COOLDOWN_SECONDS;
  const fired = { ...moved, shots: (moved.shots + 1) % 256, readyTick: t.tick + ticksFor(cooldown, t.dt) };
  return { ship: fired, shot: fireFrom(moved, t, viewLag) };
}

function steer(ship: Ship, input: ArenaInput, dt: number): Ship {
  const length = Math.hypot(input.dx, input.dy);
  const wantX = length > 0 ? (input.dx / length) * SHIP_SPEED : 0;
  const wantY = length > 0 ? (input.dy / length) * SHIP_SPEED : 0;
  const response = Math.min(1, SHIP_RESPONSE * dt);
  let vx = ship.vx + (wantX - ship.vx) * response;
  let vy = ship.vy + (wantY - ship.vy) * response;
  if (length === 0 && Math.hypot(vx, vy) < SHIP_REST_SPEED) vx = vy = 0;
  let x = ship.x + vx * dt;
  let y = ship.y + vy * dt;
  for (const wall of WALLS) {
    const out = pushOutOfWall(x, y, SHIP_RADIUS, wall);
    x = out.x;
    y = out.y;
    if (out.blockedX) vx = 0;
    if (out.blockedY) vy = 0;
  }
  const clampedX = Math.min(Math.max(x, SHIP_RADIUS), ARENA_WIDTH - SHIP_RADIUS);
  const clampedY = Math.min(Math.max(y, SHIP_RADIUS), ARENA_HEIGHT - SHIP_RADIUS);
  if (clampedX !== x) vx = 0;
  if (clampedY !== y) vy = 0;
  return { ...ship, x: clampedX, y: clampedY, vx, vy, angle: turnTowards(ship.angle, input, dt) };
}

function turnTowards(angle: number, input: ArenaInput, dt: number): number {
  if (input.dx === 0 && input.dy === 0) return angle;
  const target = Math.atan2(input.dy, input.dx);
  const turn = turnBetween(angle, target);
  const most = SHIP_TURN_RATE * dt;
  return Math.abs(turn) <= most ? target : angle + Math.sign(turn) * most;
}

function fireFrom(ship: Ship, t: TickInfo, viewLag: number): Shot {
  const cos = Math.cos(ship.angle);
  const sin = Math.sin(ship.angle);
  const nose = SHIP_RADIUS + SHOT_RADIUS + 2;
  return {
    id: shotId(ship.id, ship.shots),
    owner: ship.id,
    x: ship.x + cos * nose,
    y: ship.y + sin * nose,
    vx: cos * SHOT_SPEED,
    vy: sin * SHOT_SPEED,
    expiresTick: t.tick + ticksFor(SHOT_SECONDS, t.dt),
    lag: Math.min(Math.max(Math.round(viewLag), 0), MAX_VIEW_LAG_TICKS),
  };
}
