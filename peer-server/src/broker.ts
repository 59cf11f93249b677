/**
 * The one place that wires the broker together on a single port:
 *   {peerPath}/...          the `peer` package's PeerServer (HTTP id endpoint and the signaling WebSocket)
 *   /api/...                the lobby API (lobby-api.ts)
 *   /                       the built demo from `staticDir`, when it exists
 *
 * @module tickwire-broker
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { ExpressPeerServer, type IClient } from 'peer';
import { zeroCounters, type BrokerCounters } from './broker-counters.js';
import type { BrokerHealth } from './broker-health.js';
import { startSharing } from './broker-sharing.js';
import { resolveBrokerConfig, type BrokerConfig } from './config.js';
import { ConnectedPeers } from './connected-peers.js';
import { createLobbyApi } from './lobby-api.js';
import { derivedLobbyCode } from './lobby-codes.js';
import { resolveListingLimits, type ListingLimits } from './lobby-listings.js';
import { LobbyRegistry } from './lobby-registry.js';
import { PeerIdIssuer } from './peer-ids.js';
import { SignalQueueCap } from './signal-queue-cap.js';
import { SignalingGate } from './signaling-gate.js';
import { TimerScope } from './timer-scope.js';
import { resolveVacancyMs } from './vacated-lobbies.js';

export type { BrokerCounters } from './broker-counters.js';
export type { BrokerHealth, RedisHealth } from './broker-health.js';
/** The command line's parsing, for a program that starts a broker of its own (a dev server). */
export { parseBrokerConfig, DEFAULT_BROKER_CONFIG, type BrokerConfig, type IceServerConfig } from './config.js';
/** Reads a JSON list of ICE servers as the `--ice-servers` flag takes it, naming `name` in its errors. */
export { parseIceServers } from './config-checks.js';

/** A running broker. */
export interface Broker {
  /** Base URL to reach it, e.g. "http://127.0.0.1:9000". */
  readonly url: string;
  /** The port it listens on (the real one when 0 was asked for). */
  readonly port: number;
  /** The settings it runs with, after defaults and checks. */
  readonly config: BrokerConfig;
  /** What it refused or dropped so far, limit by limit. */
  readonly counters: Readonly<BrokerCounters>;
  /** What `GET /api/health` answers now: whether its Redis is reachable, its id, its peers. */
  health(): BrokerHealth;
  /** Disconnects every peer and stops listening; afterwards nothing of the broker keeps the process alive. */
  close(): Promise<void>;
}

/** PeerServer's message expiry, set explicitly because the queue cap mirrors it. */
const EXPIRE_TIMEOUT_MS = 5000;
const CLEANUP_OUT_MSGS_MS = 1000;

/** A host to put in the URL: an "any interface" address is not somewhere a client can connect to. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

export type { ListingLimits } from './lobby-listings.js';

/** Limits that have no flag: the public list's, and host migration's vacancy. Tests shorten them. */
export interface BrokerLimits extends ListingLimits {
  /** How long a lobby opened with host migration waits for a takeover once its host is gone (ms); 30 000 by default. */
  readonly vacancyMs: number;
}

/**
 * Starts a broker; `overrides` are merged over `DEFAULT_BROKER_CONFIG` (use `port: 0` in tests).
 * `limits` changes how long public listings last and how many there may be, and how long a vacated
 * lobby waits for a takeover (tests shorten them).
 */
