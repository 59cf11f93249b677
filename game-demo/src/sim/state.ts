/**
 * The arena's state. Everything that changes lives here and travels in snapshots; timers
 * are kept as the tick at which they run out, so a resting ship or a waiting pickup does not change
 * from tick to tick and costs no bytes in a delta snapshot.
 */
import { SHOT_SLOTS } from './rules.js';

/** One player's ship. Its entity id is its player id. */
export interface Ship {
  readonly id: number;
  readonly x: number;
  readonly y: number;
  readonly vx: number;
  readonly vy: number;
  /** Facing, radians: where shots go. */
  readonly angle: number;
  /** Hit points; 0 while destroyed. */
  readonly hp: number;
  /** Hits scored on others. */
  readonly score: number;
  /** Times destroyed. */
  readonly deaths: number;
  /** Shots fired, modulo 256: picks the next shot's id. */
  readonly shots: number;
  /** The first tick at which it may fire again. */
  readonly readyTick: number;
  /** While destroyed, the tick at which it respawns. */
  readonly respawnTick: number;
  /** Rapid fire lasts until this tick. */
  readonly rapidUntil: number;
}

/** A projectile in flight. */
export interface Shot {
  readonly id: number;
  /** The player who fired it. */
  readonly owner: number;
  readonly x: number;
  readonly y: number;
  readonly vx: number;
  readonly vy: number;
  /** The tick at which it fizzles. */
  readonly expiresTick: number;
  /** Ticks behind the host its shooter saw the others when firing: hits are judged against that past. */
  readonly lag: number;
}

/** A pickup at one of the level's spots. */
export interface Pickup {
  readonly id: number;
  /** Index into `PICKUP_SPOTS`. */
  readonly spot: number;
  /** Available from this tick on. */
  readonly readyTick: number;
}

/** The whole arena; every list is sorted by id, so every step visits things in the same order. */
export interface ArenaState {
  readonly ships: readonly Ship[];
  readonly shots: readonly Shot[];
  readonly pickups: readonly Pickup[];
}

/** Entity ids of pickups start here (ship ids are player ids, below). */
export const PICKUP_ID_BASE = 500;
/** Entity ids of shots start here. */
export const SHOT_ID_BASE = 1000;

/** The entity id of a player's `n`-th shot: its slot in the player's ring of shot ids. */
export function shotId(owner: number, n: number): number {
  return SHOT_ID_BASE + owner * SHOT_SLOTS + (n % SHOT_SLOTS);
}

/** Whether a ship is in play (not waiting to respawn). */
export function isAlive(ship: Ship): boolean {
  return ship.hp > 0;
}

/** `list` sorted by id (a new array). */
export function byId<T extends { readonly id: number }>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => a.id - b.id);
}
