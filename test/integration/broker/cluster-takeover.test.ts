/**
 * Host migration across brokers sharing a real redis-server: a lobby opened with migration for a
 * host on broker A is vacated cluster-wide when the host's socket closes (409 host_gone on every
 * broker, off the public list); a successor connected to broker B takes it over through broker C
 * with the credential, once; the code then leads to it through A, it owns the lobby through any
 * broker, and the Redis holds the new host, owner and generation. A host that comes back to any
 * broker within the vacancy has its lobby back; a vacancy ends in a 404; a lobby without migration
 * closes at once.
 */
import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { describe, expect, it } from 'vitest';
import { startBroker, type Broker, type BrokerLimits } from '../../../peer-server/src/broker.js';
import { clusterKeys } from '../../../peer-server/src/cluster/redis-keys.js';
import { tokenHash } from '../../../peer-server/src/cluster/token-hash.js';
import { derivedLobbyCode } from '../../../peer-server/src/lobby-codes.js';
import { expectApiError, jsonBody, postJson } from './support/api.js';
import { CLUSTER_SECRET } from './support/cluster-brokers.js';
import { connectPeerSocket, connectPeerSocketAs, type PeerSocket } from './support/peer-socket.js';
import { useRedisCluster } from './support/redis-cluster.js';
import {
  expectedCredential,
  listedCodes,
  lookup,
  madeUpCredential,
  openMigrating,
  putListing,
  register,
  takeOver,
  takeOverOk,
} from './support/takeover.js';
import { waitUntil } from './support/wait-until.js';

const testCluster = useRedisCluster();

/**
 * `count` brokers on the file's redis-server under a key prefix of the test's own, with these
 * limits. (The first broker the helper starts only tells where the redis-server is.)
 */
async function cluster(count: number, limits: Partial<BrokerLimits> = {}): Promise<Broker[]> {
  const [probe] = await testCluster.brokers(1);
  const { redisUrl, secret } = probe!.config;
  const redisPrefix = `takeover-${randomBytes(4).toString('hex')}:`;
  const brokers: Broker[] = [];
  for (let i = 0; i < count; i++) {
    brokers.push(testCluster.closeAfter(await startBroker({ port: 0, staticDir: undefined, secret, redisUrl, redisPrefix, lookupsPerMinute: 100_000 }, limits)));
  }
  return brokers;
}

async function peerOn(broker: Broker): Promise<PeerSocket> {
  return testCluster.track(await connectPeerSocket(broker));
}

/** Closes `host`'s socket and waits until every broker in `brokers` sees lobby `code` vacated. */
async function leave(host: PeerSocket, code: string, brokers: readonly Broker[]): Promise<void> {
  await host.close();
  for (const broker of brokers) await waitUntil(async () => (await lookup(broker, code)) === '409 host_gone', `lobby ${code} vacated on ${broker.url}`);
}

/** The lobby's hash and the host-lobby keys of `hosts`, as the Redis holds them. */
async function inRedis(broker: Broker, code: string, hosts: readonly string[]): Promise<{ lobby: Record<string, string>; hostLobbies: (string | null)[] }> {
  const keys = clusterKeys(broker.config.redisPrefix);
  const redis = createClient({ url: broker.config.redisUrl! });
  await redis.connect();
  try {
    return { lobby: await redis.hGetAll(keys.lobby(code)), hostLobbies: await Promise.all(hosts.map((host) => redis.get(keys.hostLobby(host)))) };
  } finally {
    redis.destroy();
  }
}

