/**
 * Three broker processes sharing a redis-server, behind haproxy (round robin), and players over
 * real WebRTC (node-datachannel) who know only the load balancer's URL: a host on one broker and
 * clients on the others join by code and play; then the host's broker is SIGKILLed mid-game. The
 * game goes on (its links never touched a broker), a new client joins by the code at once (its
 * offer waits in Redis), and the host comes back through the load balancer to another broker
 * under its id and keeps its code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installNodeGlobals } from '../../engine/src/node/install-globals.js';
import { waitFor } from '../support/wait.js';
import { startBrokerCluster, type BrokerCluster } from './support/broker-cluster.js';
import { converged, hostSquares, joinSquares, squareOf, type SquareClient, type SquareGameHost } from './support/square-game.js';

installNodeGlobals();

describe('three brokers behind a load balancer', () => {
  let cluster: BrokerCluster;
  let game: SquareGameHost;
  const clients: SquareClient[] = [];
  const restored: number[] = [];

  beforeAll(async () => {
    cluster = await startBrokerCluster(3);
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    game?.host.close();
    await cluster?.stop();
  });

  /** Moves every player's square a little and waits until they all agree with the host again. */
  async function playRound(what: string): Promise<void> {
    const before = new Map(clients.map((c) => [c.playerId, squareOf(game.host.state, c.playerId)?.x ?? 0]));
    for (const client of clients) client.setInput({ dx: 1, dy: 0 });
    await waitFor(() => clients.every((c) => (squareOf(game.host.state, c.playerId)?.x ?? 0) > (before.get(c.playerId) ?? 0) + 10), `every square to move (${what})`, 20_000);
    for (const client of clients) client.setInput({ dx: 0, dy: 0 });
    await waitFor(() => converged(game.host, clients), `every client to agree with the host (${what})`, 20_000);
  }

  it('has a host on one broker and clients on the others join by code through the load balancer', async () => {
    // Round robin takes the brokers in turn; each player is aimed at its own. A host's third
    // request opens its signaling socket (config, id, socket), a client's fourth (lookup first).
    await cluster.aimNextRequestAt(1);
    game = await hostSquares(cluster.lb.url);
    game.transport.on('brokerRestored', ({ attempts }) => restored.push(attempts));
    for (const [index, name] of [[1, 'ann'], [2, 'bob']] as const) {
      await cluster.aimNextRequestAt(index);
      clients.push(await joinSquares(cluster.lb.url, game.code, name));
    }
    await waitFor(() => clients.every((c) => c.state !== undefined), 'both clients to receive a snapshot', 20_000);
    expect(game.host.players().map((p) => p.name)).toEqual(['host', 'ann', 'bob']);
    const spread = await Promise.all(cluster.brokers.map((broker) => cluster.health(broker)));
    expect(spread.map((health) => health.peers), cluster.logs()).toEqual([1, 1, 1]);
    expect(spread.every((health) => health.redis === 'up' && health.ok)).toBe(true);
    await playRound('before any broker dies');
  });

  it("goes on when the host's broker is killed; a new client joins by the code while the host comes back to another broker", async () => {
    const doomed = await cluster.brokerOf(game.transport.id);
    expect(doomed, cluster.logs()).toBeDefined();
    await doomed!.kill();
    // Asked at once: the lobby outlives the dead broker, and the offer waits in Redis for the host
    // to reach another broker through its reconnect backoff.
    const joining = joinSquares(cluster.lb.url, game.code, 'cid');
    await playRound('with the host away from any broker');
    clients.push(await joining);
    await waitFor(() => restored.length === 1, "the host's return to a broker", 20_000);
    const survivor = await cluster.brokerOf(game.transport.id);
    expect(survivor).toBeDefined();
    expect(survivor).not.toBe(doomed);
    expect(game.transport.lobbyCode).toBe(game.code);

    await waitFor(() => clients[2]!.state !== undefined, 'the new client to receive a snapshot', 20_000);
    expect(game.host.players().map((p) => p.name)).toEqual(['host', 'ann', 'bob', 'cid']);
    await playRound('after the new join');
    const living = cluster.brokers.filter((broker) => broker.running);
    const peers = (await Promise.all(living.map((broker) => cluster.health(broker)))).reduce((sum, health) => sum + health.peers, 0);
    expect(peers).toBe(4);
  });
});
