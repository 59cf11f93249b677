/**
 * What the scene draws, read from entity views: ships, shots and pickups with their values as
 * numbers. The scene never touches the netcode; it gets a frame and draws it.
 */
import type { EntityView } from 'tickwire';
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

function n(entity: EntityView, name: string): number {
  const v = entity.values[name];
  return typeof v === 'number' ? v : 0;
}

/** Sorts a frame's entities by type, with the fields each needs as numbers. */
export function arenaView(entities: readonly EntityView[]): ArenaView {
  const view: ArenaView = { ships: [], shots: [], pickups: [] };
  for (const e of entities) {
    if (e.type === 'ship') {
      view.ships.push({
        id: e.id,
        x: n(e, 'x'),
        y: n(e, 'y'),
        vx: n(e, 'vx'),
        vy: n(e, 'vy'),
        angle: n(e, 'angle'),
        hp: n(e, 'hp'),
        score: n(e, 'score'),
        deaths: n(e, 'deaths'),
        respawnTick: n(e, 'respawnTick'),
        rapidUntil: n(e, 'rapidUntil'),
      });
    } else if (e.type === 'shot') {
      view.shots.push({ id: e.id, owner: n(e, 'owner'), x: n(e, 'x'), y: n(e, 'y') });
    } else if (e.type === 'pickup') {
      view.pickups.push({ id: e.id, spot: n(e, 'spot'), readyTick: n(e, 'readyTick') });
    }
  }
  view.ships.sort((a, b) => a.id - b.id);
  return view;
}
