/**
 * Every client's stream under interest management or a bandwidth budget, as the snapshot sender
 * uses them: one {@link ClientStream} per connection (a player who comes back on a new connection
 * starts a new stream, as its client starts from a full snapshot), and the world they share.
 * Streams are held weakly by their connection, so a connection that ends takes its views with it.
 */
import type { GameSchema } from '../../../protocol/schema.js';
import type { PlayerId } from '../../simulation.js';
import { ClientStream, type StreamSetup } from './client-stream.js';
import { InterestWorld } from './interest-world.js';
import type { ResolvedInterest } from './resolve-interest.js';

/** What the host gives the snapshot sender for interest and budgets. */
export interface InterestSetup {
  readonly config: ResolvedInterest;
  /** The game's `playerEntityId`: the entity a player steers, always in its view. */
  readonly playerEntityId: (playerId: PlayerId) => number | undefined;
}

/** A connection as its stream is keyed: the host's seat object. */
export interface StreamOwner {
  readonly playerId: PlayerId;
}

export class InterestStreams {
  private readonly streams = new WeakMap<StreamOwner, ClientStream>();
  private readonly setup: StreamSetup;

  constructor(schema: GameSchema, interest: InterestSetup, historyTicks: number, maxPartBytes: number) {
    const world = new InterestWorld(schema, interest.config, interest.playerEntityId);
    this.setup = { schema, config: interest.config, world, historyTicks, maxPartBytes };
  }

  /** The stream of `owner`'s connection, made on first use. */
  streamOf(owner: StreamOwner): ClientStream {
    let stream = this.streams.get(owner);
    if (!stream) {
      stream = new ClientStream(owner.playerId, this.setup);
      this.streams.set(owner, stream);
    }
    return stream;
  }
}
