/**
 * The public lobby list, as the lobby API asks it of wherever lobbies live: this broker's memory
 * (local-listings.ts), or the Redis that brokers share (cluster/cluster-listings.ts).
 *
 * A host lists its own lobby (proved as registration proves it: its peer id and the token its
 * signaling socket was opened with), under a name and a game mode, with its players and seats. A
 * listing lasts `ttlMs` unless the host lists it again, and goes with its lobby, so a dead host, a
 * restarted broker or an emptied Redis leaves nothing behind for long.
 *
 * Only lobbies with a free seat are shown, fullest first: most players, then fewest free seats,
 * then by code. Each open listing has a rank string that sorts in that order
 * (`listingRank`): stores keep them sorted, a page continues after the last one it gave (its
 * cursor), and quick join takes the first. Quick join also counts a seat taken in the lobby it
 * picks, until the host's next listing says how many really joined, so players who quick-join at
 * once spread over lobbies instead of all aiming at the last free seat of one.
 */
import { LOBBY_CODE_ALPHABET, LOBBY_CODE_LENGTH } from './lobby-codes.js';

/** What a host says about its lobby, checked (listing-fields.ts). */
export interface ListingFields {
  /** Shown in lists; normalised, 1 to `MAX_LISTING_NAME` characters. */
  readonly name: string;
  /** What quick join matches: 1 to 32 of `a-z 0-9 . _ -`, starting with a letter or digit. */
  readonly mode: string;
  /** Players in the lobby now, 0 to `seats`. */
  readonly players: number;
  /** Players the lobby takes, 1 to `MAX_LISTING_SEATS`. */
  readonly seats: number;
}

/** Who asks: a host's peer id and the token its signaling socket was opened with. */
export interface ListingCredentials {
  readonly hostPeerId: string;
  readonly token: string;
}

/** A listed lobby as anyone may see it. */
export interface PublicLobby extends ListingFields {
  readonly code: string;
}

/** One page of the list, and where the next one starts (none when this is the last). */
export interface LobbyPage {
  readonly lobbies: readonly PublicLobby[];
  readonly next: string | undefined;
}

/** What a page asks for. */
export interface PageQuery {
  /** Only lobbies of this mode; all modes when undefined. */
  readonly mode: string | undefined;
  /** The `next` of the page before; from the start when undefined. */
  readonly after: string | undefined;
  /** Lobbies on the page, 1 to `MAX_PAGE_LIMIT`. */
  readonly limit: number;
}

/** The lobby quick join picked. */
export interface QuickJoinPick {
  readonly code: string;
  readonly hostPeerId: string;
}

/** Why a listing (or unlisting) was refused. */
export type ListingRefusal = 'lobby_not_found' | 'host_not_connected' | 'not_host_owner' | 'too_many_listings';

/** Done, or why not. */
export type ListingOutcome = { readonly done: true } | { readonly refused: ListingRefusal };

/** How long listings last and how many there may be. */
export interface ListingLimits {
  /** A listing that is not listed again within this goes (ms). */
  readonly ttlMs: number;
  /** Listings held at once (over all brokers sharing a Redis); more are refused. */
  readonly maxListings: number;
}

/** Half a minute: hosts list again every third of it, so one lost refresh costs nothing. */
export const DEFAULT_LISTING_LIMITS: ListingLimits = Object.freeze({ ttlMs: 30_000, maxListings: 10_000 });

/** `limits` over the defaults, checked as strictly as the broker's settings are. */
export function resolveListingLimits(limits: Partial<ListingLimits>): ListingLimits {
  const { ttlMs, maxListings } = { ...DEFAULT_LISTING_LIMITS, ...limits };
  if (!Number.isInteger(ttlMs) || ttlMs < 100 || ttlMs > 3_600_000) throw new Error(`listing option "ttlMs" must be an integer from 100 to 3600000, got ${String(ttlMs)}`);
  if (!Number.isInteger(maxListings) || maxListings < 0 || maxListings > 1_000_000) {
    throw new Error(`listing option "maxListings" must be an integer from 0 to 1000000, got ${String(maxListings)}`);
  }
  return { ttlMs, maxListings };
}

/** The most seats a listing may claim; well above any browser host's upload. */
export const MAX_LISTING_SEATS = 256;

/** The longest lobby name, in code points after normalising. */
export const MAX_LISTING_NAME = 48;

/** Lobbies on one page at most; a larger `limit` is cut to this. */
export const MAX_PAGE_LIMIT = 100;

/** The public list of lobbies; see the file comment. */
export interface LobbyListings {
  /** How long a listing lasts without being listed again (ms). */
  readonly ttlMs: number;
  /** Lists `code` (or updates its listing) for its host. */
  list(code: string, credentials: ListingCredentials, fields: ListingFields): Promise<ListingOutcome>;
  /** Takes `code` off the list; done also when it was not listed. */
  unlist(code: string, credentials: ListingCredentials): Promise<ListingOutcome>;
  /** A page of open lobbies, fullest first. */
  page(query: PageQuery): Promise<LobbyPage>;
  /** The fullest open lobby of `mode` (of any mode when undefined), with a seat counted for the caller; undefined when none is open. */
  quickJoin(mode: string | undefined): Promise<QuickJoinPick | undefined>;
}

const pad3 = (n: number): string => String(n).padStart(3, '0');

/**
 * The rank of an open listing: sorts before another exactly when that lobby comes first in the
 * list (more players, then fewer free seats, then the code). Cluster scripts build the same string.
 */
export function listingRank(code: string, players: number, seats: number): string {
  return `${pad3(999 - players)}${pad3(seats - players)}:${code}`;
}

/** The code in a rank. */
export function rankCode(rank: string): string {
  return rank.slice(rank.indexOf(':') + 1);
}

const RANK_PATTERN = new RegExp(`^\\d{6}:[${LOBBY_CODE_ALPHABET}]{${LOBBY_CODE_LENGTH}}$`);

/** Whether `text` can be a rank this broker gave out as a cursor. */
export function isRank(text: string): boolean {
  return RANK_PATTERN.test(text);
}
