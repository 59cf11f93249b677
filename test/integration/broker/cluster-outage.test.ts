/**
 * Brokers whose shared redis-server dies and comes back empty (no persistence, as the tests run
 * it): meanwhile each broker says so in its log and in `GET /api/health`, and serves what it can
 * alone (signaling between its own peers, its own hosts' lobbies), and a broker started meanwhile
 * starts anyway; once the Redis is back they say so, put back their peers' whereabouts and
 * lobbies, and signal across brokers again.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Broker } from '../../../peer-server/src/broker.js';
import { startRedisServer, type RedisServer } from '../../cluster/support/redis-server.js';
import { jsonBody, postJson } from './support/api.js';
import { startClusterBrokers } from './support/cluster-brokers.js';
import { connectPeerSocket, type PeerSocket } from './support/peer-socket.js';
import { candidateMessage, connectionIdOf, inbox, offerMessage } from './support/signals.js';
import { waitUntil } from './support/wait-until.js';

describe('a Redis that goes away and comes back empty', () => {
  let redis: RedisServer;
  let a: Broker;
  let b: Broker;
  /** Started while the Redis was down. */
  let late: Broker | undefined;
  const sockets: PeerSocket[] = [];
  const logged: string[] = [];
  const received = new Map<string, Record<string, unknown>[]>();
  let host: PeerSocket;
  let code: string;
  /** A host whose lobby was opened while the Redis was down. */
  let lateHost: PeerSocket;
  let lateCode: string;

  const peerOn = async (broker: Broker): Promise<PeerSocket> => {
    const peer = await connectPeerSocket(broker);
    sockets.push(peer);
    received.set(peer.id, inbox(peer.socket));
    return peer;
  };
  const inboxOf = (peer: PeerSocket): Record<string, unknown>[] => received.get(peer.id)!;
  const send = (from: PeerSocket, message: unknown): void => from.socket.send(JSON.stringify(message));
  const health = async (broker: Broker): Promise<unknown> => jsonBody(await fetch(`${broker.url}/api/health`));
  const lookup = async (broker: Broker, lobby: string): Promise<unknown> => {
    const response = await fetch(`${broker.url}/api/lobbies/${lobby}`);
    return response.status === 200 ? ((await response.json()) as { hostPeerId: string }).hostPeerId : response.status;
  };
  const openLobby = async (broker: Broker, peer: PeerSocket): Promise<string> => {
    const response = await postJson(`${broker.url}/api/lobbies`, { hostPeerId: peer.id, token: peer.token });
    expect(response.status).toBe(201);
    return ((await response.json()) as { code: string }).code;
  };

  beforeAll(async () => {
    for (const method of ['log', 'warn'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(args.join(' ')));
    }
    redis = await startRedisServer();
    [a, b] = (await startClusterBrokers(redis.url, 2)) as [Broker, Broker];
    host = await peerOn(a);
    // Opened through the other broker: the host's own broker learns the code from it.
    code = await openLobby(b, host);
  });

  afterAll(async () => {
    for (const { socket } of sockets) socket.terminate();
    await Promise.all([a?.close(), b?.close(), late?.close()]);
    await redis?.stop();
    vi.restoreAllMocks();
  });

  it('is said in health and in the log, and each broker serves its own peers meanwhile', async () => {
    await redis.kill();
    await waitUntil(async () => ((await health(a)) as { redis: string }).redis === 'down' && ((await health(b)) as { redis: string }).redis === 'down', 'both brokers to see the Redis down');
    expect(await health(a)).toMatchObject({ ok: false, redis: 'down', peers: 1 });
    expect(logged.filter((line) => /Redis at 127\.0\.0\.1:\d+ is down .*serving only this broker's peers/.test(line))).toHaveLength(2);

    const neighbour = await peerOn(a);
    send(neighbour, offerMessage(host.id, 'dc_same_broker'));
    await waitUntil(() => inboxOf(host).length === 1, 'an offer between peers of one broker');
    expect(inboxOf(host)[0]).toMatchObject({ type: 'OFFER', src: neighbour.id });

    expect(await lookup(a, code)).toBe(host.id);
    expect(await lookup(b, code)).toBe(404);
    lateHost = await peerOn(a);
    lateCode = await openLobby(a, lateHost);
    expect(await lookup(a, lateCode)).toBe(lateHost.id);

    // It waits a few seconds for the Redis, then serves alone.
    [late] = await startClusterBrokers(redis.url, 1, { redisPrefix: a.config.redisPrefix });
    expect(late!.health()).toMatchObject({ ok: false, redis: 'down' });
    expect(logged.some((line) => /Redis at 127\.0\.0\.1:\d+ is unreachable .*serving only this broker's peers until it is back/.test(line))).toBe(true);
  });

  it('is said again once it is back, with whereabouts and lobbies put back and signaling across brokers again', async () => {
    await redis.start();
    const allUp = async (): Promise<boolean> => (await Promise.all([a, b, late!].map(health))).every((h) => (h as { redis: string }).redis === 'up');
    await waitUntil(allUp, 'every broker to see the Redis up', 10_000);
    expect(await health(b)).toMatchObject({ ok: true, redis: 'up' });
    expect(logged.filter((line) => /Redis at 127\.0\.0\.1:\d+ is up/.test(line))).toHaveLength(5);

    await waitUntil(async () => (await lookup(b, code)) === host.id, "the host's lobby to be known on the other broker again");
    await waitUntil(async () => (await lookup(b, lateCode)) === lateHost.id, 'the lobby opened meanwhile to be known there too');
    const joiner = await peerOn(b);
    send(joiner, candidateMessage(host.id, 'dc_across_again'));
    await waitUntil(() => inboxOf(host).some((m) => connectionIdOf(m) === 'dc_across_again'), 'a signal across brokers');
    send(host, candidateMessage(joiner.id, 'dc_back'));
    await waitUntil(() => inboxOf(joiner).some((m) => connectionIdOf(m) === 'dc_back'), 'a signal back');
    const newcomer = await peerOn(late!);
    send(newcomer, candidateMessage(host.id, 'dc_from_late'));
    await waitUntil(() => inboxOf(host).some((m) => connectionIdOf(m) === 'dc_from_late'), 'a signal from the broker that started alone');
  });
});
