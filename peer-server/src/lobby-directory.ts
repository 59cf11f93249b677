/**
 * What the lobby API asks of wherever lobbies live: this broker's memory (local-lobbies.ts), or a
 * Redis that several brokers share (cluster/cluster-lobbies.ts).
 */

/** Why a host could not open its lobby. */
export type LobbyRefusal = 'host_not_connected' | 'not_host_owner';

/** A lobby's code, or why there is none. */
export type LobbyOpening = { readonly code: string } | { readonly refused: LobbyRefusal };

/** Lobby codes and the hosts they lead to. */
export interface LobbyDirectory {
  /**
   * Opens a lobby for a connected host, or returns the one it has. `token` must be the one the
   * host's signaling socket was opened with: only the host knows it.
   */
  open(hostPeerId: string, token: string): Promise<LobbyOpening>;
  /** The host peer id behind a code as a user typed it; undefined for unknown and malformed codes alike. */
  resolve(code: string): Promise<string | undefined>;
}
