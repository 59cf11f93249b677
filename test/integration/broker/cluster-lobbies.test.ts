/**
 * The lobby API of brokers sharing a real redis-server: a lobby opened through any broker for a
 * host on any other resolves on all of them, with the code a lone broker would give; only the
 * host's token opens it; lookups are counted per address over all brokers; a lobby closes when its
 * host leaves, and outlives a broker that stops, for its host to claim back elsewhere.
 */
import { describe, expect, it } from 'vitest';
import { startBroker, type Broker } from '../../../peer-server/src/broker.js';
import type { BrokerConfig } from '../../../peer-server/src/config.js';
import { derivedLobbyCode } from '../../../peer-server/src/lobby-codes.js';
import { expectApiError, jsonBody, postJson } from './support/api.js';
import { CLUSTER_SECRET, issuedId, openListening } from './support/cluster-brokers.js';
import { connectPeerSocket, type PeerSocket } from './support/peer-socket.js';
import { useRedisCluster } from './support/redis-cluster.js';
import { waitUntil } from './support/wait-until.js';

const testCluster = useRedisCluster();
const cluster = (count: number, overrides: Partial<BrokerConfig> = {}): Promise<Broker[]> => testCluster.brokers(count, overrides);

async function peerOn(broker: Broker): Promise<PeerSocket> {
  const peer = await connectPeerSocket(broker);
  testCluster.track(peer);
  return peer;
}

async function open(broker: Broker, host: { id: string; token: string }): Promise<Response> {
  return postJson(`${broker.url}/api/lobbies`, { hostPeerId: host.id, token: host.token });
}

async function lookup(broker: Broker, code: string): Promise<unknown> {
  const response = await fetch(`${broker.url}/api/lobbies/${code}`);
  return response.status === 200 ? ((await jsonBody(response)) as { hostPeerId: string }).hostPeerId : response.status;
}

describe('lobbies shared by brokers', () => {
  it('opens a lobby through any broker for a host on another, with the code a lone broker gives, and resolves it on all', async () => {
    const [a, b, c] = await cluster(3);
    const host = await peerOn(a!);
    const response = await open(b!, host);
    expect(response.status).toBe(201);
    const { code } = (await jsonBody(response)) as { code: string };
    expect(code).toBe(derivedLobbyCode(CLUSTER_SECRET, host.id, 0));
    expect(await lookup(a!, code)).toBe(host.id);
    expect(await lookup(c!, ` ${code.toLowerCase()} `)).toBe(host.id);
    expect(((await jsonBody(await open(c!, host))) as { code: string }).code).toBe(code);
  });

  it("refuses a wrong token (403) and a host connected to no broker (409), and 404s unknown codes", async () => {
    const [a, b] = await cluster(2);
    const host = await peerOn(a!);
    await expectApiError(await open(b!, { id: host.id, token: 'not-the-token' }), 403, 'not_host_owner');
    expect(b!.counters.refusedRegistrations).toBe(1);
    await expectApiError(await open(b!, { id: await issuedId(a!), token: 'some-token' }), 409, 'host_not_connected');
    await expectApiError(await fetch(`${a!.url}/api/lobbies/ABCDEF`), 404, 'lobby_not_found');
    await expectApiError(await fetch(`${a!.url}/api/lobbies/not-a-code`), 404, 'lobby_not_found');
  });

  it('counts lookups per address over all brokers', async () => {
    const [a, b, c] = await cluster(3, { lookupsPerMinute: 3 });
    for (const broker of [a!, b!, c!]) expect(await lookup(broker, 'ABCDEF')).toBe(404);
    const refused = await fetch(`${b!.url}/api/lobbies/ABCDEF`);
    await expectApiError(refused, 429, 'rate_limited');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(b!.counters.rateLimitedLookups).toBe(1);
  });

  it('closes a lobby when its host leaves its broker', async () => {
    const [a, b] = await cluster(2);
    const host = await peerOn(a!);
    const { code } = (await jsonBody(await open(b!, host))) as { code: string };
    await host.close();
    await waitUntil(async () => (await lookup(b!, code)) === 404, 'the lobby to close');
  });

  it('keeps the lobbies of a broker that stops, for their hosts to claim back on another with the same code', async () => {
    const [a, b] = await cluster(2);
    const host = await peerOn(a!);
    const { code } = (await jsonBody(await open(a!, host))) as { code: string };
    await a!.close();
    expect(await lookup(b!, code)).toBe(host.id);
    const back = await openListening(b!, host.id, host.token);
    testCluster.track(back);
    expect(((await jsonBody(await open(b!, host))) as { code: string }).code).toBe(code);
  });
});

describe('GET /api/health', () => {
  it('says whether the Redis is up, which broker answered and how many peers it holds', async () => {
    const [a, b] = await cluster(2);
    await peerOn(a!);
    const health = (broker: Broker) => fetch(`${broker.url}/api/health`).then(jsonBody);
    expect(await health(a!)).toEqual({ ok: true, redis: 'up', broker: expect.stringMatching(/^[0-9a-f]{12}$/), peers: 1 });
    expect(await health(b!)).toMatchObject({ ok: true, redis: 'up', peers: 0 });
    expect(((await health(a!)) as { broker: string }).broker).not.toBe(((await health(b!)) as { broker: string }).broker);
  });

  it("says 'off' for a broker that runs alone", async () => {
    const alone = await startBroker({ port: 0, staticDir: undefined });
    testCluster.closeAfter(alone);
    expect(await jsonBody(await fetch(`${alone.url}/api/health`))).toEqual({ ok: true, redis: 'off', broker: expect.any(String), peers: 0 });
    await expectApiError(await fetch(`${alone.url}/api/health`, { method: 'POST' }), 405, 'method_not_allowed');
  });
});
