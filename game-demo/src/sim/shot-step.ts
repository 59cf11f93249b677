/**
 * One tick of every shot in flight: it moves, fizzles when its time is up, stops at walls and the
 * arena's edge, and (on the host only) hits ships.
 *
 * Hits are lag compensated. A client draws the other ships an interpolation delay in the past and
 * its own shot in its predicted present, so its shot flies, on its screen, among ships as they were
 * `lag` ticks ago: the engine says how far behind with each input (`context.viewTick`), and the shot
 * keeps it from the tick it is fired. The host judges each tick of the shot's flight against the
 * ships of `tick - lag` (`rewind`, which the engine bounds to a few hundred ms): a hit the shooter
 * saw is a hit. Whether the target can still be hit (it is in play) is judged on the present.
 */
import { ARENA_HEIGHT, ARENA_WIDTH, WALLS } from './level.js';
import { segmentHitsCircle, segmentHitsWall } from './geometry.js';
import { RESPAWN_SECONDS, SHIP_RADIUS, SHOT_RADIUS, ticksFor } from './rules.js';
import type { TickInfo } from './ship-step.js';
import { isAlive, type Ship, type Shot } from './state.js';

/** The ships of an earlier tick, for lag compensation; undefined when there is no history. */
export type RewindShips = (tick: number) => readonly Ship[] | undefined;

/** A hit judged this tick. */
export interface Hit {
  readonly shooter: number;
  readonly target: number;
}

/**
 * Moves `shots`; with `rewind` (the host) also hits ships, changing `ships` (by id) in place:
 * the target loses a hit point, or is destroyed, and the shooter scores.
 */
export function stepShots(shots: readonly Shot[], ships: Map<number, Ship>, t: TickInfo, rewind?: RewindShips): { shots: Shot[]; hits: Hit[] } {
  const out: Shot[] = [];
  const hits: Hit[] = [];
  for (const shot of shots) {
    if (t.tick >= shot.expiresTick) continue;
    const x = shot.x + shot.vx * t.dt;
    const y = shot.y + shot.vy * t.dt;
    if (x < 0 || y < 0 || x > ARENA_WIDTH || y > ARENA_HEIGHT) continue;
    if (WALLS.some((wall) => segmentHitsWall(shot.x, shot.y, x, y, wall, SHOT_RADIUS))) continue;
    const target = rewind ? struck(shot, x, y, ships, shot.lag > 0 ? (rewind(t.tick - shot.lag) ?? [...ships.values()]) : [...ships.values()]) : undefined;
    if (target === undefined) {
      out.push({ ...shot, x, y });
      continue;
    }
    hits.push({ shooter: shot.owner, target });
    damage(ships, target, t);
    const shooter = ships.get(shot.owner);
    if (shooter) ships.set(shooter.id, { ...shooter, score: shooter.score + 1 });
  }
  return { shots: out, hits };
}

/** The id of the first ship (by id) the shot's path crosses, as the shooter saw the ships. */
function struck(shot: Shot, x: number, y: number, now: ReadonlyMap<number, Ship>, seen: readonly Ship[]): number | undefined {
  for (const then of [...seen].sort((a, b) => a.id - b.id)) {
    if (then.id === shot.owner || !isAlive(then)) continue;
    const current = now.get(then.id);
    if (!current || !isAlive(current)) continue;
    if (segmentHitsCircle(shot.x, shot.y, x, y, then.x, then.y, SHIP_RADIUS + SHOT_RADIUS)) return then.id;
  }
  return undefined;
}

function damage(ships: Map<number, Ship>, id: number, t: TickInfo): void {
  const ship = ships.get(id)!;
  const hp = ship.hp - 1;
  ships.set(id, hp > 0 ? { ...ship, hp } : { ...ship, hp: 0, vx: 0, vy: 0, deaths: ship.deaths + 1, respawnTick: t.tick + ticksFor(RESPAWN_SECONDS, t.dt) });
}
