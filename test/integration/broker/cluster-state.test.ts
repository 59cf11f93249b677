/**
 * The state brokers share in Redis, against a real redis-server, piece by piece: whose each peer
 * id is (presence), lobbies and their expiry, and lookup budgets; and what each piece answers
 * from the broker's own memory while the Redis cannot be reached.
 */
import { randomBytes } from 'node:crypto';
import type { IClient } from 'peer';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ClusterLobbies } from '../../../peer-server/src/cluster/cluster-lobbies.js';
import { ClusterLookups } from '../../../peer-server/src/cluster/cluster-lookups.js';
import { ClusterPresence } from '../../../peer-server/src/cluster/cluster-presence.js';
import { clusterKeys, type ClusterKeys } from '../../../peer-server/src/cluster/redis-keys.js';
import { RedisLink } from '../../../peer-server/src/cluster/redis-link.js';
import { ConnectedPeers } from '../../../peer-server/src/connected-peers.js';
import { derivedLobbyCode } from '../../../peer-server/src/lobby-codes.js';
import { LobbyRegistry } from '../../../peer-server/src/lobby-registry.js';
import { LocalLobbies } from '../../../peer-server/src/local-lobbies.js';
import { RateLimiter } from '../../../peer-server/src/rate-limiter.js';
import { freePort } from '../../support/ports.js';
import { startRedisServer, type RedisServer } from '../../cluster/support/redis-server.js';
import { waitUntil } from './support/wait-until.js';

const SECRET = 'state-test-secret-'.padEnd(40, 's');
const TIMING = { presenceTtlMs: 10_000, lobbyTtlMs: 20_000 };

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

/** One broker's view of the shared state, under a key prefix of the test's own. */
interface BrokerState {
  readonly presence: ClusterPresence;
  readonly lobbies: ClusterLobbies;
  readonly registry: LobbyRegistry;
  readonly peers: ConnectedPeers;
}

function brokerState(keys: ClusterKeys, brokerId: string, over = link, timing = TIMING): BrokerState {
  const peers = new ConnectedPeers();
  const registry = new LobbyRegistry((host, attempt) => derivedLobbyCode(SECRET, host, attempt));
  const local = new LocalLobbies(registry, (id) => peers.tokenOf(id));
  return {
    presence: new ClusterPresence(over, keys, brokerId, timing),
    lobbies: new ClusterLobbies({ link: over, keys, secret: SECRET, lobbyTtlMs: timing.lobbyTtlMs, local, registry, peers }),
    registry,
    peers,
  };
}

const freshKeys = (): ClusterKeys => clusterKeys(`state-${randomBytes(4).toString('hex')}:`);
const peerId = (): string => randomBytes(16).toString('hex');

/** A connected peer as PeerServer records one, without a socket. */
function fakeClient(id: string, token: string): IClient {
  return { getId: () => id, getToken: () => token, getSocket: () => null, setSocket: () => undefined, getLastPing: () => 0, setLastPing: () => undefined, send: () => undefined };
}

