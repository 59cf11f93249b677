/**
 * What a host that takes a game over starts from (host migration): the state of the newest tick
 * its heir held, the seats of the host that is gone, and its own player, who played there as a
 * client. `createHost({ takeOver })` carries the game on from `tick`.
 */
import type { PlayerId } from '../simulation.js';
import type { CheckpointSeat } from './checkpoint.js';

/** Where a host that takes a game over starts from (`HostOptions.takeOver`). */
export interface TakeOver<State> {
  /** The tick `state` belongs to: the new host's ticks go on from it. */
  readonly tick: number;
  readonly state: State;
  /** The new host's own player, with the id and name it had. */
  readonly hostPlayer: { readonly playerId: PlayerId; readonly name: string };
  /** The player of the host that is gone, taken out of the game as the new host starts. */
  readonly formerHostPlayerId: PlayerId | undefined;
  /**
   * Players in the game whose seats the heir does not hold (they joined after its newest
   * checkpoint): taken out of the game as the new host starts, to join it again as new players.
   */
  readonly unseated: readonly PlayerId[];
  /** Every other player's seat, kept for it to come back to with its token. */
  readonly seats: readonly CheckpointSeat[];
  /**
   * The reliable game messages the new host's own player had sent the old host that its game had
   * not seen, encoded: the new host's game is handed them (`message` events from its own player)
   * at its first tick, so they are not lost with the old host.
   */
  readonly ownMessages: readonly Uint8Array[];
}
