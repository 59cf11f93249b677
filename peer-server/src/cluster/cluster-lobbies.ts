/**
 * Lobbies in the shared Redis, so a code opened through one broker resolves on all of them. A
 * lobby is `lobby:<code>` {host, owner (its token's hash), and with host migration its generation}
 * and `host-lobby:<host>` -> code (lobby-scripts.ts); both expire unless renewed, which the host's
 * broker does while the host is connected (see cluster-presence.ts). Codes are derived from the
 * host id and the shared secret, so the same host gets the same code on any broker, now or after
 * its broker died. A migration lobby whose host is connected nowhere is vacated until its key
 * expires, and a successor takes it over through any broker; credentials are checked here, with
 * the secret every broker shares, and their generation in the script, atomically.
 *
 * Each broker also remembers the lobbies of the hosts connected to it (a LobbyRegistry): while the
 * Redis is down it answers for those, opens lobbies and takes them over for them, and when the
 * Redis is back (empty, if it restarted) puts them back. The public list of lobbies is in the same
 * Redis (cluster-listings.ts).
 */
import type { ConnectedPeers } from '../connected-peers.js';
import {
  hostOf,
  type HostCredentials,
  type LobbyDirectory,
  type LobbyLookup,
  type LobbyOpening,
  type TakeoverOutcome,
  type TakeoverRefusal,
} from '../lobby-directory.js';
import { derivedLobbyCode, normalizeLobbyCode } from '../lobby-codes.js';
import { TakeoverCredentials } from '../lobby-credentials.js';
import type { ListingLimits } from '../lobby-listings.js';
import { MAX_CODE_ATTEMPTS, type LobbyRegistry } from '../lobby-registry.js';
import type { LocalLobbies } from '../local-lobbies.js';
import { ClusterListings } from './cluster-listings.js';
import { LOOKUP, OPEN, TAKE_OVER } from './lobby-scripts.js';
import { stringList } from './lua-script.js';
import type { ClusterKeys } from './redis-keys.js';
import type { RedisLink } from './redis-link.js';
import { tokenHash } from './token-hash.js';

export interface ClusterLobbiesOptions {
  readonly link: RedisLink;
  readonly keys: ClusterKeys;
  /** The secret every broker shares, which codes are derived and takeover credentials signed with. */
  readonly secret: string;
  readonly lobbyTtlMs: number;
  /** This broker's own lobbies: what it answers with while the Redis is down. */
  readonly local: LocalLobbies;
  /** Where `local` keeps them, also told of codes opened through other brokers. */
  readonly registry: LobbyRegistry;
  readonly peers: ConnectedPeers;
}

const TAKEOVER_REFUSALS: ReadonlySet<string> = new Set<TakeoverRefusal>(['lobby_not_found', 'host_not_connected', 'not_host_owner', 'bad_credential', 'host_still_connected']);

/** A generation as the scripts write it; undefined for none. */
function generationFrom(text: string | undefined): number | undefined {
  return text === undefined || text === '' ? undefined : Number(text);
}

/** See the file comment. */
export class ClusterLobbies implements LobbyDirectory {
  readonly #credentials: TakeoverCredentials;

  constructor(private readonly options: ClusterLobbiesOptions) {
    this.#credentials = new TakeoverCredentials(options.secret);
  }

