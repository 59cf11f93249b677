/**
 * The public lobby list of brokers sharing a real redis-server: a lobby listed through any broker
 * for a host on any other is listed, paged and quick-joined through all of them; only its host may
 * list it; quick join counts seats over all brokers; a listing goes with its lobby or its TTL and
 * leaves no key behind; the cap counts over all brokers; and without the Redis each broker answers
 * for its own hosts.
 */
import { randomBytes } from 'node:crypto';
import type { IClient } from 'peer';
import { createClient } from 'redis';
import { describe, expect, it, vi } from 'vitest';
import { startBroker, type Broker } from '../../../peer-server/src/broker.js';
import { ClusterLobbies } from '../../../peer-server/src/cluster/cluster-lobbies.js';
import { clusterKeys } from '../../../peer-server/src/cluster/redis-keys.js';
import { RedisLink } from '../../../peer-server/src/cluster/redis-link.js';
import { ConnectedPeers } from '../../../peer-server/src/connected-peers.js';
import { derivedLobbyCode } from '../../../peer-server/src/lobby-codes.js';
import type { ListingLimits } from '../../../peer-server/src/lobby-listings.js';
import { LobbyRegistry } from '../../../peer-server/src/lobby-registry.js';
import { LocalLobbies } from '../../../peer-server/src/local-lobbies.js';
import { freePort } from '../../support/ports.js';
import { expectApiError, jsonBody, postJson } from './support/api.js';
import { connectPeerSocket, type PeerSocket } from './support/peer-socket.js';
import { useRedisCluster } from './support/redis-cluster.js';
import { waitUntil } from './support/wait-until.js';

const testCluster = useRedisCluster();

/**
 * `count` brokers on the file's redis-server under a key prefix of the test's own, with these
 * listing limits. (The first broker the helper starts only tells where the redis-server is.)
 */
async function cluster(count: number, limits: Partial<ListingLimits> = {}): Promise<{ brokers: Broker[]; prefix: string }> {
  const [probe] = await testCluster.brokers(1);
  const { redisUrl, secret } = probe!.config;
  const prefix = `listings-${randomBytes(4).toString('hex')}:`;
  const brokers: Broker[] = [];
  for (let i = 0; i < count; i++) {
    const started = await startBroker({ port: 0, staticDir: undefined, secret, redisUrl, redisPrefix: prefix, lookupsPerMinute: 100_000 }, limits);
    brokers.push(testCluster.closeAfter(started));
  }
  return { brokers, prefix };
}

interface Host {
  readonly peer: PeerSocket;
  readonly code: string;
}

/** A host connected to `on`, whose lobby is opened through `through`. */
async function host(on: Broker, through = on): Promise<Host> {
  const peer = testCluster.track(await connectPeerSocket(on));
  const response = await postJson(`${through.url}/api/lobbies`, { hostPeerId: peer.id, token: peer.token });
  expect(response.status).toBe(201);
  return { peer, code: ((await jsonBody(response)) as { code: string }).code };
}

function put(on: Broker, code: string, as: { id: string; token: string }, listing: Record<string, unknown> = {}): Promise<Response> {
  return fetch(`${on.url}/api/lobbies/${code}/listing`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ hostPeerId: as.id, token: as.token, name: 'a lobby', mode: 'arena', players: 1, seats: 4, ...listing }),
  });
}

async function list(on: Broker, listed: Host, listing: Record<string, unknown> = {}): Promise<void> {
  const response = await put(on, listed.code, listed.peer, listing);
  expect(await jsonBody(response)).toEqual({ code: listed.code, ttlMs: expect.any(Number) });
}

interface Page {
  readonly lobbies: { code: string; name: string; mode: string; players: number; seats: number }[];
  readonly next?: string;
}

async function page(on: Broker, query = ''): Promise<Page> {
  const response = await fetch(`${on.url}/api/lobbies${query}`);
  expect(response.status).toBe(200);
  return (await jsonBody(response)) as Page;
}

const codes = (shown: Page): string[] => shown.lobbies.map((lobby) => lobby.code);

async function quickJoin(on: Broker, mode = 'arena'): Promise<unknown> {
  const response = await postJson(`${on.url}/api/quick-join`, { mode });
  return response.status === 200 ? jsonBody(response) : response.status;
}

