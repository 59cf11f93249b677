/** Broker settings from flags, environment and defaults. */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BROKER_CONFIG, parseBrokerConfig, resolveBrokerConfig } from '../../../peer-server/src/config.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

const FULL_ENV = {
  TICKWIRE_HOST: '0.0.0.0',
  TICKWIRE_PORT: '8100',
  TICKWIRE_PEER_PATH: '/env-path',
  TICKWIRE_PEER_KEY: 'env-key',
  TICKWIRE_ICE_SERVERS: '[{"urls":"stun:env.example:3478"}]',
  TICKWIRE_STATIC_DIR: '/srv/env-demo',
  TICKWIRE_PROXIED: 'true',
  TICKWIRE_SECRET: 'e'.repeat(32),
  TICKWIRE_MAX_MESSAGE_BYTES: '2048',
  TICKWIRE_MAX_CONNECTIONS_PER_IP: '3',
  TICKWIRE_LOOKUPS_PER_MINUTE: '4',
  TICKWIRE_MAX_QUEUED_PER_PEER: '5',
  TICKWIRE_MAX_QUEUED_TOTAL: '6',
  TICKWIRE_SIGNALS_PER_SECOND: '7',
  TICKWIRE_SIGNAL_BURST: '8',
  TICKWIRE_MAX_SIGNAL_STRIKES: '9',
  TICKWIRE_REDIS_URL: 'redis://env.example:6379',
  TICKWIRE_REDIS_PREFIX: 'env:',
};

const ENV_LIMITS = {
  secret: 'e'.repeat(32),
  maxMessageBytes: 2048,
  maxConnectionsPerIp: 3,
  lookupsPerMinute: 4,
  maxQueuedPerPeer: 5,
  maxQueuedTotal: 6,
  signalsPerSecond: 7,
  signalBurst: 8,
  maxSignalStrikes: 9,
  redisUrl: 'redis://env.example:6379',
  redisPrefix: 'env:',
};

const FULL_FLAGS = [
  '--host', '::1',
  '--port', '8200',
  '--peer-path', '/flag-path',
  '--peer-key', 'flag-key',
  '--ice-servers', '[{"urls":["turn:flag.example:3478"],"username":"u","credential":"c"}]',
  '--static-dir', '/srv/flag-demo',
  '--proxied',
  '--secret', 'f'.repeat(40),
  '--max-message-bytes', '4096',
  '--max-connections-per-ip', '7',
  '--lookups-per-minute', '8',
  '--max-queued-per-peer', '0',
  '--max-queued-total', '10',
  '--signals-per-second', '11',
  '--signal-burst', '12',
  '--max-signal-strikes', '13',
  '--redis', 'rediss://user:pass@flag.example:6380/2',
  '--redis-prefix', 'flag:',
];

