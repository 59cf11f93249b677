/**
 * The public lobby list in this broker's memory: the whole story for a broker alone, and what a
 * broker sharing a Redis answers with while the Redis is unreachable. Listings are checked against
 * this broker's lobbies (LobbyRegistry) and connected peers, as LocalLobbies checks registrations.
 *
 * Memory is bounded: at most `maxListings`, each of bounded size. Listings are kept in the order
 * they were last listed, and all live `ttlMs`, so the expired ones are always the first: each call
 * drops them from the front. A listing whose lobby closed is dropped where it is met, and all of
 * them are looked for before a new listing is refused for want of room.
 */
import { normalizeLobbyCode } from './lobby-codes.js';
import {
  listingRank,
  rankCode,
  type ListingCredentials,
  type ListingFields,
  type ListingLimits,
  type ListingOutcome,
  type LobbyListings,
  type LobbyPage,
  type PageQuery,
  type PublicLobby,
  type QuickJoinPick,
} from './lobby-listings.js';
import type { LobbyRegistry } from './lobby-registry.js';
import { sameToken } from './same-token.js';
import { SortedKeys } from './sorted-keys.js';

interface Listing extends PublicLobby {
  readonly host: string;
  readonly expiresAt: number;
  /** Its rank in the open lists; undefined while the lobby is full. */
  readonly rank: string | undefined;
}

export interface LocalListingsOptions extends ListingLimits {
  /** Milliseconds on a monotonic timeline; injectable for tests. */
  readonly now?: () => number;
}

/** See the file comment. */
export class LocalListings implements LobbyListings {
  readonly ttlMs: number;
  readonly #byCode = new Map<string, Listing>();
  readonly #open = new SortedKeys();
  readonly #openByMode = new Map<string, SortedKeys>();
  readonly #maxListings: number;
  readonly #now: () => number;

  constructor(
    private readonly registry: LobbyRegistry,
    /** The token a peer's open socket on this broker was opened with; undefined when it has none here. */
    private readonly tokenOf: (peerId: string) => string | undefined,
    options: LocalListingsOptions,
  ) {
    this.ttlMs = options.ttlMs;
    this.#maxListings = options.maxListings;
    this.#now = options.now ?? (() => performance.now());
  }

  /** Listings held now, expired ones not yet dropped included. */
  get size(): number {
    return this.#byCode.size;
  }

  list(input: string, credentials: ListingCredentials, fields: ListingFields): Promise<ListingOutcome> {
    return Promise.resolve(this.listNow(input, credentials, fields));
  }

  unlist(input: string, credentials: ListingCredentials): Promise<ListingOutcome> {
    const checked = this.#check(input, credentials);
    if (typeof checked !== 'string') return Promise.resolve(checked);
    this.#drop(checked);
    return Promise.resolve({ done: true });
  }

  page(query: PageQuery): Promise<LobbyPage> {
    this.#expire();
    // One more than asked for, to know whether there is a next page.
    const found: { readonly rank: string; readonly lobby: PublicLobby }[] = [];
    for (const rank of this.#index(query.mode)?.from(query.after) ?? []) {
      const listing = this.#live(rankCode(rank));
      if (listing === undefined) continue;
      const { code, name, mode, players, seats } = listing;
      found.push({ rank, lobby: { code, name, mode, players, seats } });
      if (found.length > query.limit) break;
    }
    const shown = found.slice(0, query.limit);
    const next = found.length > query.limit ? shown[shown.length - 1]?.rank : undefined;
    return Promise.resolve({ lobbies: shown.map(({ lobby }) => lobby), next });
  }

  quickJoin(mode: string | undefined): Promise<QuickJoinPick | undefined> {
    this.#expire();
    for (const rank of this.#index(mode)?.from(undefined) ?? []) {
      const listing = this.#live(rankCode(rank));
      if (listing === undefined) continue;
      this.#put({ ...listing, players: listing.players + 1 }, false);
      return Promise.resolve({ code: listing.code, hostPeerId: listing.host });
    }
    return Promise.resolve(undefined);
  }

  /** {@link list}, answered at once. */
  listNow(input: string, credentials: ListingCredentials, fields: ListingFields): ListingOutcome {
    this.#expire();
    const code = this.#check(input, credentials);
    if (typeof code !== 'string') return code;
    if (!this.#byCode.has(code) && !this.#roomForOne()) return { refused: 'too_many_listings' };
    this.#put({ code, host: credentials.hostPeerId, ...fields, expiresAt: this.#now() + this.ttlMs, rank: undefined }, true);
    return { done: true };
  }

  /** The normalised code when `credentials` are its host's, or why not. */
  #check(input: string, { hostPeerId, token }: ListingCredentials): string | { readonly refused: 'lobby_not_found' | 'host_not_connected' | 'not_host_owner' } {
    const known = this.tokenOf(hostPeerId);
    if (known === undefined) return { refused: 'host_not_connected' };
    if (!sameToken(known, token)) return { refused: 'not_host_owner' };
    const code = normalizeLobbyCode(input);
    const holder = code === undefined ? undefined : this.registry.resolve(code);
    if (code === undefined || holder === undefined) return { refused: 'lobby_not_found' };
    return holder === hostPeerId ? code : { refused: 'not_host_owner' };
  }

  /** Stores `listing` (anew in the expiry order when `refreshed`), ranked when it has a free seat. */
  #put(listing: Listing, refreshed: boolean): void {
    const old = this.#byCode.get(listing.code);
    if (old) this.#unrank(old);
    const rank = listing.players < listing.seats ? listingRank(listing.code, listing.players, listing.seats) : undefined;
    const stored = { ...listing, rank };
    if (refreshed) this.#byCode.delete(listing.code);
    this.#byCode.set(listing.code, stored);
    if (rank === undefined) return;
    this.#open.add(rank);
    let byMode = this.#openByMode.get(listing.mode);
    if (!byMode) this.#openByMode.set(listing.mode, (byMode = new SortedKeys()));
    byMode.add(rank);
  }

  #unrank(listing: Listing): void {
    if (listing.rank === undefined) return;
    this.#open.delete(listing.rank);
    const byMode = this.#openByMode.get(listing.mode);
    byMode?.delete(listing.rank);
    if (byMode?.size === 0) this.#openByMode.delete(listing.mode);
  }

  #drop(code: string): void {
    const listing = this.#byCode.get(code);
    if (!listing) return;
    this.#unrank(listing);
    this.#byCode.delete(code);
  }

  /** The listing of `code` if its lobby is still its host's; a stale one is dropped. */
  #live(code: string): Listing | undefined {
    const listing = this.#byCode.get(code);
    if (listing && this.registry.resolve(code) === listing.host) return listing;
    this.#drop(code);
    return undefined;
  }

  #index(mode: string | undefined): SortedKeys | undefined {
    return mode === undefined ? this.#open : this.#openByMode.get(mode);
  }

  #expire(): void {
    const now = this.#now();
    // Map order is the order of listing (a refresh lists anew), and every listing lives ttlMs.
    for (const listing of this.#byCode.values()) {
      if (listing.expiresAt > now) break;
      this.#drop(listing.code);
    }
  }

  #roomForOne(): boolean {
    if (this.#byCode.size < this.#maxListings) return true;
    for (const code of [...this.#byCode.keys()]) this.#live(code);
    return this.#byCode.size < this.#maxListings;
  }
}
