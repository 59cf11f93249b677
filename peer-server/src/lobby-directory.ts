/**
 * What the lobby API asks of wherever lobbies live: this broker's memory (local-lobbies.ts), or a
 * Redis that several brokers share (cluster/cluster-lobbies.ts). The public list of lobbies lives
 * beside them (lobby-listings.ts), so the directory makes it.
 *
 * A lobby opened with host migration outlives its host's signaling socket for a while, vacated
 * (vacated-lobbies.ts), and a successor holding its takeover credential (lobby-credentials.ts)
 * takes it over: the code then leads to the successor, which owns the lobby as if it had opened it.
 */
import type { LobbyListings, ListingLimits } from './lobby-listings.js';

/** Why a host could not open its lobby. */
export type LobbyRefusal = 'host_not_connected' | 'not_host_owner';

/** A lobby's code (with its takeover credential when opened with migration), or why there is none. */
export type LobbyOpening = { readonly code: string; readonly credential?: string } | { readonly refused: LobbyRefusal };

/** What a code leads to: a host to join, a lobby whose host is gone (for now), or nothing. */
export type LobbyLookup = { readonly hostPeerId: string } | { readonly vacated: true } | undefined;

/** Who asks: a host's peer id and the token its signaling socket was opened with. */
export interface HostCredentials {
  readonly hostPeerId: string;
  readonly token: string;
}

/**
 * Why a takeover was refused. Checked in this order: a malformed code (`lobby_not_found`), the
 * successor not connected (`host_not_connected`) or not proved by its token (`not_host_owner`), no
 * lobby with migration under the code (`lobby_not_found`), a credential that is not the one for
 * the lobby's current generation (`bad_credential`), and a host still connected (`host_still_connected`).
 * So a used credential is `bad_credential` even once its successor is the connected host.
 */
export type TakeoverRefusal = 'lobby_not_found' | 'host_not_connected' | 'not_host_owner' | 'bad_credential' | 'host_still_connected';

/** A taken lobby's code and the credential for its next takeover, or why not. */
export type TakeoverOutcome = { readonly code: string; readonly credential: string } | { readonly refused: TakeoverRefusal };

/** Lobby codes and the hosts they lead to. */
export interface LobbyDirectory {
  /**
   * Opens a lobby for a connected host, or returns the one it has. `token` must be the one the
   * host's signaling socket was opened with: only the host knows it. With `migration` the lobby
   * (from now on) survives its host for a takeover, and the answer carries its current credential.
   */
  open(hostPeerId: string, token: string, migration?: boolean): Promise<LobbyOpening>;
  /** What a code as a user typed it leads to; undefined for unknown and malformed codes alike. */
  lookup(code: string): Promise<LobbyLookup>;
  /** The host peer id a code leads to now; undefined for unknown, malformed and vacated codes. */
  resolve(code: string): Promise<string | undefined>;
  /**
   * Gives vacated lobby `code` to the connected host `successor`, proved by `credential`; answers
   * with the credential for the next takeover.
   */
  takeOver(code: string, successor: HostCredentials, credential: string): Promise<TakeoverOutcome>;
  /** Makes the public list of these lobbies, kept where they are (the broker makes one). */
  listings(limits: ListingLimits): LobbyListings;
}

/** The host a lookup found, if any. */
export function hostOf(lookup: LobbyLookup): string | undefined {
  return lookup !== undefined && 'hostPeerId' in lookup ? lookup.hostPeerId : undefined;
}
