/**
 * Host migration while the shared Redis is away: a broker answers for its own hosts from its
 * memory (the host that left is vacated there, and a successor connected to it takes the lobby
 * over with the same credential), and when the Redis comes back, empty, the broker puts the lobby
 * back under its new host and generation, so the other brokers know it and refuse the used
 * credential. Then, against a Redis that kept the old lobby: the renewal that carries a takeover
 * made meanwhile wins over the older generation, unless the old host is connected somewhere.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Broker } from '../../../peer-server/src/broker.js';
import { ClusterPresence } from '../../../peer-server/src/cluster/cluster-presence.js';
import { clusterKeys } from '../../../peer-server/src/cluster/redis-keys.js';
import { RedisLink } from '../../../peer-server/src/cluster/redis-link.js';
import { tokenHash } from '../../../peer-server/src/cluster/token-hash.js';
import { startRedisServer, type RedisServer } from '../../cluster/support/redis-server.js';
import { expectApiError, jsonBody } from './support/api.js';
import { CLUSTER_SECRET, startClusterBrokers } from './support/cluster-brokers.js';
import { connectPeerSocket, type PeerSocket } from './support/peer-socket.js';
import { expectedCredential, lookup, openMigrating, takeOver, takeOverOk } from './support/takeover.js';
import { waitUntil } from './support/wait-until.js';

const TIMING = { presenceTtlMs: 10_000, lobbyTtlMs: 20_000, vacancyMs: 20_000 };

describe('a takeover while the Redis is down', () => {
  let redis: RedisServer;
  let a: Broker;
  let b: Broker;
  const sockets: PeerSocket[] = [];

  const peerOn = async (broker: Broker): Promise<PeerSocket> => {
    const peer = await connectPeerSocket(broker);
    sockets.push(peer);
    return peer;
  };
  const redisState = async (broker: Broker): Promise<string> => ((await jsonBody(await fetch(`${broker.url}/api/health`))) as { redis: string }).redis;

  beforeAll(async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    redis = await startRedisServer();
    [a, b] = (await startClusterBrokers(redis.url, 2, { lookupsPerMinute: 100_000 })) as [Broker, Broker];
  });

  afterAll(async () => {
    for (const { socket } of sockets) socket.terminate();
    await Promise.all([a?.close(), b?.close()]);
    await redis?.stop();
    vi.restoreAllMocks();
  });

  it('is answered by the broker of both hosts, and known to every broker once the Redis is back', async () => {
    const host = await peerOn(a);
    const successor = await peerOn(a);
    // Opened through the other broker: the host's own learns code and generation from its note.
    const { code, credential } = await openMigrating(b, host);
    const keys = clusterKeys(a.config.redisPrefix);
    await waitUntil(async () => (await lookup(a, code)) === `host ${host.id}`, 'the lobby on the host broker');

    await redis.kill();
    await waitUntil(async () => (await redisState(a)) === 'down', 'the broker to see the Redis down');
    await waitUntil(async () => (await lookup(a, code)) === `host ${host.id}`, 'the host broker to answer from its memory');
    await host.close();
    await waitUntil(async () => (await lookup(a, code)) === '409 host_gone', 'the lobby to be vacated in the broker memory');
    expect(await lookup(b, code)).toBe('404 lobby_not_found');
    await expectApiError(await takeOver(a, code, successor, expectedCredential(CLUSTER_SECRET, code, 1)), 403, 'bad_credential');
    const taken = await takeOverOk(a, code, successor, credential);
    expect(taken.credential).toBe(expectedCredential(CLUSTER_SECRET, code, 1));
    expect(await lookup(a, code)).toBe(`host ${successor.id}`);

    await redis.start();
    await waitUntil(async () => (await redisState(a)) === 'up' && (await redisState(b)) === 'up', 'both brokers to see the Redis up', 10_000);
    await waitUntil(async () => (await lookup(b, code)) === `host ${successor.id}`, 'the lobby put back under its new host');
    const link = new RedisLink(redis.url);
    await link.open(5000);
    try {
      expect(await link.commands.hGetAll(keys.lobby(code))).toEqual({ host: successor.id, owner: tokenHash(successor.token), migration: '1', generation: '1' });
    } finally {
      link.close();
    }
    const secondHeir = await peerOn(b);
    await expectApiError(await takeOver(b, code, secondHeir, credential), 403, 'bad_credential');
  });
});

describe('a renewal that carries a takeover made while the Redis was away', () => {
  let redis: RedisServer;
  let link: RedisLink;

  beforeAll(async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    redis = await startRedisServer();
    link = new RedisLink(redis.url);
    await link.open(5000);
  });

  afterAll(async () => {
    link?.close();
    await redis?.stop();
    vi.restoreAllMocks();
  });

  /** A Redis that kept lobby `code` of `oldHost` at generation 0, vacated, and a broker that renews the successor it gave the lobby to. */
  async function staleLobby(): Promise<{ presence: ClusterPresence; keys: ReturnType<typeof clusterKeys>; code: string; oldHost: string; successor: string }> {
    const keys = clusterKeys(`stale-${randomBytes(4).toString('hex')}:`);
    const [code, oldHost, successor] = ['K7QX2M', randomBytes(16).toString('hex'), randomBytes(16).toString('hex')];
    await link.commands.hSet(keys.lobby(code), { host: oldHost, owner: tokenHash('old-token'), migration: '1', generation: '0' });
    await link.commands.set(keys.hostLobby(oldHost), code);
    return { presence: new ClusterPresence(link, keys, 'broker-a', TIMING), keys, code, oldHost, successor };
  }

  it('puts the lobby back under the successor at its generation, and drops the old host-lobby key', async () => {
    const { presence, keys, code, oldHost, successor } = await staleLobby();
    expect(await presence.renew([{ id: successor, token: 'new-token', code, generation: 1 }])).toEqual([{ code, generation: 1 }]);
    expect(await link.commands.hGetAll(keys.lobby(code))).toEqual({ host: successor, owner: tokenHash('new-token'), migration: '1', generation: '1' });
    expect(await link.commands.get(keys.hostLobby(successor))).toBe(code);
    expect(await link.commands.exists(keys.hostLobby(oldHost))).toBe(0);
  });

  it('leaves the lobby to its old host when that host is connected to a broker, or when the generation is not newer', async () => {
    const connected = await staleLobby();
    await connected.presence.claim(connected.oldHost, 'old-token');
    expect(await connected.presence.renew([{ id: connected.successor, token: 'new-token', code: connected.code, generation: 1 }])).toEqual([{ code: undefined }]);
    expect(await link.commands.hGet(connected.keys.lobby(connected.code), 'host')).toBe(connected.oldHost);

    const same = await staleLobby();
    expect(await same.presence.renew([{ id: same.successor, token: 'new-token', code: same.code, generation: 0 }])).toEqual([{ code: undefined }]);
    expect(await link.commands.hGet(same.keys.lobby(same.code), 'host')).toBe(same.oldHost);
  });
});
