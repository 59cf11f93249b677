/**
 * The few shapes the arena needs: circles (ships, shots, pickups) against axis-aligned walls, and
 * a moving point (a shot during one tick) against circles and walls, tested along its whole path
 * so a fast shot cannot pass through a thin target between two ticks.
 */
import type { Wall } from './level.js';

/** A circle pushed out of a wall, and which axes the push was along. */
export interface PushOut {
  readonly x: number;
  readonly y: number;
  /** The push was (mostly) along x: the ship's x velocity should stop. */
  readonly blockedX: boolean;
  readonly blockedY: boolean;
}

/** Moves a circle of radius `r` at (x, y) out of `wall`, along the shortest way. */
export function pushOutOfWall(x: number, y: number, r: number, wall: Wall): PushOut {
  const nearestX = Math.min(Math.max(x, wall.x), wall.x + wall.w);
  const nearestY = Math.min(Math.max(y, wall.y), wall.y + wall.h);
  const dx = x - nearestX;
  const dy = y - nearestY;
  const distance = Math.hypot(dx, dy);
  if (distance >= r) return { x, y, blockedX: false, blockedY: false };
  if (distance > 0) {
    const push = r - distance;
    return { x: x + (dx / distance) * push, y: y + (dy / distance) * push, blockedX: Math.abs(dx) >= Math.abs(dy), blockedY: Math.abs(dy) > Math.abs(dx) };
  }
  // The centre is inside the wall: leave by the nearest side.
  const exits = [
    { d: x - wall.x, x: wall.x - r, y, blockedX: true },
    { d: wall.x + wall.w - x, x: wall.x + wall.w + r, y, blockedX: true },
    { d: y - wall.y, x, y: wall.y - r, blockedX: false },
    { d: wall.y + wall.h - y, x, y: wall.y + wall.h + r, blockedX: false },
  ];
  const best = exits.reduce((a, b) => (b.d < a.d ? b : a));
  return { x: best.x, y: best.y, blockedX: best.blockedX, blockedY: !best.blockedX };
}

/** Whether the segment from (x0, y0) to (x1, y1) comes within `r` of (cx, cy). */
export function segmentHitsCircle(x0: number, y0: number, x1: number, y1: number, cx: number, cy: number, r: number): boolean {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const lengthSq = dx * dx + dy * dy;
  const t = lengthSq === 0 ? 0 : Math.min(1, Math.max(0, ((cx - x0) * dx + (cy - y0) * dy) / lengthSq));
  return Math.hypot(x0 + t * dx - cx, y0 + t * dy - cy) <= r;
}

/** Whether the segment from (x0, y0) to (x1, y1) touches `wall` grown by `r` on every side (slab test). */
export function segmentHitsWall(x0: number, y0: number, x1: number, y1: number, wall: Wall, r: number): boolean {
  let enter = 0;
  let exit = 1;
  const axes: readonly [number, number, number, number][] = [
    [x0, x1 - x0, wall.x - r, wall.x + wall.w + r],
    [y0, y1 - y0, wall.y - r, wall.y + wall.h + r],
  ];
  for (const [start, delta, min, max] of axes) {
    if (delta === 0) {
      if (start < min || start > max) return false;
      continue;
    }
    const a = (min - start) / delta;
    const b = (max - start) / delta;
    enter = Math.max(enter, Math.min(a, b));
    exit = Math.min(exit, Math.max(a, b));
    if (enter > exit) return false;
  }
  return true;
}

/** The turn from angle `from` to angle `to` the short way round, in (-π, π]. */
export function turnBetween(from: number, to: number): number {
  const turn = (((to - from) % (2 * Math.PI)) + 3 * Math.PI) % (2 * Math.PI) - Math.PI;
  return turn === -Math.PI ? Math.PI : turn;
}
