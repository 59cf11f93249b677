/**
 * How the arena shows on the broker's public list: one game mode, so quick play fills any open
 * arena, and a lobby named after its host.
 */
import type { PublicLobbyOptions } from 'tickwire';

/** The arena's game mode on the public list. */
export const ARENA_MODE = 'arena';

/** A public arena hosted by `hostName` (a player's, or a dedicated host's own). */
export function publicArena(hostName: string): Required<PublicLobbyOptions> {
  return { name: `${hostName}'s arena`, mode: ARENA_MODE };
}
