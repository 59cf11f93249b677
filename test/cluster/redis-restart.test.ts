/**
 * The Redis behind three broker processes (behind haproxy) restarts mid-game, empty: while it is
 * away every broker says so in `GET /api/health` and in its log, and the game goes on over its
 * WebRTC links; once it is back the brokers say so, put back their peers and lobbies, and a new
 * player joins by the same code through the load balancer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installNodeGlobals } from '../../engine/src/node/install-globals.js';
import { waitFor } from '../support/wait.js';
import { startBrokerCluster, type BrokerCluster } from './support/broker-cluster.js';
import { converged, hostSquares, joinSquares, squareOf, type SquareClient, type SquareGameHost } from './support/square-game.js';

installNodeGlobals();

describe('a Redis restart under three brokers', () => {
  let cluster: BrokerCluster;
  let game: SquareGameHost;
  const clients: SquareClient[] = [];

  beforeAll(async () => {
    cluster = await startBrokerCluster(3);
    await cluster.aimNextRequestAt(1);
    game = await hostSquares(cluster.lb.url);
    await cluster.aimNextRequestAt(1);
    clients.push(await joinSquares(cluster.lb.url, game.code, 'ann'));
    await waitFor(() => clients[0]!.state !== undefined, 'the first client to receive a snapshot', 20_000);
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    game?.host.close();
    await cluster?.stop();
  });

  const everyBroker = async (redis: 'up' | 'down'): Promise<boolean> =>
    (await Promise.all(cluster.brokers.map((broker) => cluster.health(broker)))).every((health) => health.redis === redis && health.ok === (redis === 'up'));

  async function playRound(what: string): Promise<void> {
    const start = new Map(clients.map((c) => [c.playerId, squareOf(game.host.state, c.playerId)?.y ?? 0]));
    for (const client of clients) client.setInput({ dx: 0, dy: 1 });
    await waitFor(() => clients.every((c) => (squareOf(game.host.state, c.playerId)?.y ?? 0) > (start.get(c.playerId) ?? 0) + 10), `every square to move (${what})`, 20_000);
    for (const client of clients) client.setInput({ dx: 0, dy: 0 });
    await waitFor(() => converged(game.host, clients), `every client to agree with the host (${what})`, 20_000);
  }

  it('is reported down by every broker while the game goes on, then up again, and a new client joins by the same code', async () => {
    await cluster.redis.kill();
    await waitFor(() => everyBroker('down'), 'every broker to report the Redis down', 10_000, 50);
    for (const broker of cluster.brokers) expect(broker.process.stderr()).toMatch(/Redis at 127\.0\.0\.1:\d+ is down \(.*\); serving only this broker's peers/);
    await playRound('without the Redis');

    await cluster.redis.start();
    await waitFor(() => everyBroker('up'), 'every broker to report the Redis up', 10_000, 50);
    for (const broker of cluster.brokers) expect(broker.process.stdout().match(/Redis at 127\.0\.0\.1:\d+ is up/g)).toHaveLength(2);

    // Aimed at the broker neither peer is on: the join crosses brokers through the restored Redis.
    await cluster.aimNextRequestAt(2);
    clients.push(await joinSquares(cluster.lb.url, game.code, 'bob'));
    await waitFor(() => clients[1]!.state !== undefined, 'the new client to receive a snapshot', 20_000);
    expect(game.host.players().map((p) => p.name)).toEqual(['host', 'ann', 'bob']);
    await playRound('after the Redis came back');
  });
});
