/**
 * The broker's settings from command-line flags and TICKWIRE_* environment variables, over the
 * defaults in config-defaults.ts. Flags win over the environment, the environment over the defaults.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_BROKER_CONFIG, type BrokerConfig } from './config-defaults.js';
import {
  checkCount,
  checkHost,
  checkIceServers,
  checkPeerKey,
  checkPeerPath,
  checkPort,
  checkRedisPrefix,
  checkRedisUrl,
  checkSecret,
  checkSharedSecret,
  checkStaticDir,
  parseBoolean,
  parseCount,
  parseIceServers,
  parsePort,
} from './config-checks.js';

export type { IceServerConfig } from './config-checks.js';
export { DEFAULT_BROKER_CONFIG, type BrokerConfig } from './config-defaults.js';

/** The bounds each limit is checked against: [min, max]. */
const LIMIT_BOUNDS = {
  maxMessageBytes: [1024, 1024 * 1024],
  maxConnectionsPerIp: [1, 100_000],
  lookupsPerMinute: [1, 1_000_000],
  maxQueuedPerPeer: [0, 10_000],
  maxQueuedTotal: [0, 1_000_000],
  signalsPerSecond: [1, 100_000],
  signalBurst: [1, 1_000_000],
  maxSignalStrikes: [1, 1_000_000],
} as const;

type LimitName = keyof typeof LIMIT_BOUNDS;

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
      'signals-per-second': { type: 'string' },
      'signal-burst': { type: 'string' },
      'max-signal-strikes': { type: 'string' },
      redis: { type: 'string' },
      'redis-prefix': { type: 'string' },
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
  const redisUrl = pick(values, 'redis', env, 'TICKWIRE_REDIS_URL');
  const redisPrefix = pick(values, 'redis-prefix', env, 'TICKWIRE_REDIS_PREFIX');
  checkSharedSecret(redisUrl?.text, secret?.text, { redis: redisUrl?.name ?? '', secret: '--secret (or TICKWIRE_SECRET)' });
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
    signalsPerSecond: limit('signalsPerSecond', 'signals-per-second', 'TICKWIRE_SIGNALS_PER_SECOND'),
    signalBurst: limit('signalBurst', 'signal-burst', 'TICKWIRE_SIGNAL_BURST'),
    maxSignalStrikes: limit('maxSignalStrikes', 'max-signal-strikes', 'TICKWIRE_MAX_SIGNAL_STRIKES'),
    redisUrl: redisUrl ? checkRedisUrl(redisUrl.text, redisUrl.name) : defaults.redisUrl,
    redisPrefix: redisPrefix ? checkRedisPrefix(redisPrefix.text, redisPrefix.name) : defaults.redisPrefix,
  };
}

/**
 * Merges `startBroker` options over the defaults and checks them as strictly as flags are checked,
 * so a typo in a test fails at start rather than as a client that cannot connect.
 */
export function resolveBrokerConfig(overrides: Partial<BrokerConfig>): BrokerConfig {
  const merged: BrokerConfig = { ...DEFAULT_BROKER_CONFIG, ...overrides };
  checkSharedSecret(merged.redisUrl, merged.secret, { redis: 'option "redisUrl"', secret: 'option "secret"' });
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
    signalsPerSecond: checkLimit(merged, 'signalsPerSecond'),
    signalBurst: checkLimit(merged, 'signalBurst'),
    maxSignalStrikes: checkLimit(merged, 'maxSignalStrikes'),
    redisUrl: merged.redisUrl === undefined ? undefined : checkRedisUrl(merged.redisUrl, 'option "redisUrl"'),
    redisPrefix: checkRedisPrefix(merged.redisPrefix, 'option "redisPrefix"'),
  };
}

function checkLimit(config: BrokerConfig, name: LimitName): number {
  const [min, max] = LIMIT_BOUNDS[name];
  return checkCount(config[name], `option "${name}"`, min, max);
}
