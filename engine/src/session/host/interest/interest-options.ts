/**
 * What a game tells the host about who sees what and how much each client may be sent: the
 * `interest`, `bandwidth` and `priority` options of `createHost`.
 *
 * - **Interest** decides which entities each player's snapshots carry at all. Either a spatial
 *   grid with a radius around the player's own entity (the entity `playerEntityId` names), or a
 *   rule of the game's own. An entity that leaves a player's interest is removed on that client,
 *   and one that enters is sent in full, as if spawned.
 * - **Bandwidth** caps each client's snapshot, in bytes per snapshot or kbps; the entities that need
 *   an update are ranked by an accumulated **priority**, so what was left out goes first next time.
 *
 * Without any of them every client is sent the whole world, exactly as before.
 */
import type { EntityOf, GameSchema } from '../../../protocol/schema.js';
import type { PlayerId } from '../../simulation.js';

/** A point of the game's world, in the units of its position fields. */
export interface WorldPoint {
  readonly x: number;
  readonly y: number;
}

/**
 * Interest by distance: a player is sent the entities within `radius` of its own entity (its
 * `playerEntityId`), found through a grid of square cells. Its own entity, entities without a
 * position and those `alwaysRelevant` accepts are sent wherever they are. A player whose entity is
 * gone (dead, not spawned yet) keeps the centre its entity last had; with none ever, it is sent
 * only what is sent to everyone.
 */
export interface SpatialInterest<Schema extends GameSchema = GameSchema> {
  /** Entities at most this far from the player's entity are sent to it, in world units (> 0). */
  readonly radius: number;
  /** The side of a grid cell, in world units (default: the radius). */
  readonly cellSize?: number;
  /**
   * Where an entity is (default: its fields `x` and `y`, for types that have both as numbers).
   * `undefined`, or a coordinate that is not finite, means it has no place: it is sent to everyone.
   */
  readonly position?: (entity: EntityOf<Schema>) => WorldPoint | undefined;
  /** True for an entity every player is sent wherever it is (a flag, a scoreboard). */
  readonly alwaysRelevant?: (entity: EntityOf<Schema>) => boolean;
}

/** The game's own rule: true when `playerId` is sent `entity`. The player's own entity is always sent. */
export type RelevanceFilter<Schema extends GameSchema = GameSchema> = (entity: EntityOf<Schema>, playerId: PlayerId) => boolean;

/** What each player is sent: by distance ({@link SpatialInterest}) or by the game's rule ({@link RelevanceFilter}). */
export type InterestOptions<Schema extends GameSchema = GameSchema> = SpatialInterest<Schema> | RelevanceFilter<Schema>;

/**
 * The most each client's snapshot may take, headers included (msgpack payload bytes): per snapshot,
 * or in kbps at the host's snapshot rate (`kbps * 1000 / 8 / snapshotRate` bytes each).
 */
export type BandwidthBudget = { readonly bytesPerSnapshot: number } | { readonly kbps: number };

/**
 * How much an update of `entity` matters to `playerId` now, a finite number ≥ 0 (higher goes
 * first). It is added up over the snapshots that leave the entity out and starts again from 0 when
 * it is sent, so nothing waits forever; a priority below 0.001 counts as 0.001.
 */
export type EntityPriority<Schema extends GameSchema = GameSchema> = (entity: EntityOf<Schema>, playerId: PlayerId) => number;

/** The host options of this folder, as `HostOptions` extends them. */
export interface InterestHostOptions<Schema extends GameSchema = GameSchema> {
  /**
   * What each player is sent (default: everything). `{ radius: 2000 }` sends the entities within
   * 2000 units of the player's entity; a function `(entity, playerId) => boolean` decides alone.
   */
  readonly interest?: InterestOptions<Schema>;
  /** A cap on each client's snapshot bytes (default: none): `{ kbps: 64 }` or `{ bytesPerSnapshot: 300 }`. */
  readonly bandwidth?: BandwidthBudget;
  /**
   * With `bandwidth`: how much an update matters (see {@link EntityPriority}). Default: nearer the
   * player's entity first (with a spatial `interest`: 1 at the player, ½ at the radius), and an
   * entity that moved further since the client's copy (or that the client lacks) before one that
   * barely moved.
   */
  readonly priority?: EntityPriority<Schema>;
}
