import type { LeaveReason } from '../transport/transport.js';
import type { PlayerId } from './simulation.js';

/** A game message as it arrives. */
export interface ReceivedGameMessage {
  /** The message type's name, as declared in the `messages` option. */
  readonly type: string;
  /** Plain data; check it before use (it came from another machine). */
  readonly payload: unknown;
}

export interface HostEvents {
  /** A player is in the game (after the handshake). */
  playerJoined: { readonly playerId: PlayerId; readonly name: string };
  /** A player left the game. */
  playerLeft: { readonly playerId: PlayerId; readonly reason: LeaveReason };
  /** A player's connection failed; its seat is kept for it until the reconnect window passes. */
  playerAway: { readonly playerId: PlayerId; readonly reason: LeaveReason };
  /** A player whose connection failed came back on a new one, as itself. */
  playerReturned: { readonly playerId: PlayerId; readonly name: string };
  /** A game message from a player. */
  message: ReceivedGameMessage & { readonly from: PlayerId };
  /** A connection was turned away at the handshake. */
  refused: { readonly peerId: string; readonly reason: string; readonly message: string };
  /** One authoritative tick was simulated. */
  tick: { readonly tick: number };
}

export interface ClientEvents {
  /** The host let this client in. */
  joined: { readonly playerId: PlayerId };
  /** The host turned this client away; the link closes. */
  refused: { readonly reason: string; readonly message: string };
  /** Another player joined (also sent once for every player already there). */
  playerJoined: { readonly playerId: PlayerId; readonly name: string };
  /** Another player left. */
  playerLeft: { readonly playerId: PlayerId; readonly reason: string };
  /** A complete snapshot was applied. */
  snapshot: { readonly tick: number; readonly bytes: number };
  /** The host disagreed with a prediction; `size` is the distance between the two. */
  correction: { readonly tick: number; readonly size: number };
  /** A game message from the host. */
  message: ReceivedGameMessage;
  /** The link to the host ended, for good. */
  disconnected: LeaveReason;
  /** The link failed and the client is trying to come back (`attempt` counts from 1). */
  reconnecting: { readonly reason: LeaveReason; readonly attempt: number };
  /**
   * The client is back on a new link. `resumed`: as the same player, its seat kept; otherwise the
   * seat was gone and it joined as a new player. `playerJoined` follows again for everyone there.
   */
  reconnected: { readonly playerId: PlayerId; readonly resumed: boolean };
}
