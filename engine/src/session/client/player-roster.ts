/**
 * Who is in the game, as a client knows it: itself from the welcome, everyone else from the host's
 * `playerJoined`, `playerLeft` and `playerAway`. Rebuilt at every welcome, since the host then tells
 * the client again of everyone there.
 */
import type { PlayerInfo } from '../player-info.js';
import type { PlayerId } from '../simulation.js';

export class PlayerRoster {
  private readonly players = new Map<PlayerId, PlayerInfo>();

  /** A new welcome: only this client, until the host names the others again. */
  reset(self: PlayerId, name: string): void {
    this.players.clear();
    this.players.set(self, { playerId: self, name, away: false });
  }

  join(playerId: PlayerId, name: string): void {
    this.players.set(playerId, { playerId, name, away: false });
  }

  leave(playerId: PlayerId): void {
    this.players.delete(playerId);
  }

  /** Marks a player away or back; false when the host named a player the client does not know. */
  setAway(playerId: PlayerId, away: boolean): boolean {
    const player = this.players.get(playerId);
    if (!player) return false;
    this.players.set(playerId, { ...player, away });
    return true;
  }

  /** Everyone, by player id. */
  list(): PlayerInfo[] {
    return [...this.players.values()].sort((a, b) => a.playerId - b.playerId);
  }
}
