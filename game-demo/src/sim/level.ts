/**
 * The arena's static layout: its size, walls, spawn points and pickup spots. Static data stays out
 * of the snapshots; both sides know it from this file.
 */

/** An axis-aligned wall: top-left corner and size. */
export interface Wall {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** Where and facing which way a ship (re)appears. */
export interface SpawnPoint {
  readonly x: number;
  readonly y: number;
  readonly angle: number;
}

/** The kinds of pickup. */
export const PICKUP_KINDS = ['repair', 'rapid'] as const;
export type PickupKind = (typeof PICKUP_KINDS)[number];

/** A place where a pickup of one kind appears. */
export interface PickupSpot {
  readonly x: number;
  readonly y: number;
  readonly kind: PickupKind;
}

export const ARENA_WIDTH = 960;
export const ARENA_HEIGHT = 640;

/** Interior walls. The line y = 320 is kept clear, so the first two spawns face each other. */
export const WALLS: readonly Wall[] = [
  { x: 300, y: 100, w: 40, h: 150 },
  { x: 620, y: 390, w: 40, h: 150 },
  { x: 420, y: 60, w: 120, h: 30 },
  { x: 420, y: 550, w: 120, h: 30 },
  { x: 140, y: 470, w: 120, h: 30 },
  { x: 700, y: 140, w: 120, h: 30 },
];

/** Spawn points; player `id` starts at `SPAWNS[id % 8]`. */
export const SPAWNS: readonly SpawnPoint[] = [
  { x: 100, y: 320, angle: 0 },
  { x: 860, y: 320, angle: Math.PI },
  { x: 480, y: 160, angle: Math.PI / 2 },
  { x: 480, y: 480, angle: -Math.PI / 2 },
  { x: 100, y: 80, angle: 0 },
  { x: 860, y: 560, angle: Math.PI },
  { x: 100, y: 560, angle: 0 },
  { x: 860, y: 80, angle: Math.PI },
];

/** Pickup spots; pickup `i` has entity id `PICKUP_ID_BASE + i`. */
export const PICKUP_SPOTS: readonly PickupSpot[] = [
  { x: 200, y: 200, kind: 'rapid' },
  { x: 760, y: 440, kind: 'rapid' },
  { x: 480, y: 240, kind: 'repair' },
  { x: 480, y: 400, kind: 'repair' },
];

/** The spawn point of a player who has died `deaths` times. */
export function spawnFor(playerId: number, deaths: number): SpawnPoint {
  return SPAWNS[(playerId + deaths) % SPAWNS.length]!;
}
