import type { NetError } from '../core/net-error.js';
import type { LeaveReason } from '../transport/transport.js';
import type { MessageOf, MessageTypes } from './message-declaration.js';
import type { PlayerId } from './simulation.js';


/**
 * Which of the game's functions threw: one of its `Simulation`'s, `snapshot` when its state could
 * not be split into snapshot messages (more parts than a snapshot may have), or `listener` for a
 * listener of one of the engine's events.
 */
export type GameCallback =
  | 'initialState'
  | 'step'
  | 'toEntities'
  | 'fromEntities'
  | 'addPlayer'
  | 'removePlayer'
  | 'saveState'
  | 'loadState'
  | 'playerEntityId'
  | 'snapshot'
  | 'listener';

/** The game's code threw inside the engine's loop, and the loop went on without its result. */
export interface GameErrorEvent {
  /** A `NetError` with the code `game_error`: the message says what threw, `cause` is what was thrown. */
  readonly error: NetError;
  /** The tick being computed: on the host the one being simulated, on a client the one predicted or reconciled. */
  readonly tick: number;
  /** Which function threw. */
  readonly callback: GameCallback;
}

/** Why a host or client stopped its loop by itself. */
export interface StoppedEvent {
  /** `game_errors`: one of the game's functions threw on 10 calls in a row. */
  readonly reason: 'game_errors';
  /** What happened, for the log. */
  readonly message: string;
}

/** The events of a {@link Host}, by name: `host.on(name, listener)`. */
export interface HostEvents<Messages extends MessageTypes = MessageTypes> {
  /** A player is in the game (after the handshake). */
  playerJoined: { readonly playerId: PlayerId; readonly name: string };
  /** A player left the game. */
  playerLeft: { readonly playerId: PlayerId; readonly reason: LeaveReason };
  /** A player's connection failed; its seat is kept for it until the reconnect window passes. */
  playerAway: { readonly playerId: PlayerId; readonly reason: LeaveReason };
  /** A player whose connection failed came back on a new one, as itself. */
  playerReturned: { readonly playerId: PlayerId; readonly name: string };
  /**
   * A game message from a player, typed by its name. Plain data from another machine: declare the
   * message with a check (`message.reliable(isChat)`) to have it checked before it gets here.
   */
  message: MessageOf<Messages> & { readonly from: PlayerId };
  /** A connection was turned away at the handshake. */
  refused: { readonly peerId: string; readonly reason: string; readonly message: string };
  /** One authoritative tick was simulated. */
  tick: { readonly tick: number };
  /**
   * The game's code threw. The tick went on without what it would have done: a `step`,
   * `toEntities` or `fromEntities` that threw leaves the state as it was, and the tick still counts
   * and its snapshot still goes out, so the other players see no freeze.
   */
  error: GameErrorEvent;
  /** The host stopped ticking by itself (the connections stay open); `start()` ticks again. */
  stopped: StoppedEvent;
  /** `close()` ended the game: every connection is closed. */
  closed: Record<string, never>;
}

/**
 * The events of a {@link Client}, by name: `client.on(name, listener)`. `Hosted` is what
 * `becameHost` hands over: the client's own `GameHost` type.
 */
export interface ClientEvents<Messages extends MessageTypes = MessageTypes, Hosted = unknown> {
  /** The host let this client in. */
  joined: { readonly playerId: PlayerId };
  /** The host turned this client away; the link closes. */
  refused: { readonly reason: string; readonly message: string };
  /** Another player joined (also sent once for every player already there). */
  playerJoined: { readonly playerId: PlayerId; readonly name: string };
  /** Another player left. */
  playerLeft: { readonly playerId: PlayerId; readonly reason: string };
  /** Another player's connection failed; the host keeps its seat for it to come back. */
  playerAway: { readonly playerId: PlayerId };
  /** Another player whose connection failed came back. */
  playerReturned: { readonly playerId: PlayerId };
  /** A complete snapshot was applied. */
  snapshot: { readonly tick: number; readonly bytes: number };
  /** The host disagreed with a prediction; `size` is the distance between the two. */
  correction: { readonly tick: number; readonly size: number };
  /** A game message from the host, typed by its name. */
  message: MessageOf<Messages>;
  /** The link to the host ended, for good. */
  disconnected: LeaveReason;
  /** The link failed and the client is trying to come back (`attempt` counts from 1). */
  reconnecting: { readonly reason: LeaveReason; readonly attempt: number };
  /**
   * The client is back on a new link. `resumed`: as the same player, its seat kept; otherwise the
   * seat was gone and it joined as a new player. `playerJoined` follows again for everyone there.
   */
  reconnected: { readonly playerId: PlayerId; readonly resumed: boolean };
  /**
   * The game's code threw while the client predicted or reconciled. A predicted tick whose `step`
   * threw keeps the state it had; a snapshot whose `fromEntities` threw is not reconciled against
   * (it is still drawn and acknowledged). The frames go on.
   */
  error: GameErrorEvent;
  /** The client stopped its frames by itself (the link stays open); `start()` runs them again. */
  stopped: StoppedEvent;
  /**
   * Host migration: the host is gone (`reason`), and `successor` takes the game over. When `you`,
   * this client is the one, and `becameHost` follows; otherwise it rejoins the new host as the same
   * player, and `hostMigrated` follows (or `disconnected`, when no host takes over in time).
   */
  hostMigrating: { readonly reason: LeaveReason; readonly formerHost: PlayerId | undefined; readonly successor: PlayerId; readonly you: boolean };
  /**
   * The client is back in the game under its new host, as the same player. `ticksLost`: ticks this
   * client had seen of the old host that the new one did not carry on from (the game went back that far).
   */
  hostMigrated: { readonly playerId: PlayerId; readonly hostPlayerId: PlayerId | undefined; readonly ticksLost: number };
  /**
   * This client hosts the game now: `host` runs it on from where it was, with this player as its
   * own; the client itself has ended (no `disconnected` follows). `ticksLost` as in `hostMigrated`.
   */
  becameHost: { readonly host: Hosted; readonly ticksLost: number };
}