describe('public lobbies shared by brokers', () => {
  it('lists a lobby through one broker for a host on another, and shows and quick-joins it through a third', async () => {
    const { brokers: [a, b, c] } = await cluster(3);
    const h = await host(a!, b!);
    await list(b!, h, { name: 'on a, through b', players: 2, seats: 4 });
    for (const broker of [a!, b!, c!]) {
      expect(await page(broker, '?mode=arena')).toEqual({ lobbies: [{ code: h.code, name: 'on a, through b', mode: 'arena', players: 2, seats: 4 }] });
    }
    expect(await quickJoin(c!)).toEqual({ code: h.code, hostPeerId: h.peer.id });
    // The seat quick join counted shows on every broker.
    expect((await page(a!)).lobbies[0]?.players).toBe(3);
  });

  it("lets nobody but the lobby's host list it, whichever broker is asked", async () => {
    const { brokers: [a, b] } = await cluster(2);
    const [h, other] = [await host(a!), await host(b!)];
    await expectApiError(await put(b!, h.code, other.peer), 403, 'not_host_owner');
    await expectApiError(await put(a!, h.code, { id: h.peer.id, token: 'not-the-token' }), 403, 'not_host_owner');
    await expectApiError(await put(b!, 'ZZZZZZ', h.peer), 404, 'lobby_not_found');
    await expectApiError(await put(b!, h.code, { id: 'nobody-here', token: 'x' }), 409, 'host_not_connected');
    expect(await page(a!)).toEqual({ lobbies: [] });
  });

  it('orders and pages the same on every broker: a cursor from one continues on another', async () => {
    const { brokers } = await cluster(3);
    const made: Host[] = [];
    for (const [index, players] of [1, 4, 2, 3, 2].entries()) {
      const h = await host(brokers[index % 3]!);
      await list(brokers[(index + 1) % 3]!, h, { players, seats: 8 });
      made.push(h);
    }
    const all = codes(await page(brokers[0]!));
    expect(all.slice(0, 2)).toEqual([made[1]!.code, made[3]!.code]);
    expect(all.slice(2, 4).sort()).toEqual([made[2]!.code, made[4]!.code].sort());
    expect(all[4]).toBe(made[0]!.code);
    const seen: string[] = [];
    let query = '?limit=2';
    for (let broker = 0; ; broker++) {
      const shown = await page(brokers[broker % 3]!, query);
      seen.push(...codes(shown));
      if (shown.next === undefined) break;
      query = `?limit=2&cursor=${encodeURIComponent(shown.next)}`;
    }
    expect(seen).toEqual(all);
  });

  it('counts the seats quick join hands out over all brokers, fullest lobby first', async () => {
    const { brokers: [a, b, c] } = await cluster(3);
    const [small, nearlyFull] = [await host(a!), await host(b!)];
    await list(a!, small, { players: 1, seats: 3 });
    await list(b!, nearlyFull, { players: 2, seats: 3 });
    const picks = [await quickJoin(c!), await quickJoin(a!), await quickJoin(b!), await quickJoin(c!)];
    expect(picks.map((pick) => (typeof pick === 'object' ? (pick as { code: string }).code : pick))).toEqual([nearlyFull.code, small.code, small.code, 404]);
    expect(await quickJoin(a!, 'ctf')).toBe(404);
  });

  it('drops a listing with its lobby when the host leaves, on every broker', async () => {
    const { brokers: [a, b] } = await cluster(2);
    const [h, stays] = [await host(a!), await host(b!)];
    await list(b!, h);
    await list(a!, stays);
    await h.peer.close();
    await waitUntil(async () => codes(await page(b!)).length === 1, 'the listing of the closed lobby to go');
    expect(codes(await page(a!))).toEqual([stays.code]);
  });

  it('lets a listing expire unless listed again, and sweeps its keys out of the Redis', async () => {
    const { brokers: [a, b], prefix } = await cluster(2, { ttlMs: 300 });
    const h = await host(a!);
    await list(b!, h);
    const keys = clusterKeys(prefix);
    const redis = createClient({ url: a!.config.redisUrl! });
    await redis.connect();
    try {
      expect(await redis.zCard(keys.listingDeadlines)).toBe(1);
      await waitUntil(async () => (await page(b!)).lobbies.length === 0, 'the listing to expire', 10_000);
      expect(await quickJoin(a!)).toBe(404);
      expect([await redis.zCard(keys.listingDeadlines), await redis.zCard(keys.openLobbies), await redis.zCard(keys.openLobbiesOf('arena')), await redis.exists(keys.listing(h.code))]).toEqual([0, 0, 0, 0]);
    } finally {
      await redis.quit();
    }
  });

  it('holds at most maxListings over all brokers', async () => {
    const { brokers: [a, b] } = await cluster(2, { maxListings: 1 });
    const [first, second] = [await host(a!), await host(b!)];
    await list(a!, first);
    await expectApiError(await put(b!, second.code, second.peer), 503, 'too_many_listings');
    await list(b!, first, { players: 2 });
  });
});

describe('without the Redis', () => {
  it("lists, pages and quick-joins this broker's own hosts from its memory", async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const nowhere = new RedisLink(`redis://127.0.0.1:${await freePort()}`);
    try {
      await nowhere.open(200);
      expect(nowhere.up).toBe(false);
      const secret = 'listing-test-secret-'.padEnd(40, 's');
      const peers = new ConnectedPeers();
      const registry = new LobbyRegistry((id, attempt) => derivedLobbyCode(secret, id, attempt));
      const local = new LocalLobbies(registry, (id) => peers.tokenOf(id));
      const lobbies = new ClusterLobbies({ link: nowhere, keys: clusterKeys('nowhere:'), secret, lobbyTtlMs: 30_000, local, registry, peers });
      const listings = lobbies.listings({ ttlMs: 30_000, maxListings: 10 });
      const id = randomBytes(16).toString('hex');
      const client = { getId: () => id, getToken: () => 'owner', getSocket: () => null, setSocket: () => undefined, getLastPing: () => 0, setLastPing: () => undefined, send: () => undefined } satisfies IClient;
      peers.add(client);
      const opened = await lobbies.open(id, 'owner');
      if (!('code' in opened)) throw new Error(`the lobby did not open: ${opened.refused}`);
      const fields = { name: 'alone', mode: 'arena', players: 1, seats: 2 };
      expect(await listings.list(opened.code, { hostPeerId: id, token: 'stranger' }, fields)).toEqual({ refused: 'not_host_owner' });
      expect(await listings.list(opened.code, { hostPeerId: id, token: 'owner' }, fields)).toEqual({ done: true });
      expect(await listings.page({ mode: 'arena', after: undefined, limit: 10 })).toEqual({ lobbies: [{ code: opened.code, ...fields }], next: undefined });
      expect(await listings.quickJoin('arena')).toEqual({ code: opened.code, hostPeerId: id });
      expect(await listings.quickJoin('arena')).toBeUndefined();
    } finally {
      nowhere.close();
      warn.mockRestore();
    }
  });
});
