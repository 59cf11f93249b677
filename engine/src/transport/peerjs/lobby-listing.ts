/**
 * The broker's public lobby list: a host lists its lobby (name, game mode, players and seats), and
 * anyone reads the list a page at a time or asks quick join for the fullest open lobby of a mode.
 * A listing lasts the TTL the broker answers with unless the host lists it again (what keeps it
 * listed is `publishLobby`, in game/). Every answer is checked before it is trusted.
 */
import { NetError } from '../../core/net-error.js';
import type { HostCredentials } from './broker-client.js';
import { brokerError, brokerErrorCode, BROKER_REQUEST_TIMEOUT_MS, endpoint, field, jsonRequest, request } from './broker-http.js';

/** A public lobby as the broker lists it. */
export interface PublicLobby {
  /** Its code: join it with `joinGame({ code })`. */
  readonly code: string;
  /** The name its host gave it, as the broker normalised it. */
  readonly name: string;
  /** Its game mode. */
  readonly mode: string;
  /** Players in it now, the host's own included. */
  readonly players: number;
  /** Players it takes. */
  readonly seats: number;
}

/** One page of public lobbies, fullest first, and where the next page starts. */
export interface LobbyPage {
  readonly lobbies: readonly PublicLobby[];
  /** Pass as `cursor` for the next page; undefined on the last one. */
  readonly next: string | undefined;
}

/** Which public lobbies `listLobbies` asks for. */
export interface LobbyListQuery {
  /** Only this game mode (default: every mode). */
  readonly mode?: string;
  /** The `next` of the page before (default: the first page). */
  readonly cursor?: string;
  /** Lobbies on the page, 1 to 100 (default 20). */
  readonly limit?: number;
}

/** The lobby quick join picked. */
export interface OpenLobby {
  /** Its code: join it with `joinGame({ code })`. */
  readonly code: string;
  readonly hostPeerId: string;
}

/** What a host says about its lobby. */
export interface ListingFields {
  readonly name: string;
  readonly mode: string;
  readonly players: number;
  readonly seats: number;
}

const MODE_PATTERN = /^[a-z0-9][a-z0-9._-]{0,31}$/;

/** Checks a game mode before the broker is asked: `invalid_option` naming `option` when it is not one. */
export function checkLobbyMode(mode: string, option: string): string {
  if (typeof mode !== 'string' || !MODE_PATTERN.test(mode)) {
    throw new NetError('invalid_option', `${option} must be 1 to 32 of a-z 0-9 . _ - (starting with a letter or digit), got ${JSON.stringify(mode)}`);
  }
  return mode;
}

const TOO_MANY = 'the broker refuses more lobby lookups from this address for now; try again shortly';

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function readLobby(value: unknown): PublicLobby | undefined {
  const [code, name, mode, players, seats] = ['code', 'name', 'mode', 'players', 'seats'].map((key) => field(value, key));
  if (typeof code !== 'string' || typeof name !== 'string' || typeof mode !== 'string' || !isCount(players) || !isCount(seats) || players > seats) return undefined;
  return { code, name, mode, players, seats };
}

/**
 * A page of the broker's public lobbies with a free seat, fullest first. Rejects with a `NetError`:
 * `invalid_option` for a bad query, `broker_error` when the broker refuses (too many lookups from
 * this address, say), `broker_unreachable` when it does not answer.
 */
export async function listLobbies(brokerUrl: string, query: LobbyListQuery = {}): Promise<LobbyPage> {
  const params = new URLSearchParams();
  if (query.mode !== undefined) params.set('mode', checkLobbyMode(query.mode, 'mode'));
  if (query.cursor !== undefined) params.set('cursor', query.cursor);
  if (query.limit !== undefined) {
    if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > 100) throw new NetError('invalid_option', `limit must be a whole number from 1 to 100, got ${query.limit}`);
    params.set('limit', String(query.limit));
  }
  const search = params.toString();
  const url = endpoint(brokerUrl, `/api/lobbies${search === '' ? '' : `?${search}`}`);
  const { status, body } = await request(url, { signal: AbortSignal.timeout(BROKER_REQUEST_TIMEOUT_MS) });
  if (status === 429) throw new NetError('broker_error', TOO_MANY);
  if (status !== 200) throw brokerError(url, status, body);
  const lobbies = field(body, 'lobbies');
  const next = field(body, 'next');
  const read = Array.isArray(lobbies) ? lobbies.map(readLobby) : [undefined];
  if (read.some((lobby) => lobby === undefined) || (next !== undefined && typeof next !== 'string')) {
    throw new NetError('broker_error', `the broker's ${url} is not a list of lobbies`);
  }
  return { lobbies: read as PublicLobby[], next };
}

/**
 * Asks the broker for the fullest public lobby of `mode` (of any mode when left out) with a free
 * seat; the broker counts a seat taken in it for a moment, so players quick-joining at once spread
 * over lobbies. Resolves undefined when none is open (host one, then). Join the lobby it names with
 * `joinGame({ code })`. Rejects as {@link listLobbies} does.
 */
export async function quickJoin(brokerUrl: string, options: { readonly mode?: string } = {}): Promise<OpenLobby | undefined> {
  const mode = options.mode === undefined ? undefined : checkLobbyMode(options.mode, 'mode');
  const url = endpoint(brokerUrl, '/api/quick-join');
  const { status, body } = await request(url, jsonRequest('POST', mode === undefined ? {} : { mode }));
  if (status === 404 && brokerErrorCode(body) === 'no_open_lobby') return undefined;
  if (status === 429) throw new NetError('broker_error', TOO_MANY);
  if (status !== 200) throw brokerError(url, status, body);
  const code = field(body, 'code');
  const hostPeerId = field(body, 'hostPeerId');
  if (typeof code !== 'string' || typeof hostPeerId !== 'string') throw new NetError('broker_error', `the broker's ${url} answered without a lobby`);
  return { code, hostPeerId };
}

function listingUrl(brokerUrl: string, code: string): string {
  return endpoint(brokerUrl, `/api/lobbies/${encodeURIComponent(code)}/listing`);
}

/** Lists (or lists again) the host's lobby `code`; resolves with how long the listing lasts (ms). */
export async function putListing(brokerUrl: string, code: string, credentials: HostCredentials, listing: ListingFields): Promise<number> {
  const url = listingUrl(brokerUrl, code);
  const { status, body } = await request(url, jsonRequest('PUT', { ...credentials, ...listing }));
  if (status === 404) throw new NetError('lobby_not_found', `the broker has no lobby ${code} to list (it is registered again once the broker is back)`);
  if (status !== 200) throw brokerError(url, status, body);
  const ttlMs = field(body, 'ttlMs');
  if (!isCount(ttlMs) || ttlMs < 1) throw new NetError('broker_error', `the broker's ${url} did not say how long the listing lasts`);
  return ttlMs;
}

/** Takes the host's lobby `code` off the list; `keepalive` lets the request outlive a closing page. */
export async function deleteListing(brokerUrl: string, code: string, credentials: HostCredentials, keepalive = false): Promise<void> {
  const url = listingUrl(brokerUrl, code);
  const { status, body } = await request(url, jsonRequest('DELETE', credentials, { keepalive }));
  if (status !== 204) throw brokerError(url, status, body);
}
