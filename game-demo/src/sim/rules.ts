/**
 * The numbers that make the arena game play the way it does. Durations are in seconds and become
 * whole ticks at the session's tick rate (see `ticksFor`), so the rules read the same at 20, 30 or
 * 60 Hz and both sides of the network count them identically.
 */

/** Ship radius in arena units (one unit is one pixel at 100% zoom). */
export const SHIP_RADIUS = 14;
/** Top speed of a ship, units per second. */
export const SHIP_SPEED = 220;
/** How quickly a ship's velocity approaches the wanted one: the fraction per second (capped at 1 per tick). */
export const SHIP_RESPONSE = 10;
/** Below this speed, with no key held, a ship stops dead (so it really comes to rest). */
export const SHIP_REST_SPEED = 4;
/** How fast a ship turns to face where it is going, radians per second. */
export const SHIP_TURN_RATE = 9;
/** Hit points of a fresh ship. */
export const SHIP_HP = 3;
/** Seconds a destroyed ship waits before it respawns. */
export const RESPAWN_SECONDS = 2;

/** Seconds between two shots. */
export const FIRE_COOLDOWN_SECONDS = 0.3;
/** Seconds between two shots while the rapid-fire pickup lasts. */
export const RAPID_COOLDOWN_SECONDS = 0.12;
/** How long the rapid-fire pickup lasts. */
export const RAPID_SECONDS = 6;
/** Shot speed, units per second. */
export const SHOT_SPEED = 640;
/** Seconds a shot flies before it fizzles. */
export const SHOT_SECONDS = 1.3;
/** Shot radius for hit tests. */
export const SHOT_RADIUS = 4;
/** Shot slots per player: a player's shot ids are reused in this ring (more than can fly at once). */
export const SHOT_SLOTS = 16;

/** Pickup radius for touch tests. */
export const PICKUP_RADIUS = 12;
/** Seconds before a taken pickup comes back. */
export const PICKUP_RESPAWN_SECONDS = 8;

/** The most ticks of lag compensation a shot carries (the engine's rewind window is tighter: 300 ms). */
export const MAX_VIEW_LAG_TICKS = 63;

/** A duration in whole ticks of `dt` seconds, at least one. */
export function ticksFor(seconds: number, dt: number): number {
  return Math.max(1, Math.round(seconds / dt));
}