describe('presence: whose each peer id is', () => {
  it('is one token\'s on every broker: the same token moves the id, another is refused, and only the holder releases it', async () => {
    const keys = freshKeys();
    const [a, b] = [brokerState(keys, 'broker-a'), brokerState(keys, 'broker-b')];
    const id = peerId();
    expect(await a.presence.claim(id, 'token-1')).toEqual({ claimed: true, code: undefined });
    expect(await b.presence.claim(id, 'token-2')).toEqual({ claimed: false });
    expect(await b.presence.claim(id, 'token-1')).toEqual({ claimed: true, code: undefined });
    expect(await link.commands.hGet(keys.peer(id), 'broker')).toBe('broker-b');
    await a.presence.release(id);
    expect(await link.commands.hGet(keys.peer(id), 'broker')).toBe('broker-b');
    await b.presence.release(id);
    expect(await link.commands.exists(keys.peer(id))).toBe(0);
  });

  it("keeps the token's hash, never the token", async () => {
    const keys = freshKeys();
    const id = peerId();
    await brokerState(keys, 'broker-a').presence.claim(id, 'the-secret-token');
    const stored = await link.commands.hGetAll(keys.peer(id));
    expect(stored.token).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain('the-secret-token');
  });

  it('guards a lobby host id even once its presence expired: only the owner claims it, and gets its code', async () => {
    const keys = freshKeys();
    const [a, b] = [brokerState(keys, 'broker-a'), brokerState(keys, 'broker-b')];
    const host = peerId();
    await a.presence.claim(host, 'owner');
    const opened = await a.lobbies.open(host, 'owner');
    await link.commands.del(keys.peer(host));
    expect(await b.presence.claim(host, 'stranger')).toEqual({ claimed: false });
    expect(await b.presence.claim(host, 'owner')).toEqual({ claimed: true, code: (opened as { code: string }).code });
  });
});