  async open(hostPeerId: string, token: string, migration = false): Promise<LobbyOpening> {
    const { link, keys, secret, lobbyTtlMs, local } = this.options;
    if (!link.up) return local.openNow(hostPeerId, token, migration);
    const candidates = Array.from({ length: MAX_CODE_ATTEMPTS }, (_, attempt) => derivedLobbyCode(secret, hostPeerId, attempt));
    const args = [hostPeerId, tokenHash(token), keys.prefixes.lobby, String(lobbyTtlMs), keys.prefixes.brokerChannel, migration ? '1' : '0', ...candidates];
    let reply: string[];
    try {
      reply = stringList(await OPEN.run(link.commands, [keys.peer(hostPeerId), keys.hostLobby(hostPeerId)], args));
    } catch {
      return local.openNow(hostPeerId, token, migration);
    }
    const [outcome, code, generationText] = reply;
    if (outcome === 'ok' && code !== undefined) {
      const generation = generationFrom(generationText);
      this.remember(hostPeerId, code, generation);
      return migration && generation !== undefined ? { code, credential: this.#credentials.issue(code, generation) } : { code };
    }
    // A host connected here that the Redis does not know yet: it restarted, and this broker has not
    // told it again. The code opened here goes to the Redis with the next renewal.
    if (outcome === 'host_not_connected' && this.options.peers.has(hostPeerId)) return local.openNow(hostPeerId, token, migration);
    if (outcome === 'host_not_connected' || outcome === 'not_host_owner') return { refused: outcome };
    throw new Error(`no free lobby code after ${MAX_CODE_ATTEMPTS} attempts`);
  }

  async lookup(input: string): Promise<LobbyLookup> {
    const code = normalizeLobbyCode(input);
    if (code === undefined) return undefined;
    const { link, keys, local } = this.options;
    if (link.up) {
      try {
        const [state, host] = stringList(await LOOKUP.run(link.commands, [keys.lobby(code)], [keys.prefixes.peer]));
        if (state === 'hosted' && host !== undefined) return { hostPeerId: host };
        if (state === 'vacated') return { vacated: true };
      } catch {
        // Answered below from what this broker knows.
      }
    }
    return local.lookupNow(code);
  }

  async resolve(code: string): Promise<string | undefined> {
    return hostOf(await this.lookup(code));
  }

  async takeOver(input: string, successor: HostCredentials, credential: string): Promise<TakeoverOutcome> {
    const { link, keys, lobbyTtlMs, local, peers } = this.options;
    const code = normalizeLobbyCode(input);
    if (code === undefined) return { refused: 'lobby_not_found' };
    if (!link.up) return local.takeOverNow(code, successor, credential);
    const { peer, hostLobby, lobby, brokerChannel } = keys.prefixes;
    const presented = this.#credentials.generationOf(code, credential);
    const args = [code, successor.hostPeerId, tokenHash(successor.token), presented === undefined ? '' : String(presented), peer, hostLobby, lobby, String(lobbyTtlMs), brokerChannel];
    let reply: string[];
    try {
      reply = stringList(await TAKE_OVER.run(link.commands, [keys.lobby(code), keys.peer(successor.hostPeerId), keys.hostLobby(successor.hostPeerId)], args));
    } catch {
      return local.takeOverNow(code, successor, credential);
    }
    const [outcome, generationText] = reply;
    const generation = generationFrom(generationText);
    if (outcome === 'ok' && generation !== undefined) {
      this.remember(successor.hostPeerId, code, generation);
      return { code, credential: this.#credentials.issue(code, generation) };
    }
    // As in open: a successor connected here that a restarted Redis does not know yet.
    if (outcome === 'host_not_connected' && peers.has(successor.hostPeerId)) return local.takeOverNow(code, successor, credential);
    if (outcome !== undefined && TAKEOVER_REFUSALS.has(outcome)) return { refused: outcome as TakeoverRefusal };
    throw new Error(`the takeover script answered ${JSON.stringify(reply)}`);
  }

  listings(limits: ListingLimits): ClusterListings {
    const { link, keys, local } = this.options;
    return new ClusterListings({ link, keys, ...limits, local: local.listings(limits) });
  }

  /** `code` (of takeover `generation`, for a migration lobby) is the lobby of `hostPeerId`: remembered if the host is connected here. */
  remember(hostPeerId: string, code: string, generation?: number): void {
    if (this.options.peers.has(hostPeerId)) this.options.registry.put(hostPeerId, code, generation);
  }
}
