/**
 * What a broker shares, and with whom: nothing and nobody by default (lobbies, lookup budgets and
 * held signals in this process's memory), or everything with the other brokers on the same Redis
 * (`redisUrl`, see cluster/). The rest of the broker sees the same interfaces either way.
 */
import type { BrokerCounters } from './broker-counters.js';
import type { RedisHealth } from './broker-health.js';
import { startCluster } from './cluster/cluster.js';
import type { BrokerConfig } from './config.js';
import type { ConnectedPeers } from './connected-peers.js';
import type { LobbyDirectory } from './lobby-directory.js';
import type { LobbyRegistry } from './lobby-registry.js';
import { LocalLobbies } from './local-lobbies.js';
import { localLookups, type LookupLimiter } from './lookup-limiter.js';
import { RateLimiter } from './rate-limiter.js';
import type { GateCluster } from './signaling-gate.js';

/** The broker's shared parts; see the file comment. */
export interface Sharing {
  readonly lobbies: LobbyDirectory;
  readonly lookups: LookupLimiter;
  /** What the signaling gate asks of the cluster; undefined for a lone broker. */
  readonly gate: GateCluster | undefined;
  redis(): RedisHealth;
  /** PeerServer took `peerId`'s socket. */
  connected(peerId: string): void;
  /** PeerServer let `peerId` go. */
  disconnected(peerId: string): void;
  close(): void;
}

/** What the broker already made that the sharing works with. */
export interface SharingParts {
  readonly secret: string;
  readonly brokerId: string;
  readonly peers: ConnectedPeers;
  readonly registry: LobbyRegistry;
  readonly counters: BrokerCounters;
  /** How long a signal is held for a peer that is not connected: PeerServer's own expiry. */
  readonly heldMs: number;
  /** How long a lobby opened with host migration waits for a takeover once its host is gone. */
  readonly vacancyMs: number;
}

/** Starts the sharing `config` asks for. */
export async function startSharing(config: BrokerConfig, parts: SharingParts): Promise<Sharing> {
  const localLobbies = new LocalLobbies(parts.registry, (peerId) => parts.peers.tokenOf(peerId), parts.secret);
  const limiter = new RateLimiter({ perMinute: config.lookupsPerMinute });
  if (config.redisUrl === undefined) {
    return {
      lobbies: localLobbies,
      lookups: localLookups(limiter),
      gate: undefined,
      redis: () => 'off',
      connected: () => undefined,
      disconnected: () => undefined,
      close: () => undefined,
    };
  }
  const { heldMs, vacancyMs, ...shared } = parts;
  return startCluster({
    ...shared,
    timing: { heldMs, vacancyMs },
    redisUrl: config.redisUrl,
    redisPrefix: config.redisPrefix,
    localLobbies,
    localLookups: limiter,
    lookupsPerMinute: config.lookupsPerMinute,
    caps: { perPeer: config.maxQueuedPerPeer, total: config.maxQueuedTotal },
  });
}