describe('parseBrokerConfig', () => {
  it('uses the defaults when given nothing', () => {
    expect(parseBrokerConfig([], {})).toEqual(DEFAULT_BROKER_CONFIG);
    expect(DEFAULT_BROKER_CONFIG).toEqual({
      host: '127.0.0.1',
      port: 9000,
      peerPath: '/peerjs',
      peerKey: 'tickwire',
      iceServers: [],
      staticDir: resolve(repoRoot, 'dist/demo'),
      proxied: false,
      secret: undefined,
      maxMessageBytes: 16384,
      maxConnectionsPerIp: 64,
      lookupsPerMinute: 60,
      maxQueuedPerPeer: 32,
      maxQueuedTotal: 2048,
      signalsPerSecond: 50,
      signalBurst: 400,
      maxSignalStrikes: 50,
      redisUrl: undefined,
      redisPrefix: 'tickwire:',
    });
  });

  it('takes environment variables over the defaults', () => {
    expect(parseBrokerConfig([], FULL_ENV)).toEqual({
      host: '0.0.0.0',
      port: 8100,
      peerPath: '/env-path',
      peerKey: 'env-key',
      iceServers: [{ urls: 'stun:env.example:3478' }],
      staticDir: resolve('/srv/env-demo'),
      proxied: true,
      ...ENV_LIMITS,
    });
  });

  it('takes flags over environment variables', () => {
    expect(parseBrokerConfig(FULL_FLAGS, FULL_ENV)).toEqual({
      host: '::1',
      port: 8200,
      peerPath: '/flag-path',
      peerKey: 'flag-key',
      iceServers: [{ urls: ['turn:flag.example:3478'], username: 'u', credential: 'c' }],
      staticDir: resolve('/srv/flag-demo'),
      proxied: true,
      secret: 'f'.repeat(40),
      maxMessageBytes: 4096,
      maxConnectionsPerIp: 7,
      lookupsPerMinute: 8,
      maxQueuedPerPeer: 0,
      maxQueuedTotal: 10,
      signalsPerSecond: 11,
      signalBurst: 12,
      maxSignalStrikes: 13,
      redisUrl: 'rediss://user:pass@flag.example:6380/2',
      redisPrefix: 'flag:',
    });
  });

  it('mixes sources setting by setting, and treats empty variables as unset', () => {
    const config = parseBrokerConfig(['--port=0'], { TICKWIRE_PORT: '8100', TICKWIRE_PEER_KEY: 'env-key', TICKWIRE_HOST: '' });
    expect(config).toEqual({ ...DEFAULT_BROKER_CONFIG, port: 0, peerKey: 'env-key' });
  });

  it('resolves a relative static dir against the working directory', () => {
    expect(parseBrokerConfig(['--static-dir', 'some/dir'], {}).staticDir).toBe(resolve(process.cwd(), 'some/dir'));
  });

  it('refuses an empty --static-dir instead of serving the working directory', () => {
    expect(() => parseBrokerConfig(['--static-dir', ''], {})).toThrow(/^--static-dir must not be empty/);
  });

  it('normalizes a trailing slash off the peer path', () => {
    expect(parseBrokerConfig(['--peer-path', '/signal/v1/'], {}).peerPath).toBe('/signal/v1');
  });

  it.each(['abc', '70000', '-1', '9e3', '80.5', ' 80', ''])('refuses --port=%s, naming the flag', (port) => {
    expect(() => parseBrokerConfig([`--port=${port}`], {})).toThrow(/^--port must be an integer from 0 to 65535/);
  });

  it('refuses a bad TICKWIRE_SIGNALS_PER_SECOND, naming the variable', () => {
    expect(() => parseBrokerConfig([], { TICKWIRE_SIGNALS_PER_SECOND: 'fast' })).toThrow(/^TICKWIRE_SIGNALS_PER_SECOND must be an integer from 1/);
  });

  it('refuses a bad TICKWIRE_PORT, naming the variable', () => {
    expect(() => parseBrokerConfig([], { TICKWIRE_PORT: 'http' })).toThrow(/^TICKWIRE_PORT must be an integer/);
  });

  it('does not look at a bad variable that a flag overrides', () => {
    expect(parseBrokerConfig(['--port', '1234'], { TICKWIRE_PORT: 'http' }).port).toBe(1234);
  });

  it('refuses ICE servers that are not JSON, naming the flag', () => {
    expect(() => parseBrokerConfig(['--ice-servers', '[{urls:'], {})).toThrow(/^--ice-servers is not valid JSON/);
    expect(() => parseBrokerConfig([], { TICKWIRE_ICE_SERVERS: 'stun:x' })).toThrow(/^TICKWIRE_ICE_SERVERS is not valid JSON/);
  });

  it.each([
    ['an object', '{"urls":"stun:x"}', /^--ice-servers must be a JSON array/],
    ['a server without urls', '[{"username":"u"}]', /^--ice-servers\[0\]\.urls must be/],
    ['empty urls', '[{"urls":[]}]', /^--ice-servers\[0\]\.urls must be/],
    ['a number username', '[{"urls":"turn:x","username":1}]', /^--ice-servers\[0\]\.username must be a string/],
    ['a string entry', '["stun:x"]', /^--ice-servers\[0\] must be an object/],
  ])('refuses ICE servers given as %s', (_name, json, message) => {
    expect(() => parseBrokerConfig(['--ice-servers', json], {})).toThrow(message);
  });

  it('drops unknown keys from ICE servers', () => {
    const [server] = parseBrokerConfig(['--ice-servers', '[{"urls":"stun:x","extra":true}]'], {}).iceServers;
    expect(server).toEqual({ urls: 'stun:x' });
  });

  it.each(['peerjs', '/', '', '/api', '/API/peer', '/a b', '/a//b'])('refuses --peer-path %j', (path) => {
    expect(() => parseBrokerConfig(['--peer-path', path], {})).toThrow(/^--peer-path must/);
  });

  it.each(['', 'has space', 'a/b', 'k'.repeat(65)])('refuses --peer-key %j', (key) => {
    expect(() => parseBrokerConfig(['--peer-key', key], {})).toThrow(/^--peer-key must be 1 to 64 characters/);
  });

  it('reads TICKWIRE_PROXIED as a yes/no value', () => {
    expect(parseBrokerConfig([], { TICKWIRE_PROXIED: '1' }).proxied).toBe(true);
    expect(parseBrokerConfig([], { TICKWIRE_PROXIED: 'false' }).proxied).toBe(false);
    expect(() => parseBrokerConfig([], { TICKWIRE_PROXIED: 'maybe' })).toThrow(/^TICKWIRE_PROXIED must be true or false/);
  });

  it.each([
    ['--max-message-bytes', '100', /^--max-message-bytes must be an integer from 1024 to 1048576/],
    ['--max-connections-per-ip', '0', /^--max-connections-per-ip must be an integer from 1/],
    ['--lookups-per-minute', '1.5', /^--lookups-per-minute must be an integer/],
    ['--max-queued-per-peer', '-1', /^--max-queued-per-peer must be an integer/],
    ['--max-queued-total', 'lots', /^--max-queued-total must be an integer/],
    ['--signals-per-second', '0', /^--signals-per-second must be an integer from 1 to 100000/],
    ['--signal-burst', '2e3', /^--signal-burst must be an integer from 1/],
    ['--max-signal-strikes', '0', /^--max-signal-strikes must be an integer from 1/],
  ])('refuses %s %s, naming the flag', (flag, value, message) => {
    expect(() => parseBrokerConfig([`${flag}=${value}`], {})).toThrow(message);
  });

  it('refuses a secret shorter than 32 characters, naming where it came from', () => {
    expect(() => parseBrokerConfig([], { TICKWIRE_SECRET: 'short' })).toThrow(/^TICKWIRE_SECRET must be at least 32 characters/);
    expect(() => parseBrokerConfig(['--secret', 'x'.repeat(31)], {})).toThrow(/^--secret must be at least 32 characters/);
  });

  it('refuses --redis without a shared secret, naming both', () => {
    expect(() => parseBrokerConfig(['--redis', 'redis://127.0.0.1:6379'], {})).toThrow(/^--redis needs --secret \(or TICKWIRE_SECRET\), the same on every broker/);
    expect(() => parseBrokerConfig([], { TICKWIRE_REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(/^TICKWIRE_REDIS_URL needs --secret/);
    expect(parseBrokerConfig(['--redis', 'redis://127.0.0.1:6379'], { TICKWIRE_SECRET: 's'.repeat(32) }).redisUrl).toBe('redis://127.0.0.1:6379');
  });

  it.each([
    ['not a URL', 'no url at all', /^--redis must be a URL like redis:\/\/127\.0\.0\.1:6379 \(the value given is not a URL\)$/],
    ['another protocol (or a bare host:port)', 'localhost:6379', /^--redis must be a redis:\/\/ or rediss:\/\/ URL/],
  ])('refuses a --redis that is %s, without echoing it', (_name, url, message) => {
    expect(() => parseBrokerConfig(['--redis', url, '--secret', 's'.repeat(32)], {})).toThrow(message);
  });

  it.each(['', 'has space', 'p'.repeat(65), 'a{b}'])('refuses --redis-prefix %j', (prefix) => {
    expect(() => parseBrokerConfig(['--redis-prefix', prefix], {})).toThrow(/^--redis-prefix must be 1 to 64 characters/);
  });

  it('refuses unknown flags and stray arguments', () => {
    expect(() => parseBrokerConfig(['--prot', '9000'], {})).toThrow(/--prot/);
    expect(() => parseBrokerConfig(['9000'], {})).toThrow(/9000/);
  });

  it('refuses a value-taking flag given without a value', () => {
    expect(() => parseBrokerConfig(['--port'], {})).toThrow(/--port/);
  });
});

describe('resolveBrokerConfig', () => {
  it('merges options over the defaults', () => {
    expect(resolveBrokerConfig({ port: 0, staticDir: undefined })).toEqual({ ...DEFAULT_BROKER_CONFIG, port: 0, staticDir: undefined });
  });

  it('checks options as strictly as flags, naming the option', () => {
    expect(() => resolveBrokerConfig({ port: 1.5 })).toThrow(/^option "port" must be an integer/);
    expect(() => resolveBrokerConfig({ peerPath: 'peerjs' })).toThrow(/^option "peerPath" must be a path/);
    expect(() => resolveBrokerConfig({ iceServers: [{ urls: '' }] })).toThrow(/^option "iceServers"\[0\]\.urls/);
    expect(() => resolveBrokerConfig({ staticDir: ' ' })).toThrow(/^option "staticDir" must not be empty/);
    expect(() => resolveBrokerConfig({ maxConnectionsPerIp: 0 })).toThrow(/^option "maxConnectionsPerIp" must be an integer from 1/);
    expect(() => resolveBrokerConfig({ secret: 'short' })).toThrow(/^option "secret" must be at least 32 characters/);
    expect(() => resolveBrokerConfig({ signalBurst: 0.5 })).toThrow(/^option "signalBurst" must be an integer from 1/);
    expect(() => resolveBrokerConfig({ maxSignalStrikes: 0 })).toThrow(/^option "maxSignalStrikes" must be an integer from 1/);
    expect(() => resolveBrokerConfig({ redisUrl: 'redis://127.0.0.1:6379' })).toThrow(/^option "redisUrl" needs option "secret"/);
    expect(() => resolveBrokerConfig({ redisUrl: 'tcp://x', secret: 's'.repeat(32) })).toThrow(/^option "redisUrl" must be a redis:\/\//);
    expect(() => resolveBrokerConfig({ redisPrefix: '' })).toThrow(/^option "redisPrefix" must be 1 to 64 characters/);
  });
});
