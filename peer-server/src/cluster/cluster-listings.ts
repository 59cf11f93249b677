/**
 * The public lobby list in the shared Redis (listing-scripts.ts), so a lobby listed through one
 * broker is seen, paged and quick-joined through all of them. While the Redis is unreachable the
 * broker answers from a list of its own (LocalListings, for the hosts connected to it), as it does
 * for lobbies; hosts list again every third of the TTL, so when the Redis is back (empty, if it
 * restarted) their listings are there again within that.
 */
import type {
  ListingCredentials,
  ListingFields,
  ListingOutcome,
  ListingRefusal,
  LobbyListings,
  LobbyPage,
  PageQuery,
  PublicLobby,
  QuickJoinPick,
} from '../lobby-listings.js';
import { normalizeLobbyCode } from '../lobby-codes.js';
import type { LocalListings } from '../local-listings.js';
import { stringList, type LuaScript } from './lua-script.js';
import { LIST, PAGE, QUICK_JOIN, UNLIST } from './listing-scripts.js';
import type { ClusterKeys } from './redis-keys.js';
import type { RedisLink } from './redis-link.js';
import { tokenHash } from './token-hash.js';

/** Ranks one call looks at beyond the page it fills, at most: what crashes left behind is cleared over several calls. */
const SCAN_BUDGET = 200;

const REFUSALS: ReadonlySet<string> = new Set<ListingRefusal>(['lobby_not_found', 'host_not_connected', 'not_host_owner', 'too_many_listings']);

export interface ClusterListingsOptions {
  readonly link: RedisLink;
  readonly keys: ClusterKeys;
  readonly ttlMs: number;
  readonly maxListings: number;
  /** This broker's own list: what it answers with while the Redis is down. */
  readonly local: LocalListings;
}

/** See the file comment. */
export class ClusterListings implements LobbyListings {
  readonly ttlMs: number;

  constructor(private readonly options: ClusterListingsOptions) {
    this.ttlMs = options.ttlMs;
  }

  async list(input: string, credentials: ListingCredentials, fields: ListingFields): Promise<ListingOutcome> {
    const { ttlMs, maxListings } = this.options;
    const code = normalizeLobbyCode(input);
    if (code === undefined) return { refused: 'lobby_not_found' };
    const args = [code, credentials.hostPeerId, tokenHash(credentials.token), String(ttlMs), String(maxListings), fields.mode, fields.name, String(fields.players), String(fields.seats)];
    return this.#change(LIST, code, credentials, args, () => this.options.local.list(code, credentials, fields));
  }

  async unlist(input: string, credentials: ListingCredentials): Promise<ListingOutcome> {
    const code = normalizeLobbyCode(input);
    if (code === undefined) return { refused: 'lobby_not_found' };
    const args = [code, credentials.hostPeerId, tokenHash(credentials.token)];
    return this.#change(UNLIST, code, credentials, args, () => this.options.local.unlist(code, credentials));
  }

  async page(query: PageQuery): Promise<LobbyPage> {
    const { link, local } = this.options;
    if (!link.up) return local.page(query);
    let reply: string[];
    try {
      reply = stringList(await PAGE.run(link.commands, [...this.#common(), this.#index(query.mode)], [...this.#prefixes(), query.after ?? '', String(query.limit), String(query.limit + SCAN_BUDGET)]));
    } catch {
      return local.page(query);
    }
    const [next = '', ...fields] = reply;
    const lobbies: PublicLobby[] = [];
    for (let i = 0; i + 4 < fields.length; i += 5) {
      const [code, name, mode, players, seats] = fields.slice(i, i + 5) as [string, string, string, string, string];
      lobbies.push({ code, name, mode, players: Number(players), seats: Number(seats) });
    }
    return { lobbies, next: next === '' ? undefined : next };
  }

  async quickJoin(mode: string | undefined): Promise<QuickJoinPick | undefined> {
    const { link, local } = this.options;
    if (!link.up) return local.quickJoin(mode);
    let reply: string[];
    try {
      reply = stringList(await QUICK_JOIN.run(link.commands, [...this.#common(), this.#index(mode)], [...this.#prefixes(), String(SCAN_BUDGET)]));
    } catch {
      return local.quickJoin(mode);
    }
    const [code, hostPeerId] = reply;
    return code === undefined || hostPeerId === undefined ? undefined : { code, hostPeerId };
  }

  /** Runs a listing change in the Redis, or in this broker's own list while it cannot. */
  async #change(script: LuaScript, code: string, credentials: ListingCredentials, args: readonly string[], locally: () => Promise<ListingOutcome>): Promise<ListingOutcome> {
    const { link, keys } = this.options;
    if (!link.up) return locally();
    let reply: unknown;
    try {
      reply = await script.run(link.commands, [...this.#common(), keys.peer(credentials.hostPeerId), keys.lobby(code)], [...this.#prefixes(), ...args]);
    } catch {
      return locally();
    }
    if (reply === 'ok') return { done: true };
    if (typeof reply === 'string' && REFUSALS.has(reply)) return { refused: reply as ListingRefusal };
    throw new Error(`a listing script answered ${JSON.stringify(reply)}`);
  }

  #common(): string[] {
    return [this.options.keys.listingDeadlines, this.options.keys.openLobbies];
  }

  #prefixes(): string[] {
    const { listing, openLobbiesOf, lobby, peer } = this.options.keys.prefixes;
    return [listing, openLobbiesOf, lobby, peer];
  }

  #index(mode: string | undefined): string {
    const { keys } = this.options;
    return mode === undefined ? keys.openLobbies : keys.openLobbiesOf(mode);
  }
}
