/** Who is in a game, as `players()` says it on the host and on a client. */
import type { PlayerId } from './simulation.js';

/** One player in the game. */
export interface PlayerInfo {
  readonly playerId: PlayerId;
  /** The name as the host normalised it: at most 24 characters, unique in the game. */
  readonly name: string;
  /** The player's connection failed and its seat waits for it to come back. */
  readonly away: boolean;
}
