/** What `createClient` takes: the game, its link to the host, and the tunables. */
import type { Clock } from '../../core/clock.js';
import type { GameSchema } from '../../protocol/schema.js';
import type { ClientTransport } from '../../transport/transport.js';
import type { MessageTypes, NoMessages } from '../message-declaration.js';
import type { ClientTunables, ValueCheckOptions } from '../options.js';
import type { Simulation } from '../simulation.js';
import type { GameHost } from '../game-host.js';
import type { Succession } from '../migration/succession.js';

/** What `createClient` takes: the game, the link to the host, and the tunables. */
export interface ClientOptions<State, Schema extends GameSchema = GameSchema, Messages extends MessageTypes = NoMessages>
  extends Partial<ClientTunables>,
    ValueCheckOptions {
  readonly simulation: Simulation<State, Schema>;
  readonly transport: ClientTransport;
  /** Drives the client's frames (default: the system clock). */
  readonly clock?: Clock;
  /**
   * The name the player asks for: at most 32 UTF-16 units are sent, and the host has the last word
   * (controls removed, at most 24 characters, a suffix such as ` (2)` when the name is taken).
   */
  readonly name?: string;
  /** The game's message types; the same declaration as the host's. */
  readonly messages?: Messages;
  /**
   * `false` for a client that steers nothing of its own (a spectator): it predicts nothing and
   * draws every entity interpolated. Default `true`: the entity `playerEntityId` names is predicted.
   */
  readonly predict?: boolean;
  /**
   * The game's own version, at most 64 characters (default `''`): the host refuses a client whose
   * version, schema or message types differ from its own (`schema_mismatch`, saying what differs).
   */
  readonly version?: string;
  /** How often the client runs a frame, in ms (default 8). */
  readonly frameMs?: number;
  /** The host counts as gone after this long without a message, in ms (default 10 000). */
  readonly hostTimeoutMs?: number;
  /**
   * Opens a new link to the same host (for PeerJS, `() => joinPeerLobby(sameOptions)`). With it, a
   * client whose connection fails tries to come back, as the same player, for as long as the host
   * keeps its seat (`reconnecting`, then `reconnected` or `disconnected`); without it, the failure
   * ends the client (`disconnected`).
   */
  readonly reconnect?: () => Promise<ClientTransport>;
  /**
   * Host migration: turns this client into the game's host when the host is gone and it is next
   * (`joinGame` sets it: a new host on the broker that takes the lobby over). Without it the
   * client never takes a game over, and only rejoins whoever does.
   */
  readonly succession?: (succession: Succession<State>) => Promise<GameHost<State, Schema, Messages>>;
  /**
   * When the host names heirs (host migration), a host silent for this long counts as gone, in ms
   * (default 1500): sooner than `hostTimeoutMs`, since the game goes on without it.
   */
  readonly hostSilenceMs?: number;
  /**
   * A float in [0, 1) for the jitter of the reconnect backoff (default `Math.random`): each wait
   * falls between 0.25 s, 0.5 s, 1 s or 2 s and twice that. Pass a seeded one for a repeatable test.
   */
  readonly random?: () => number;
}
