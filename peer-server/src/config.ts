/**
 * The broker's settings: defaults, command-line flags and TICKWIRE_* environment variables.
 * Flags win over the environment, the environment over the defaults.
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  checkCount,
  checkHost,
  checkIceServers,
  checkPeerKey,
  checkPeerPath,
  checkPort,
  checkSecret,
  checkStaticDir,
  parseBoolean,
  parseCount,
  parseIceServers,
  parsePort,
  type IceServerConfig,
} from './config-checks.js';

export type { IceServerConfig } from './config-checks.js';

/** Everything the broker needs to start. */
export interface BrokerConfig {
  /** Interface to listen on; 127.0.0.1 keeps a development broker off the network. */
  readonly host: string;
  /** TCP port; 0 picks a free one (tests use it). */
  readonly port: number;
  /** Where the PeerServer is mounted, e.g. "/peerjs"; PeerJS clients pass the same value as `path`. */
  readonly peerPath: string;
  /** The PeerServer key; PeerJS clients pass the same value as `key`. */
  readonly peerKey: string;
  /** STUN/TURN servers handed to peers by `GET /api/config`. */
  readonly iceServers: readonly IceServerConfig[];
  /** Folder served at `/` (the built demo); undefined or missing means nothing is served there. */
  readonly staticDir: string | undefined;
  /**
   * Set behind one reverse proxy (a TLS terminator): the client address is the last X-Forwarded-For
   * entry, the one the proxy added. Unset, it is the socket's address and X-Forwarded-For is ignored.
   */
  readonly proxied: boolean;
  /**
   * The key that peer ids and lobby codes are derived with (HMAC-SHA256), at least 32 characters.
   * Undefined means a random one per process: a restarted broker then refuses every earlier peer id
   * and hands out different codes. Set it for games to survive a restart.
   */
  readonly secret: string | undefined;
  /** Largest signaling WebSocket message, in bytes; a larger one closes the socket (1009). */
  readonly maxMessageBytes: number;
  /** Open signaling WebSockets allowed from one client address. */
  readonly maxConnectionsPerIp: number;
  /** Lobby lookups (`GET /api/lobbies/:code`) one client address may make per minute, in a burst or spread out. */
  readonly lookupsPerMinute: number;
  /** Signaling messages held for one peer id that is not connected (yet); beyond that they are dropped. */
  readonly maxQueuedPerPeer: number;
  /** Signaling messages held for all not-connected peer ids together. */
  readonly maxQueuedTotal: number;
}

/** The defaults: a local broker serving the demo built by `npm run build:demo`. */
export const DEFAULT_BROKER_CONFIG: BrokerConfig = Object.freeze({
  host: '127.0.0.1',
  port: 9000,
  peerPath: '/peerjs',
  peerKey: 'tickwire',
  iceServers: Object.freeze([]),
  // Resolved from this file rather than the working directory, so the broker finds the demo
  // wherever it is started from.
  staticDir: fileURLToPath(new URL('../../dist/demo', import.meta.url)),
  proxied: false,
  secret: undefined,
  maxMessageBytes: 16 * 1024,
  maxConnectionsPerIp: 64,
  lookupsPerMinute: 60,
  maxQueuedPerPeer: 32,
  maxQueuedTotal: 2048,
});

/** The bounds each limit is checked against: [min, max]. */
const LIMIT_BOUNDS = {
  maxMessageBytes: [1024, 1024 * 1024],
  maxConnectionsPerIp: [1, 100_000],
  lookupsPerMinute: [1, 1_000_000],
  maxQueuedPerPeer: [0, 10_000],
  maxQueuedTotal: [0, 1_000_000],
} as const;

type LimitName = keyof typeof LIMIT_BOUNDS;

/** The flags `parseBrokerConfig` understands, for `--help`. */
export const BROKER_USAGE = `Usage: node --import tsx peer-server/src/main.ts [options]

  --host <host>           interface to listen on      (TICKWIRE_HOST, default 127.0.0.1)
  --port <port>           TCP port, 0 for any free    (TICKWIRE_PORT, default 9000)
  --peer-path <path>      PeerServer mount path       (TICKWIRE_PEER_PATH, default /peerjs)
  --peer-key <key>        PeerServer key              (TICKWIRE_PEER_KEY, default tickwire)
  --ice-servers <json>    ICE servers, a JSON array   (TICKWIRE_ICE_SERVERS, default [])
  --static-dir <dir>      folder served at /          (TICKWIRE_STATIC_DIR, default dist/demo)
  --proxied               behind one reverse proxy    (TICKWIRE_PROXIED, default false)
  --secret <text>         peer id and code key, 32+ characters; prefer the variable
                                                      (TICKWIRE_SECRET, default random per process)
  --max-message-bytes <n>        signaling message cap      (TICKWIRE_MAX_MESSAGE_BYTES, default 16384)
  --max-connections-per-ip <n>   WebSockets per address     (TICKWIRE_MAX_CONNECTIONS_PER_IP, default 64)
  --lookups-per-minute <n>       code lookups per address   (TICKWIRE_LOOKUPS_PER_MINUTE, default 60)
  --max-queued-per-peer <n>      held for an absent peer    (TICKWIRE_MAX_QUEUED_PER_PEER, default 32)
  --max-queued-total <n>         held for all absent peers  (TICKWIRE_MAX_QUEUED_TOTAL, default 2048)
  --help                  show this text`;

/** One setting's raw text and the name of the flag or variable it came from. */
interface RawSetting {
  readonly text: string;
  readonly name: string;
}

