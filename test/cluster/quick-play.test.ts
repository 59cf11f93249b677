/**
 * A fleet of public hosts filled by quick play: three broker processes sharing a redis-server
 * behind haproxy, two hosts each listing its lobby through a broker of its own, and players who
 * know only the load balancer's URL and a game mode. Each quick join lands wherever round robin
 * sends it, yet the fullest lobby with a free seat fills first, and once every seat is taken there
 * is none to join.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostGame, joinGame, quickJoin, type HostedGame, type NoMessages } from '../../engine/src/index.js';
import { movingSquare } from '../../engine/examples/moving-square.js';
import { installNodeGlobals } from '../../engine/src/node/install-globals.js';
import { waitFor } from '../support/wait.js';
import { startBrokerCluster, type BrokerCluster } from './support/broker-cluster.js';
import { BROKER_RECONNECT, type SquareClient } from './support/square-game.js';

installNodeGlobals();

type Hosted = HostedGame<ReturnType<typeof movingSquare.initialState>, typeof movingSquare.schema, NoMessages>;

describe('quick play over three brokers behind a load balancer', () => {
  let cluster: BrokerCluster;
  const hosts: Hosted[] = [];
  const clients: SquareClient[] = [];
  /** The players each host last listed itself with. */
  const listedPlayers = new Map<Hosted, number>();

  beforeAll(async () => {
    cluster = await startBrokerCluster(3);
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    for (const { host } of hosts) host.close();
    await cluster?.stop();
  });

  async function host(index: number, name: string, maxPlayers: number): Promise<Hosted> {
    await cluster.aimNextRequestAt(index);
    const hosted = await hostGame({
      brokerUrl: cluster.lb.url,
      iceServers: [],
      brokerReconnect: BROKER_RECONNECT,
      simulation: movingSquare,
      hostPlayer: { name },
      maxPlayers,
      public: { name, mode: 'squares' },
    });
    hosts.push(hosted);
    hosted.listing?.on('listed', ({ players }) => listedPlayers.set(hosted, players));
    await waitFor(() => hosted.listing?.listed, `${name}'s lobby to be listed`, 20_000);
    return hosted;
  }

  it('fills the fullest lobby with a free seat first, whichever broker each player reaches', async () => {
    const small = await host(0, 'small', 2);
    const big = await host(1, 'big', 3);
    const spread = await Promise.all(cluster.brokers.map((broker) => cluster.health(broker)));
    // Each host on a broker of its own; the players' quick joins and links go wherever they are sent.
    expect(spread.map((health) => health.peers).sort(), cluster.logs()).toEqual([0, 1, 1]);

    const joined: string[] = [];
    for (const name of ['ann', 'bob', 'cid']) {
      const lobby = await quickJoin(cluster.lb.url, { mode: 'squares' });
      expect(lobby, `a lobby for ${name}`).toBeDefined();
      const client = await joinGame({ brokerUrl: cluster.lb.url, iceServers: [], brokerReconnect: BROKER_RECONNECT, code: lobby!.code, simulation: movingSquare, name });
      clients.push(client);
      await waitFor(() => client.playerId !== undefined, `${name} to be let in`, 20_000);
      const target = [small, big].find((hosted) => hosted.code === lobby!.code);
      joined.push(target === small ? 'small' : target === big ? 'big' : lobby!.code);
      // The next quick join sees what the host says now, whenever its own refreshes fall.
      if (target) await waitFor(() => listedPlayers.get(target) === target.host.players().length, `the host to list ${name}`, 20_000);
    }
    // One player each at first: the small lobby has fewer free seats, so it fills first.
    expect(joined).toEqual(['small', 'big', 'big']);
    expect(small.host.players().map((p) => p.name)).toEqual(['small', 'ann']);
    expect(big.host.players().map((p) => p.name)).toEqual(['big', 'bob', 'cid']);
    // Once each host has listed its full house, nothing is left to join.
    await waitFor(() => small.listing?.listed && big.listing?.listed && listedPlayers.get(small) === 2 && listedPlayers.get(big) === 3, 'both hosts to list themselves full', 20_000);
    expect(await quickJoin(cluster.lb.url, { mode: 'squares' })).toBeUndefined();
  });
});
