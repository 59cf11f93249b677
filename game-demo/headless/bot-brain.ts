/**
 * What a bot does, from what it sees: pure, given the time and a seeded random source, so a test
 * can step it without a network or a clock.
 *
 * - wander: head for a random waypoint in the open; pick another when there, after a while, or
 *   when stuck against a wall.
 * - chase: head for the nearest ship in play and fire when the shot would pass within a ship's
 *   radius of it (a ship fires along its facing, and it faces where its keys take it, so a bot
 *   lines up by flying at its target).
 * - mixed: wander, and chase whatever comes within sight.
 *
 * The keys are the ones a player has: each axis -1, 0 or 1 (eight directions) and fire.
 */
import type { Rng } from './rng.js';
import { segmentHitsWall, turnBetween } from '../src/sim/geometry.js';
import { ARENA_HEIGHT, ARENA_WIDTH, WALLS } from '../src/sim/level.js';
import { SHIP_RADIUS, SHOT_RADIUS, SHOT_SECONDS, SHOT_SPEED } from '../src/sim/rules.js';
import type { Controls } from '../src/net/session.js';

/** The behaviours `--behaviour` takes. */
export const BEHAVIOURS = ['mixed', 'wander', 'chase'] as const;
/** How a bot plays. */
export type Behaviour = (typeof BEHAVIOURS)[number];

/** A ship as the bot sees it. */
export interface SeenShip {
  readonly id: number;
  readonly x: number;
  readonly y: number;
  /** Facing, radians: where its shots go. */
  readonly angle: number;
  /** 0 while destroyed. */
  readonly hp: number;
}

/** The bot's own ship and everyone else's. */
export interface Sight {
  readonly me: SeenShip;
  readonly others: readonly SeenShip[];
}

/** How far `mixed` looks for someone to chase. */
export const SIGHT_RANGE = 360;
/** Farther than this a shot fizzles before it arrives. */
const SHOT_RANGE = SHOT_SPEED * SHOT_SECONDS;
/** A waypoint this close is reached. */
const ARRIVED = 24;
/** A waypoint not reached in this long is given up. */
const WAYPOINT_MS = 5000;
/** Moving less than this in `STUCK_MS` means stuck (against a wall, usually). */
const STUCK_DISTANCE = 6;
const STUCK_MS = 700;
/** Keeps waypoints off the walls and the edge. */
const MARGIN = SHIP_RADIUS * 3;
/** A shot passing this close to a ship's centre hits it, with a little to spare. */
const HIT_DISTANCE = SHIP_RADIUS + SHOT_RADIUS - 2;

/** No keys held. */
export const IDLE: Controls = { dx: 0, dy: 0, fire: false };

interface Point {
  readonly x: number;
  readonly y: number;
}

/** The keys that fly towards `angle`: each axis pressed when the direction leans that way by more than 22.5°. */
export function keysToward(angle: number): { dx: number; dy: number } {
  const lean = Math.sin(Math.PI / 8);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  return { dx: Math.abs(cos) > lean ? Math.sign(cos) : 0, dy: Math.abs(sin) > lean ? Math.sign(sin) : 0 };
}

/** Whether a shot fired now from `me` would hit `target` where it is, with no wall in between. */
export function wouldHit(me: SeenShip, target: Point): boolean {
  const dx = target.x - me.x;
  const dy = target.y - me.y;
  const distance = Math.hypot(dx, dy);
  if (distance > SHOT_RANGE) return false;
  const off = turnBetween(me.angle, Math.atan2(dy, dx));
  if (Math.abs(off) >= Math.PI / 2 || Math.abs(distance * Math.sin(off)) > HIT_DISTANCE) return false;
  return !WALLS.some((wall) => segmentHitsWall(me.x, me.y, target.x, target.y, wall, SHOT_RADIUS));
}

function inTheOpen(p: Point): boolean {
  return WALLS.every((w) => p.x < w.x - MARGIN || p.x > w.x + w.w + MARGIN || p.y < w.y - MARGIN || p.y > w.y + w.h + MARGIN);
}

/** One bot's decisions: a waypoint for wandering, and what it sees for chasing. */
export class BotBrain {
  private waypoint: Point | undefined;
  private waypointUntil = 0;
  private anchor: Point & { readonly at: number } = { x: Number.NaN, y: Number.NaN, at: 0 };

  constructor(
    readonly behaviour: Behaviour,
    private readonly rng: Rng,
  ) {}

  /** The keys to hold from `now` (ms), given what the bot sees (nothing yet: idle). */
  think(now: number, sight: Sight | undefined): Controls {
    if (!sight || sight.me.hp <= 0) return IDLE;
    const { me } = sight;
    const target = this.behaviour === 'wander' ? undefined : this.target(sight);
    if (target) {
      const keys = keysToward(Math.atan2(target.y - me.y, target.x - me.x));
      return { ...keys, fire: wouldHit(me, target) };
    }
    return { ...keysToward(this.wander(now, me)), fire: false };
  }

  /** The nearest ship in play, within sight for `mixed`. */
  private target(sight: Sight): SeenShip | undefined {
    let best: SeenShip | undefined;
    let bestDistance = this.behaviour === 'mixed' ? SIGHT_RANGE : Infinity;
    for (const ship of sight.others) {
      const distance = Math.hypot(ship.x - sight.me.x, ship.y - sight.me.y);
      if (ship.hp > 0 && distance < bestDistance) {
        best = ship;
        bestDistance = distance;
      }
    }
    return best;
  }

  /** The direction to the current waypoint, after choosing a new one when due. */
  private wander(now: number, me: SeenShip): number {
    const stuck = now - this.anchor.at >= STUCK_MS && Math.hypot(me.x - this.anchor.x, me.y - this.anchor.y) < STUCK_DISTANCE;
    if (now - this.anchor.at >= STUCK_MS || Number.isNaN(this.anchor.x)) this.anchor = { x: me.x, y: me.y, at: now };
    const reached = this.waypoint && Math.hypot(this.waypoint.x - me.x, this.waypoint.y - me.y) < ARRIVED;
    if (!this.waypoint || reached || stuck || now >= this.waypointUntil) {
      this.waypoint = this.pickWaypoint();
      this.waypointUntil = now + WAYPOINT_MS;
    }
    return Math.atan2(this.waypoint.y - me.y, this.waypoint.x - me.x);
  }

  private pickWaypoint(): Point {
    for (;;) {
      const p = { x: MARGIN + this.rng.next() * (ARENA_WIDTH - 2 * MARGIN), y: MARGIN + this.rng.next() * (ARENA_HEIGHT - 2 * MARGIN) };
      if (inTheOpen(p)) return p;
    }
  }
}
