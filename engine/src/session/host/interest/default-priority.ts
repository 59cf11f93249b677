/**
 * The priority an update gets when the game gives none: nearer the player first, and an entity
 * that changed more (or that the client does not have yet) before one that barely changed.
 *
 * - nearness, with a spatial interest: `2 radius / (2 radius + distance)` from the player's
 *   centre, so 1 at the player and ⅔ at the edge of its interest; 1 without one;
 * - change: 1 for an entity the client lacks; else, with positions, how far it moved since the
 *   client's copy in quarters of the radius (up to 1), otherwise the share of its wire values
 *   that changed.
 *
 * The priority is `nearness × (1 + change)`, between ⅔ and 2: every entity in a player's interest
 * stays within a factor of three of every other, and moving entities within a factor of 1.5, so
 * the accumulator serves the far ones nearly as often as the near ones.
 */
import type { QuantizedEntity } from '../../../protocol/snapshot.js';
import type { EntityPositions } from './entity-positions.js';
import type { WorldPoint } from './interest-options.js';
import type { ResolvedSpatial } from './resolve-interest.js';

function distance(a: WorldPoint, b: WorldPoint): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

function changedShare(entity: QuantizedEntity, before: QuantizedEntity): number {
  const n = entity.values.length;
  if (n === 0 || before.values.length !== n) return 1;
  let changed = 0;
  for (let i = 0; i < n; i++) if (entity.values[i] !== before.values[i]) changed++;
  return changed / n;
}

/** The default priority of updating `entity` (`before`: the client's copy) for a player centred at `centre`. */
export function defaultPriority(
  positions: EntityPositions,
  spatial: ResolvedSpatial | undefined,
  centre: WorldPoint | undefined,
  id: number,
  entity: QuantizedEntity,
  before: QuantizedEntity | undefined,
): number {
  const point = spatial ? positions.of(id, entity) : undefined;
  const nearness = spatial && point && centre ? (2 * spatial.radius) / (2 * spatial.radius + distance(point, centre)) : 1;
  if (before === undefined) return nearness * 2;
  const was = point ? positions.of(id, before) : undefined;
  const change = spatial && point && was ? Math.min(1, (4 * distance(point, was)) / spatial.radius) : changedShare(entity, before);
  return nearness * (1 + change);
}
