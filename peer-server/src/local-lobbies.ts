/**
 * Lobbies in this broker's memory, for hosts connected to it: the whole story for a broker that
 * runs alone, and what a broker sharing a Redis falls back on while the Redis is unreachable.
 * Vacancies and takeovers (lobby-directory.ts) are kept here too, so a broker that restarts loses
 * the vacancies it had.
 */
import { randomBytes } from 'node:crypto';
import {
  hostOf,
  type HostCredentials,
  type LobbyDirectory,
  type LobbyLookup,
  type LobbyOpening,
  type TakeoverOutcome,
} from './lobby-directory.js';
import { normalizeLobbyCode } from './lobby-codes.js';
import { TakeoverCredentials } from './lobby-credentials.js';
import type { ListingLimits } from './lobby-listings.js';
import type { LobbyRegistry } from './lobby-registry.js';
import { LocalListings } from './local-listings.js';
import { sameToken } from './same-token.js';

export { sameToken } from './same-token.js';

/** A {@link LobbyDirectory} over a {@link LobbyRegistry} and this broker's connected peers. */
export class LocalLobbies implements LobbyDirectory {
  readonly #credentials: TakeoverCredentials;

  constructor(
    private readonly registry: LobbyRegistry,
    /** The token a peer's open socket on this broker was opened with; undefined when it has none here. */
    private readonly tokenOf: (peerId: string) => string | undefined,
    /** The broker's secret, which takeover credentials are signed with; random (this object's own) when not given. */
    secret: string = randomBytes(32).toString('hex'),
  ) {
    this.#credentials = new TakeoverCredentials(secret);
  }

  open(hostPeerId: string, token: string, migration = false): Promise<LobbyOpening> {
    return Promise.resolve(this.openNow(hostPeerId, token, migration));
  }

  lookup(code: string): Promise<LobbyLookup> {
    return Promise.resolve(this.lookupNow(code));
  }

  resolve(code: string): Promise<string | undefined> {
    return Promise.resolve(hostOf(this.lookupNow(code)));
  }

  takeOver(code: string, successor: HostCredentials, credential: string): Promise<TakeoverOutcome> {
    return Promise.resolve(this.takeOverNow(code, successor, credential));
  }

  listings(limits: ListingLimits): LocalListings {
    return new LocalListings(this.registry, this.tokenOf, limits);
  }

  /** {@link open}, answered at once. */
  openNow(hostPeerId: string, token: string, migration = false): LobbyOpening {
    const known = this.tokenOf(hostPeerId);
    if (known === undefined) return { refused: 'host_not_connected' };
    if (!sameToken(known, token)) return { refused: 'not_host_owner' };
    const code = this.registry.create(hostPeerId);
    if (!migration) return { code };
    return { code, credential: this.#credentials.issue(code, this.registry.allowMigration(code)) };
  }

  /** {@link lookup}, answered at once. */
  lookupNow(input: string): LobbyLookup {
    const code = normalizeLobbyCode(input);
    const entry = code === undefined ? undefined : this.registry.entry(code);
    if (entry === undefined) return undefined;
    return 'host' in entry ? { hostPeerId: entry.host } : { vacated: true };
  }

  /** {@link takeOver}, answered at once; the checks in the order `TakeoverRefusal` gives. */
  takeOverNow(input: string, successor: HostCredentials, credential: string): TakeoverOutcome {
    const code = normalizeLobbyCode(input);
    if (code === undefined) return { refused: 'lobby_not_found' };
    const known = this.tokenOf(successor.hostPeerId);
    if (known === undefined) return { refused: 'host_not_connected' };
    if (!sameToken(known, successor.token)) return { refused: 'not_host_owner' };
    const entry = this.registry.entry(code);
    const generation = entry === undefined ? undefined : 'host' in entry ? this.registry.generationOf(code) : entry.vacancy.generation;
    if (entry === undefined || generation === undefined) return { refused: 'lobby_not_found' };
    if (this.#credentials.generationOf(code, credential) !== generation) return { refused: 'bad_credential' };
    // A live lobby's host is connected here; a vacated one's is not (it would have had it back).
    if ('host' in entry) return { refused: 'host_still_connected' };
    const next = this.registry.takeOver(code, successor.hostPeerId);
    if (next === undefined) return { refused: 'lobby_not_found' };
    return { code, credential: this.#credentials.issue(code, next) };
  }
}
