/**
 * The world as interest sees it at one snapshot tick, shared by every client's stream: the entities
 * placed in the spatial grid, the ones every player is sent, and for each player the set of ids it
 * may be sent. It is brought up to date once per snapshot (the first client's stream of a tick does
 * it) and then answers every client of that tick.
 *
 * A player is always sent its own entity (`playerEntityId`): its client predicts it. With a spatial
 * interest the centre is that entity's position, or the last one it had; with a rule, the rule
 * decides everything else; with neither (a bandwidth budget alone), every entity is relevant.
 */
import type { GameSchema } from '../../../protocol/schema.js';
import type { QuantizedSnapshot } from '../../../protocol/snapshot.js';
import type { PlayerId } from '../../simulation.js';
import { EntityPositions } from './entity-positions.js';
import type { WorldPoint } from './interest-options.js';
import type { ResolvedInterest } from './resolve-interest.js';
import { SpatialGrid } from './spatial-grid.js';

/** What interest remembers of one player between ticks. */
export interface ViewerMemory {
  /** Where the player's entity last was. */
  centre: WorldPoint | undefined;
}

export class InterestWorld {
  readonly positions: EntityPositions;
  private readonly grid: SpatialGrid | undefined;
  private snapshot: QuantizedSnapshot = new Map();
  /** Ids sent to every player: no position, or `alwaysRelevant`. */
  private everyone: number[] = [];

  constructor(
    schema: GameSchema,
    private readonly config: ResolvedInterest,
    private readonly playerEntityId: (playerId: PlayerId) => number | undefined,
  ) {
    this.positions = new EntityPositions(schema, config.spatial?.position);
    this.grid = config.spatial ? new SpatialGrid(config.spatial.cellSize) : undefined;
  }

  /** Brings the grid up to date with `snapshot`; does nothing when it is the one already seen. */
  observe(snapshot: QuantizedSnapshot): void {
    if (snapshot === this.snapshot) return;
    this.snapshot = snapshot;
    const { grid } = this;
    if (!grid) return;
    const always = this.config.spatial?.alwaysRelevant;
    const everyone: number[] = [];
    for (const [id, entity] of snapshot) {
      const point = this.positions.of(id, entity);
      if (point) grid.set(id, point);
      else grid.delete(id);
      if (!point || always?.(this.positions.entity(id, entity))) everyone.push(id);
    }
    for (const id of [...grid.ids()]) if (!snapshot.has(id)) grid.delete(id);
    this.everyone = everyone;
  }

  /** The player's own entity id, when it has one in the current snapshot. */
  ownEntity(playerId: PlayerId): number | undefined {
    const id = this.playerEntityId(playerId);
    return id !== undefined && this.snapshot.has(id) ? id : undefined;
  }

  /** Where the player's view is centred: its entity's position, else the last one remembered. */
  centre(playerId: PlayerId, memory: ViewerMemory): WorldPoint | undefined {
    const own = this.ownEntity(playerId);
    const point = own === undefined ? undefined : this.positions.of(own, this.snapshot.get(own)!);
    if (point) memory.centre = point;
    return memory.centre;
  }

  /** The ids of the current snapshot that `playerId` may be sent. */
  relevantTo(playerId: PlayerId, memory: ViewerMemory): Set<number> {
    const { snapshot, config } = this;
    const ids = new Set<number>();
    if (config.spatial && this.grid) {
      for (const id of this.everyone) ids.add(id);
      const centre = this.centre(playerId, memory);
      if (centre) this.grid.query(centre, config.spatial.radius, (id) => ids.add(id));
    } else if (config.filter) {
      const filter = config.filter;
      for (const [id, entity] of snapshot) if (filter(this.positions.entity(id, entity), playerId)) ids.add(id);
    } else {
      for (const id of snapshot.keys()) ids.add(id);
    }
    const own = this.ownEntity(playerId);
    if (own !== undefined) ids.add(own);
    return ids;
  }
}
