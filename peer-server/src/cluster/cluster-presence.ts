/**
 * Which broker holds each peer's signaling socket, in the shared Redis (presence-scripts.ts): what
 * routes a signal to the right broker, stops a second token from taking an id on another broker,
 * and keeps a connected host's lobby alive. A broker claims an id when its socket opens, renews
 * its peers every heartbeat, and releases one when its socket closes; a broker that dies releases
 * nothing, and its peers' presence expires unless they claim it again elsewhere.
 */
import type { ClusterKeys } from './redis-keys.js';
import { DEFAULT_CLUSTER_TIMING, type ClusterTiming } from './cluster-timing.js';
import { CLAIM, RELEASE, RENEW } from './presence-scripts.js';
import { stringList } from './lua-script.js';
import type { RedisLink } from './redis-link.js';
import { tokenHash } from './token-hash.js';

/** A claim's outcome: refused, or the id is this broker's now, with the lobby code its host has. */
export type Claim = { readonly claimed: false } | { readonly claimed: true; readonly code: string | undefined };

/**
 * A renewed peer's state: its lobby code (undefined for none) and, for a migration lobby, its
 * takeover generation; or why this broker no longer holds it.
 */
export type Renewal = 'taken' | 'moved' | { readonly code: string | undefined; readonly generation?: number };

/** A peer this broker holds, with the lobby code (and generation, for a migration lobby) it remembers for it. */
export interface HeldPeer {
  readonly id: string;
  readonly token: string;
  readonly code: string | undefined;
  readonly generation?: number | undefined;
}

/** A renewal's answer for one peer (see RENEW). */
function readRenewal(reply: string): Renewal {
  if (reply === 'taken' || reply === 'moved') return reply;
  if (reply === '') return { code: undefined };
  const [code = '', generation] = reply.split(' ');
  return generation === undefined ? { code } : { code, generation: Number(generation) };
}

/** Peers renewed by one script call, so one call never holds the Redis for long. */
const RENEW_BATCH = 200;

/** See the file comment. */
export class ClusterPresence {
  constructor(
    private readonly link: RedisLink,
    private readonly keys: ClusterKeys,
    private readonly brokerId: string,
    private readonly timing: Pick<ClusterTiming, 'presenceTtlMs' | 'lobbyTtlMs'> & Partial<Pick<ClusterTiming, 'vacancyMs'>>,
  ) {}

  /** Claims `peerId` for this broker. Throws when the Redis cannot be asked. */
  async claim(peerId: string, token: string): Promise<Claim> {
    const { keys, timing } = this;
    const args = [this.brokerId, tokenHash(token), String(timing.presenceTtlMs), keys.prefixes.lobby, String(timing.lobbyTtlMs)];
    const [outcome, code = ''] = stringList(await CLAIM.run(this.link.commands, [keys.peer(peerId), keys.hostLobby(peerId)], args));
    return outcome === 'ok' ? { claimed: true, code: code === '' ? undefined : code } : { claimed: false };
  }

  /**
   * Releases `peerId` if this broker holds it: its lobby closes, or is vacated for `vacancyMs` when
   * opened with migration. Throws when the Redis cannot be asked.
   */
  async release(peerId: string): Promise<void> {
    const { keys } = this;
    const vacancyMs = this.timing.vacancyMs ?? DEFAULT_CLUSTER_TIMING.vacancyMs;
    await RELEASE.run(this.link.commands, [keys.peer(peerId), keys.hostLobby(peerId)], [this.brokerId, keys.prefixes.lobby, peerId, String(vacancyMs)]);
  }

  /** Renews `peers`, answering for each in order. Throws when the Redis cannot be asked. */
  async renew(peers: readonly HeldPeer[]): Promise<Renewal[]> {
    const renewals: Renewal[] = [];
    for (let start = 0; start < peers.length; start += RENEW_BATCH) {
      renewals.push(...(await this.#renewBatch(peers.slice(start, start + RENEW_BATCH))));
    }
    return renewals;
  }

  async #renewBatch(peers: readonly HeldPeer[]): Promise<Renewal[]> {
    const { keys, timing } = this;
    const { peer, hostLobby, lobby } = keys.prefixes;
    const args = [this.brokerId, peer, hostLobby, lobby, String(timing.presenceTtlMs), String(timing.lobbyTtlMs)];
    for (const held of peers) args.push(held.id, tokenHash(held.token), held.code ?? '', held.code === undefined || held.generation === undefined ? '' : String(held.generation));
    return stringList(await RENEW.run(this.link.commands, [], args)).map(readRenewal);
  }
}
