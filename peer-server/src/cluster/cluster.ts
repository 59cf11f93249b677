/**
 * A broker's part in a cluster of brokers sharing one Redis: wires the link, whereabouts, lobbies,
 * lookup budgets, relay and upkeep together, and answers the signaling gate and PeerServer's
 * connection events. While the Redis is down every part answers from this broker's memory.
 */
import type { BrokerCounters } from '../broker-counters.js';
import type { RedisHealth } from '../broker-health.js';
import type { ConnectedPeers } from '../connected-peers.js';
import type { LobbyDirectory } from '../lobby-directory.js';
import type { LobbyRegistry } from '../lobby-registry.js';
import type { LocalLobbies } from '../local-lobbies.js';
import type { LookupLimiter } from '../lookup-limiter.js';
import type { RateLimiter } from '../rate-limiter.js';
import type { GateCluster } from '../signaling-gate.js';
import { ClusterLobbies } from './cluster-lobbies.js';
import { ClusterLookups } from './cluster-lookups.js';
import { ClusterPresence } from './cluster-presence.js';
import { ClusterRelay } from './cluster-relay.js';
import { DEFAULT_CLUSTER_TIMING, type ClusterTiming } from './cluster-timing.js';
import { ClusterUpkeep } from './cluster-upkeep.js';
import { clusterKeys } from './redis-keys.js';
import { RedisLink } from './redis-link.js';

export interface ClusterOptions {
  readonly redisUrl: string;
  readonly redisPrefix: string;
  /** The secret every broker of the cluster shares. */
  readonly secret: string;
  /** This broker process's id, unique in the cluster. */
  readonly brokerId: string;
  readonly peers: ConnectedPeers;
  /** This broker's own lobbies (see cluster-lobbies.ts), and the directory over them. */
  readonly registry: LobbyRegistry;
  readonly localLobbies: LocalLobbies;
  /** This broker's own lookup budget, for while the Redis is down. */
  readonly localLookups: RateLimiter;
  readonly lookupsPerMinute: number;
  /** Held signal caps, counted over all brokers. */
  readonly caps: { readonly perPeer: number; readonly total: number };
  readonly counters: BrokerCounters;
  readonly timing?: Partial<ClusterTiming>;
  /** How long to wait for the Redis at start before serving alone until it comes (ms). */
  readonly connectWithinMs?: number;
}

/** A running broker's cluster side. */
export interface Cluster {
  readonly lobbies: LobbyDirectory;
  readonly lookups: LookupLimiter;
  /** What the signaling gate asks of it. */
  readonly gate: GateCluster;
  redis(): RedisHealth;
  /** PeerServer took `peerId`'s socket. */
  connected(peerId: string): void;
  /** PeerServer let `peerId` go. */
  disconnected(peerId: string): void;
  /** Stops the timers and disconnects from the Redis; leaves this broker's peers for others to claim. */
  close(): void;
}

/** Connects to the Redis (or starts without it, see `RedisLink.open`) and returns the cluster side. */
export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const { peers, registry, brokerId, counters } = options;
  const timing = { ...DEFAULT_CLUSTER_TIMING, ...options.timing };
  const link = new RedisLink(options.redisUrl);
  const keys = clusterKeys(options.redisPrefix);
  const presence = new ClusterPresence(link, keys, brokerId, timing);
  const lobbies = new ClusterLobbies({ link, keys, secret: options.secret, lobbyTtlMs: timing.lobbyTtlMs, local: options.localLobbies, registry, peers });
  const relay = new ClusterRelay({ link, keys, brokerId, peers, counters, caps: options.caps, heldMs: timing.heldMs, onLobbyNote: (host, code, generation) => lobbies.remember(host, code, generation) });
  const upkeep = new ClusterUpkeep({ link, presence, relay, peers, registry, timing });
  /** Lobby codes that claims found, until their peers are connected and can be remembered. */
  const claimedCodes = new Map<string, string>();
  let closed = false;

  await link.open(options.connectWithinMs ?? 3000);
  const listening = relay.listen();
  if (link.up) await Promise.all([listening, upkeep.restoring]);
  else listening.catch(() => undefined);
  upkeep.start();

  return {
    lobbies,
    lookups: new ClusterLookups(link, keys, options.lookupsPerMinute, options.localLookups),
    gate: {
      async claim(peerId, token) {
        if (!link.up) return true;
        try {
          const claim = await presence.claim(peerId, token);
          if (claim.claimed && claim.code !== undefined) claimedCodes.set(peerId, claim.code);
          return claim.claimed;
        } catch {
          // Admitted as a lone broker would; the next renewal settles whose the id is.
          return true;
        }
      },
      abandon(peerId) {
        if (!peers.has(peerId)) {
          claimedCodes.delete(peerId);
          presence.release(peerId).catch(() => undefined);
        }
      },
      relay: (socket, src, signal, data) => relay.relay(socket, src, signal, data),
    },
    redis: () => (upkeep.restored ? 'up' : 'down'),
    connected(peerId) {
      const code = claimedCodes.get(peerId);
      claimedCodes.delete(peerId);
      if (code !== undefined) registry.put(peerId, code);
      relay.drain(peerId).catch(() => undefined);
    },
    disconnected(peerId) {
      if (!closed) presence.release(peerId).catch(() => undefined);
    },
    close() {
      closed = true;
      upkeep.stop();
      link.close();
    },
  };
}
