/**
 * What the scene draws, read from the frame's entities: ships, shots and pickups, each with the
 * fields it needs. The scene never touches the netcode; it gets a frame and draws it.
 */
import type { ArenaEntity } from '../sim/schema.js';
import type { Ship } from '../sim/state.js';

/** A ship as the scene draws it: the sim's ship without its firing bookkeeping. */
export type ShipView = Omit<Ship, 'shots' | 'readyTick'>;

export interface ShotView {
  readonly id: number;
  readonly owner: number;
  readonly x: number;
  readonly y: number;
}

export interface PickupView {
  readonly id: number;
  readonly spot: number;
  readonly readyTick: number;
}

export interface ArenaView {
  readonly ships: ShipView[];
  readonly shots: ShotView[];
  readonly pickups: PickupView[];
}

/** Sorts a frame's entities by type. */
export function arenaView(entities: readonly ArenaEntity[]): ArenaView {
  const view: ArenaView = { ships: [], shots: [], pickups: [] };
  for (const { id, type, values } of entities) {
    if (type === 'ship') {
      const { x, y, vx, vy, angle, hp, score, deaths, respawnTick, rapidUntil } = values;
      view.ships.push({ id, x, y, vx, vy, angle, hp, score, deaths, respawnTick, rapidUntil });
    } else if (type === 'shot') {
      view.shots.push({ id, owner: values.owner, x: values.x, y: values.y });
    } else {
      view.pickups.push({ id, spot: values.spot, readyTick: values.readyTick });
    }
  }
  view.ships.sort((a, b) => a.id - b.id);
  return view;
}