describe('lobbies in Redis', () => {
  it('opens for a host some broker holds, with the derived code, resolves on every broker, and refuses others', async () => {
    const keys = freshKeys();
    const [a, b] = [brokerState(keys, 'broker-a'), brokerState(keys, 'broker-b')];
    const host = peerId();
    expect(await b.lobbies.open(host, 'owner')).toEqual({ refused: 'host_not_connected' });
    await a.presence.claim(host, 'owner');
    expect(await b.lobbies.open(host, 'stranger')).toEqual({ refused: 'not_host_owner' });
    const code = derivedLobbyCode(SECRET, host, 0);
    expect(await b.lobbies.open(host, 'owner')).toEqual({ code });
    expect(await a.lobbies.resolve(code.toLowerCase())).toBe(host);
    expect(await link.commands.hGetAll(keys.lobby(code))).toEqual({ host, owner: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('takes the next derived code when the first is held by another host', async () => {
    const keys = freshKeys();
    const a = brokerState(keys, 'broker-a');
    const host = peerId();
    await link.commands.hSet(keys.lobby(derivedLobbyCode(SECRET, host, 0)), { host: 'someone-else', owner: 'x' });
    await a.presence.claim(host, 'owner');
    expect(await a.lobbies.open(host, 'owner')).toEqual({ code: derivedLobbyCode(SECRET, host, 1) });
  });

  it('expires unless renewed; a renewal sets its time to live back to the full span', async () => {
    const keys = freshKeys();
    const short = { presenceTtlMs: 300, lobbyTtlMs: 600 };
    const a = brokerState(keys, 'broker-a', link, short);
    const host = peerId();
    await a.presence.claim(host, 'owner');
    const { code } = (await a.lobbies.open(host, 'owner')) as { code: string };
    await waitUntil(async () => (await link.commands.pTTL(keys.lobby(code))) < 450, 'the lobby to age');
    expect(await a.presence.renew([{ id: host, token: 'owner', code }])).toEqual([{ code }]);
    expect(await link.commands.pTTL(keys.lobby(code))).toBeGreaterThan(500);
    expect(await link.commands.pTTL(keys.hostLobby(host))).toBeGreaterThan(500);
    expect(await link.commands.pTTL(keys.peer(host))).toBeGreaterThan(200);
    await waitUntil(async () => (await a.lobbies.resolve(code)) === undefined, 'the lobby to expire', 3000);
    expect(await link.commands.exists([keys.peer(host), keys.hostLobby(host)])).toBe(0);
  });

  it("closes with its host's release", async () => {
    const keys = freshKeys();
    const a = brokerState(keys, 'broker-a');
    const host = peerId();
    await a.presence.claim(host, 'owner');
    const { code } = (await a.lobbies.open(host, 'owner')) as { code: string };
    await a.presence.release(host);
    expect(await a.lobbies.resolve(code)).toBeUndefined();
  });
});

describe('renewal', () => {
  it('puts back what a Redis that restarted empty lost: the presence, and the lobby the broker remembers', async () => {
    const keys = freshKeys();
    const [a, b] = [brokerState(keys, 'broker-a'), brokerState(keys, 'broker-b')];
    const host = peerId();
    await a.presence.claim(host, 'owner');
    const { code } = (await a.lobbies.open(host, 'owner')) as { code: string };
    const lost = await link.commands.keys(`${keys.prefixes.peer.replace(/peer:$/, '')}*`);
    await link.commands.del(lost);
    expect(await b.lobbies.resolve(code)).toBeUndefined();
    expect(await a.presence.renew([{ id: host, token: 'owner', code }])).toEqual([{ code }]);
    expect(await b.lobbies.resolve(code)).toBe(host);
    expect(await link.commands.hGet(keys.peer(host), 'broker')).toBe('broker-a');
  });

  it('says when another broker holds a peer now (moved), or another token does (taken)', async () => {
    const keys = freshKeys();
    const [a, b] = [brokerState(keys, 'broker-a'), brokerState(keys, 'broker-b')];
    const [moving, contested, staying] = [peerId(), peerId(), peerId()];
    for (const id of [moving, contested, staying]) await a.presence.claim(id, 'owner');
    await b.presence.claim(moving, 'owner');
    await link.commands.hSet(keys.peer(contested), 'token', 'another-token-hash');
    const renewed = await a.presence.renew([moving, contested, staying].map((id) => ({ id, token: 'owner', code: undefined })));
    expect(renewed).toEqual(['moved', 'taken', { code: undefined }]);
  });
});

describe('lookup budgets', () => {
  it('are counted per address over all brokers, and forgotten once full again', async () => {
    const keys = freshKeys();
    const [a, b] = [new ClusterLookups(link, keys, 2, new RateLimiter({ perMinute: 2 })), new ClusterLookups(link, keys, 2, new RateLimiter({ perMinute: 2 }))];
    expect(await a.take('192.0.2.1')).toEqual({ allowed: true });
    expect(await b.take('192.0.2.1')).toEqual({ allowed: true });
    const refused = await a.take('192.0.2.1');
    expect(refused.allowed).toBe(false);
    expect((refused as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(25_000);
    expect((refused as { retryAfterMs: number }).retryAfterMs).toBeLessThanOrEqual(30_000);
    expect(await b.take('192.0.2.2')).toEqual({ allowed: true });
    const ttl = await link.commands.pTTL(keys.lookups('192.0.2.1'));
    expect(ttl).toBeGreaterThan(55_000);
    expect(ttl).toBeLessThanOrEqual(60_001);
  });
});

describe('without the Redis', () => {
  it("answers from the broker's own memory: its hosts' lobbies and its own lookup budget", async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const nowhere = new RedisLink(`redis://127.0.0.1:${await freePort()}`);
    try {
      await nowhere.open(200);
      expect(nowhere.up).toBe(false);
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/Redis at 127\.0\.0\.1:\d+ is unreachable .*serving only this broker's peers/));
      const keys = freshKeys();
      const alone = brokerState(keys, 'broker-a', nowhere);
      const host = peerId();
      expect(await alone.presence.claim(host, 'owner').catch(() => 'failed')).toBe('failed');
      alone.peers.add(fakeClient(host, 'owner'));
      const code = derivedLobbyCode(SECRET, host, 0);
      expect(await alone.lobbies.open(host, 'owner')).toEqual({ code });
      expect(await alone.lobbies.open(host, 'stranger')).toEqual({ refused: 'not_host_owner' });
      expect(await alone.lobbies.resolve(code)).toBe(host);
      const lookups = new ClusterLookups(nowhere, keys, 1, new RateLimiter({ perMinute: 1 }));
      expect(await lookups.take('192.0.2.1')).toEqual({ allowed: true });
      expect((await lookups.take('192.0.2.1')).allowed).toBe(false);
    } finally {
      nowhere.close();
      warn.mockRestore();
    }
  });
});
