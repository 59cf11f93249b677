/**
 * The broker's settings: defaults, command-line flags and TICKWIRE_* environment variables.
 * Flags win over the environment, the environment over the defaults.
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  checkHost,
  checkIceServers,
  checkPeerKey,
  checkPeerPath,
  checkPort,
  checkStaticDir,
  parseBoolean,
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
  /** Set behind a reverse proxy, so client addresses come from X-Forwarded-For. */
  readonly proxied: boolean;
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
});

/** The flags `parseBrokerConfig` understands, for `--help`. */
export const BROKER_USAGE = `Usage: node --import tsx peer-server/src/main.ts [options]

  --host <host>           interface to listen on      (TICKWIRE_HOST, default 127.0.0.1)
  --port <port>           TCP port, 0 for any free    (TICKWIRE_PORT, default 9000)
  --peer-path <path>      PeerServer mount path       (TICKWIRE_PEER_PATH, default /peerjs)
  --peer-key <key>        PeerServer key              (TICKWIRE_PEER_KEY, default tickwire)
  --ice-servers <json>    ICE servers, a JSON array   (TICKWIRE_ICE_SERVERS, default [])
  --static-dir <dir>      folder served at /          (TICKWIRE_STATIC_DIR, default dist/demo)
  --proxied               behind a reverse proxy      (TICKWIRE_PROXIED, default false)
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
    },
  });
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
  };
}
