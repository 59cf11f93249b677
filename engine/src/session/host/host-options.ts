/** What `createHost` takes: the game, its transport, and the limits it holds its clients to. */
import type { Clock } from '../../core/clock.js';
import type { GameSchema } from '../../protocol/schema.js';
import type { ChannelName } from '../../transport/channels.js';
import type { HostTransport } from '../../transport/transport.js';
import type { MessageTypes, NoMessages } from '../message-declaration.js';
import type { HostTunables, ValueCheckOptions } from '../options.js';
import type { Simulation } from '../simulation.js';
import type { CheckpointListing } from '../migration/checkpoint.js';
import type { TakeOver } from '../migration/take-over.js';
import type { BackpressureLimits } from './backpressure.js';
import type { InterestHostOptions } from './interest/interest-options.js';
import type { RateLimit } from './rate-limits.js';

/**
 * What `createHost` takes: the game, the transport, the tunables, the limits on clients, and what
 * each client is sent (`interest`, `bandwidth`, `priority`: see {@link InterestHostOptions}).
 */
export interface HostOptions<State, Schema extends GameSchema = GameSchema, Messages extends MessageTypes = NoMessages>
  extends Partial<HostTunables>,
    ValueCheckOptions,
    InterestHostOptions<Schema> {
  readonly simulation: Simulation<State, Schema>;
  readonly transport: HostTransport;
  /** Drives the tick (default: the system clock). */
  readonly clock?: Clock;
  /**
   * The host's own player, id 0, with this name (normalised as every player's is); `false` for a
   * host that only serves. Default `{ name: 'host' }`.
   */
  readonly hostPlayer?: { readonly name: string } | false;
  /**
   * The game's message types, each with its delivery mode and payload type, the same on both
   * sides: `{ chat: message.reliable<{ text: string }>(), aim: 'sequenced' }`.
   */
  readonly messages?: Messages;
  /**
   * The game's own version, at most 64 characters (default `''`): a client whose `version` differs
   * is refused with `schema_mismatch`, as is one whose schema or message types differ.
   */
  readonly version?: string;
  /** How far back `rewind` in the step context reaches, in ms (default 300). */
  readonly maxRewindMs?: number;
  /** A client silent for this long is disconnected, in ms (default 10 000). */
  readonly peerTimeoutMs?: number;
  /**
   * A new connection not let in within this long, in ms, is refused (`handshake_timeout`) and
   * disconnected; its pings do not extend it (default 5000, 100 to 60 000).
   */
  readonly handshakeTimeoutMs?: number;
  /**
   * How long the seat of a client whose connection failed is kept for it to come back to, in ms
   * (default 10 000; 0 frees it at once). A clean leave or a kick frees it at once.
   */
  readonly reconnectWindowMs?: number;
  /** Messages per second each client may send per channel (defaults in `DEFAULT_RATE_LIMITS`). */
  readonly rateLimits?: Partial<Record<ChannelName, RateLimit>>;
  /**
   * Refused messages (over the rate limit, invalid, or before the hello) after which a client is
   * disconnected (default 100).
   */
  readonly maxStrikes?: number;
  /** When sends to a slow client are skipped, and when it is dropped (defaults in `DEFAULT_BACKPRESSURE`). */
  readonly backpressure?: Partial<BackpressureLimits>;
  /**
   * The game goes on when the host goes (default false): the host names its heirs to every client
   * and sends the first of them checkpoints of the game, and when it leaves (`leave()`), closes its
   * page or crashes, the successor hosts the game from where it was and the others rejoin it as the
   * same players. The state must be plain data, or the simulation must have `saveState` and
   * `loadState`. A host that only serves (`hostPlayer: false`) cannot migrate.
   */
  readonly hostMigration?: boolean;
  /** With `hostMigration`: what the broker asks of an heir that takes the lobby over (`hostGame` sets it). */
  readonly migrationCredential?: () => string;
  /**
   * With `hostMigration`: the name and game mode the lobby is on the broker's public list under,
   * undefined while it is not listed; an heir that takes the lobby over lists it again under them
   * (`hostGame` sets it when given `public`).
   */
  readonly migrationListing?: () => CheckpointListing | undefined;
  /** Carries on a game whose host is gone, from what its heir held (see `Client`'s `becameHost`). */
  readonly takeOver?: TakeOver<State>;
}