describe('host migration across brokers', () => {
  it('hands a lobby over: host on A, successor on B, takeover through C, resolved through A', async () => {
    const [a, b, c] = await cluster(3);
    const host = await peerOn(a!);
    const successor = await peerOn(b!);
    const stranger = await peerOn(c!);
    const other = await peerOn(c!);

    const { code, credential } = await openMigrating(b!, host);
    expect(code).toBe(derivedLobbyCode(CLUSTER_SECRET, host.id, 0));
    expect(credential).toBe(expectedCredential(CLUSTER_SECRET, code, 0));
    const { credential: otherCodes } = await openMigrating(a!, other);
    await expectApiError(await takeOver(c!, code, successor, credential), 409, 'host_still_connected');

    await leave(host, code, [a!, b!, c!]);
    for (const wrong of [madeUpCredential(0), otherCodes, expectedCredential(CLUSTER_SECRET, code, 1)]) {
      await expectApiError(await takeOver(c!, code, stranger, wrong), 403, 'bad_credential');
    }
    expect(c!.counters.refusedTakeovers).toBe(3);
    expect(await lookup(a!, code)).toBe('409 host_gone');

    const taken = await takeOverOk(c!, code, successor, credential);
    expect(taken.credential).toBe(expectedCredential(CLUSTER_SECRET, code, 1));
    expect(await lookup(a!, code)).toBe(`host ${successor.id}`);
    expect(await inRedis(a!, code, [host.id, successor.id])).toEqual({
      lobby: { host: successor.id, owner: tokenHash(successor.token), migration: '1', generation: '1' },
      hostLobbies: [null, code],
    });

    // The successor's own lobby now, through any broker: registering gives it back with the current credential.
    expect(await openMigrating(a!, successor)).toEqual(taken);
    const mode = `taken-${randomBytes(3).toString('hex')}`;
    expect((await putListing(c!, code, successor, mode)).status).toBe(200);
    expect(await listedCodes(a!, mode)).toEqual([code]);

    // A second heir with the used credential: refused on every broker.
    const secondHeir = await peerOn(a!);
    for (const broker of [a!, b!, c!]) await expectApiError(await takeOver(broker, code, secondHeir, credential), 403, 'bad_credential');
  });

  it('lets the next credential take the lobby over again once the new host goes, through any broker', async () => {
    const [a, b, c] = await cluster(3);
    const host = await peerOn(a!);
    const first = await peerOn(b!);
    const second = await peerOn(c!);
    const opened = await openMigrating(a!, host);
    await leave(host, opened.code, [c!]);
    const once = await takeOverOk(c!, opened.code, first, opened.credential);

    await leave(first, opened.code, [a!, c!]);
    const twice = await takeOverOk(a!, opened.code, second, once.credential);
    expect(twice.credential).toBe(expectedCredential(CLUSTER_SECRET, opened.code, 2));
    expect(await lookup(b!, opened.code)).toBe(`host ${second.id}`);
  });

  it('keeps a vacated lobby off the public list and out of quick join on every broker', async () => {
    const [a, b] = await cluster(2);
    const host = await peerOn(a!);
    const { code } = await openMigrating(a!, host);
    const mode = `vacancy-${randomBytes(3).toString('hex')}`;
    expect((await putListing(b!, code, host, mode)).status).toBe(200);
    expect(await listedCodes(b!, mode)).toEqual([code]);
    await leave(host, code, [b!]);
    expect(await listedCodes(b!, mode)).toEqual([]);
    await expectApiError(await postJson(`${a!.url}/api/quick-join`, { mode }), 404, 'no_open_lobby');
  });

  it('gives the lobby back to its host when it comes back to another broker with its own token', async () => {
    const [a, b, c] = await cluster(3);
    const host = await peerOn(a!);
    const successor = await peerOn(c!);
    const { code, credential } = await openMigrating(a!, host);
    await leave(host, code, [b!]);
    testCluster.track(await connectPeerSocketAs(b!, host.id, host.token));
    expect(await lookup(c!, code)).toBe(`host ${host.id}`);
    await expectApiError(await takeOver(c!, code, successor, credential), 409, 'host_still_connected');
    expect(await openMigrating(c!, host)).toEqual({ code, credential });
  });

  it('closes a lobby opened without migration at once: 404 for lookups and takeovers', async () => {
    const [a, b] = await cluster(2);
    const host = await peerOn(a!);
    const successor = await peerOn(b!);
    const { code } = (await jsonBody(await register(b!, host))) as { code: string };
    await host.close();
    await waitUntil(async () => (await lookup(b!, code)) === '404 lobby_not_found', 'the lobby to close');
    await expectApiError(await takeOver(b!, code, successor, expectedCredential(CLUSTER_SECRET, code, 0)), 404, 'lobby_not_found');
  });

  it('ends a vacancy with its keys: 404 for lookups and takeovers', async () => {
    const [a, b] = await cluster(2, { vacancyMs: 300 });
    const host = await peerOn(a!);
    const successor = await peerOn(b!);
    const { code, credential } = await openMigrating(a!, host);
    await host.close();
    await waitUntil(async () => (await lookup(b!, code)) === '404 lobby_not_found', 'the vacancy to end');
    await expectApiError(await takeOver(b!, code, successor, credential), 404, 'lobby_not_found');
    expect(await inRedis(a!, code, [host.id])).toEqual({ lobby: {}, hostLobbies: [null] });
  });
});