function fromEnv(env: Record<string, string | undefined>, variable: string): RawSetting | undefined {
  const text = env[variable];
  // An empty variable is how shells and compose files say "unset".
  return text === undefined || text === '' ? undefined : { text, name: variable };
}

function pick(flags: Record<string, string | boolean | undefined>, flag: string, env: Record<string, string | undefined>, variable: string): RawSetting | undefined {
  const fromFlag = flags[flag];
  return typeof fromFlag === 'string' ? { text: fromFlag, name: `--${flag}` } : fromEnv(env, variable);
}

/**
 * Reads the broker's settings from command-line flags and environment variables.
 * Throws an Error naming the flag or variable when a value is unusable or a flag is unknown.
 */
export function parseBrokerConfig(argv: readonly string[], env: Record<string, string | undefined>): BrokerConfig {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      'peer-path': { type: 'string' },
      'peer-key': { type: 'string' },
      'ice-servers': { type: 'string' },
      'static-dir': { type: 'string' },
      proxied: { type: 'boolean' },
      secret: { type: 'string' },
      'max-message-bytes': { type: 'string' },
      'max-connections-per-ip': { type: 'string' },
      'lookups-per-minute': { type: 'string' },
      'max-queued-per-peer': { type: 'string' },
      'max-queued-total': { type: 'string' },
    },
  });
  const limit = (name: LimitName, flag: string, variable: string): number => {
    const raw = pick(values, flag, env, variable);
    const [min, max] = LIMIT_BOUNDS[name];
    return raw ? parseCount(raw.text, raw.name, min, max) : DEFAULT_BROKER_CONFIG[name];
  };
  const secret = pick(values, 'secret', env, 'TICKWIRE_SECRET');
  const host = pick(values, 'host', env, 'TICKWIRE_HOST');
  const port = pick(values, 'port', env, 'TICKWIRE_PORT');
  const peerPath = pick(values, 'peer-path', env, 'TICKWIRE_PEER_PATH');
  const peerKey = pick(values, 'peer-key', env, 'TICKWIRE_PEER_KEY');
  const iceServers = pick(values, 'ice-servers', env, 'TICKWIRE_ICE_SERVERS');
  const staticDir = pick(values, 'static-dir', env, 'TICKWIRE_STATIC_DIR');
  // A boolean flag can only say yes, so without it the variable decides.
  const proxied = values.proxied === true ? undefined : fromEnv(env, 'TICKWIRE_PROXIED');
  const defaults = DEFAULT_BROKER_CONFIG;
  return {
    host: host ? checkHost(host.text, host.name) : defaults.host,
    port: port ? parsePort(port.text, port.name) : defaults.port,
    peerPath: peerPath ? checkPeerPath(peerPath.text, peerPath.name) : defaults.peerPath,
    peerKey: peerKey ? checkPeerKey(peerKey.text, peerKey.name) : defaults.peerKey,
    iceServers: iceServers ? parseIceServers(iceServers.text, iceServers.name) : defaults.iceServers,
    staticDir: staticDir ? checkStaticDir(staticDir.text, staticDir.name) : defaults.staticDir,
    proxied: values.proxied === true || (proxied ? parseBoolean(proxied.text, proxied.name) : defaults.proxied),
    secret: secret ? checkSecret(secret.text, secret.name) : defaults.secret,
    maxMessageBytes: limit('maxMessageBytes', 'max-message-bytes', 'TICKWIRE_MAX_MESSAGE_BYTES'),
    maxConnectionsPerIp: limit('maxConnectionsPerIp', 'max-connections-per-ip', 'TICKWIRE_MAX_CONNECTIONS_PER_IP'),
    lookupsPerMinute: limit('lookupsPerMinute', 'lookups-per-minute', 'TICKWIRE_LOOKUPS_PER_MINUTE'),
    maxQueuedPerPeer: limit('maxQueuedPerPeer', 'max-queued-per-peer', 'TICKWIRE_MAX_QUEUED_PER_PEER'),
    maxQueuedTotal: limit('maxQueuedTotal', 'max-queued-total', 'TICKWIRE_MAX_QUEUED_TOTAL'),
  };
}

/**
 * Merges `startBroker` options over the defaults and checks them as strictly as flags are checked,
 * so a typo in a test fails at start rather than as a client that cannot connect.
 */
export function resolveBrokerConfig(overrides: Partial<BrokerConfig>): BrokerConfig {
  const merged: BrokerConfig = { ...DEFAULT_BROKER_CONFIG, ...overrides };
  return {
    host: checkHost(merged.host, 'option "host"'),
    port: checkPort(merged.port, 'option "port"'),
    peerPath: checkPeerPath(merged.peerPath, 'option "peerPath"'),
    peerKey: checkPeerKey(merged.peerKey, 'option "peerKey"'),
    iceServers: checkIceServers(merged.iceServers, 'option "iceServers"'),
    staticDir: merged.staticDir === undefined ? undefined : checkStaticDir(merged.staticDir, 'option "staticDir"'),
    proxied: merged.proxied,
    secret: merged.secret === undefined ? undefined : checkSecret(merged.secret, 'option "secret"'),
    maxMessageBytes: checkLimit(merged, 'maxMessageBytes'),
    maxConnectionsPerIp: checkLimit(merged, 'maxConnectionsPerIp'),
    lookupsPerMinute: checkLimit(merged, 'lookupsPerMinute'),
    maxQueuedPerPeer: checkLimit(merged, 'maxQueuedPerPeer'),
    maxQueuedTotal: checkLimit(merged, 'maxQueuedTotal'),
  };
}

function checkLimit(config: BrokerConfig, name: LimitName): number {
  const [min, max] = LIMIT_BOUNDS[name];
  return checkCount(config[name], `option "${name}"`, min, max);
}