export async function startBroker(overrides: Partial<BrokerConfig> = {}, limits: Partial<BrokerLimits> = {}): Promise<Broker> {
  const config = resolveBrokerConfig(overrides);
  const { vacancyMs: vacancy, ...listing } = limits;
  const listingLimits = resolveListingLimits(listing);
  const vacancyMs = resolveVacancyMs(vacancy);
  const app = express();
  app.disable('x-powered-by');
  // One proxy hop, the same rule as client-address.ts: never the client's own X-Forwarded-For entries.
  if (config.proxied) app.set('trust proxy', 1);
  const server = createServer(app);
  // Without a configured secret, ids and codes are valid for this process only (see the README).
  const secret = config.secret ?? randomBytes(32).toString('hex');
  const issuer = new PeerIdIssuer(secret);
  const counters = zeroCounters();
  const brokerId = randomBytes(6).toString('hex');
  const peers = new ConnectedPeers();
  const registry = new LobbyRegistry((hostPeerId, attempt) => derivedLobbyCode(secret, hostPeerId, attempt), { vacancyMs });
  const sharing = await startSharing(config, { secret, brokerId, peers, registry, counters, heldMs: EXPIRE_TIMEOUT_MS, vacancyMs });
  const listings = sharing.lobbies.listings(listingLimits);
  const health = (): BrokerHealth => {
    const redis = sharing.redis();
    return { ok: redis !== 'down', redis, broker: brokerId, peers: peers.size };
  };
  const queueCap = new SignalQueueCap({
    perPeer: config.maxQueuedPerPeer,
    total: config.maxQueuedTotal,
    // The last moment PeerServer's cleanup loop can still be holding a queue, with room for a late timer.
    forgetAfterMs: EXPIRE_TIMEOUT_MS + 2 * CLEANUP_OUT_MSGS_MS,
  });
  // PeerServer creates its WebSocketServer through this gate, which checks every socket and message.
  const gate = new SignalingGate({
    proxied: config.proxied,
    maxMessageBytes: config.maxMessageBytes,
    maxConnectionsPerIp: config.maxConnectionsPerIp,
    issuer,
    queueCap,
    isConnected: (peerId) => peers.has(peerId),
    counters,
    signalLimits: { perSecond: config.signalsPerSecond, burst: config.signalBurst, maxStrikes: config.maxSignalStrikes },
    cluster: sharing.gate,
  });
  const peerServer = ExpressPeerServer(server, {
    key: config.peerKey,
    // Mounted at peerPath below; PeerServer adds its own path to the mount path, so "/" keeps the
    // client-facing path equal to peerPath (WebSocket at `${peerPath}/peerjs`, ids at `${peerPath}/${key}/id`).
    path: '/',
    allow_discovery: false,
    proxied: config.proxied,
    expire_timeout: EXPIRE_TIMEOUT_MS,
    cleanup_out_msgs: CLEANUP_OUT_MSGS_MS,
    generateClientId: () => issuer.issue(),
    createWebSocketServer: gate.createWebSocketServer,
  });

  peerServer.on('connection', (client: IClient) => {
    peers.add(client);
    queueCap.release(client.getId());
    // A host back with its own token within its lobby's vacancy has its lobby back.
    registry.returned(client.getId(), client.getToken());
    sharing.connected(client.getId());
  });
  peerServer.on('disconnect', (client: IClient) => {
    peers.remove(client);
    // Its lobby closes, or is vacated for a takeover when opened with host migration.
    if (!peers.has(client.getId())) registry.vacate(client.getId(), client.getToken());
    sharing.disconnected(client.getId());
  });
  // PeerServer re-emits socket errors (an oversized message among them) and unparsable client
  // messages (which the gate drops first) as 'error' on its express app, an EventEmitter: with no
  // listener that would throw and take the whole process down.
  peerServer.on('error', (error: Error) => console.warn(`tickwire broker: PeerServer: ${error.message}`));

  // Mounting is what starts PeerServer (its timers included), so it happens inside the scope.
  const peerTimers = new TimerScope();
  peerTimers.run(() => app.use(config.peerPath, peerServer));
  app.use(
    '/api',
    createLobbyApi({
      lobbies: sharing.lobbies,
      listings,
      lookups: sharing.lookups,
      health,
      clientConfig: { peerPath: config.peerPath, peerKey: config.peerKey, iceServers: config.iceServers },
      proxied: config.proxied,
      counters,
    }),
  );
  if (config.staticDir !== undefined && existsSync(config.staticDir)) app.use(express.static(config.staticDir));

  const closePeerServer = async (): Promise<void> => {
    // First, so the sockets closing below leave their peers' whereabouts and lobbies for other
    // brokers to claim, as a broker that died would.
    sharing.close();
    peerTimers.clear();
    await gate.close();
  };

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (cause) {
    await closePeerServer();
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new Error(`tickwire broker cannot listen on ${config.host}:${config.port}: ${reason}`, { cause });
  }
  server.on('error', (error) => console.error('tickwire broker: HTTP server error', error));

  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost(config.host)}:${port}`,
    port,
    config,
    counters,
    health,
    close() {
      closing ??= (async () => {
        await closePeerServer();
        await new Promise<void>((resolve, reject) => {
          server.close((error) => (error ? reject(error) : resolve()));
          // close() alone waits for idle keep-alive connections (fetch keeps them) to time out.
          server.closeAllConnections();
        });
      })();
      return closing;
    },
  };
}
