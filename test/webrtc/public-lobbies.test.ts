/**
 * Public lobbies with the engine's own calls over real WebRTC (node-datachannel) and the real
 * broker: `hostGame({ public })` lists the lobby, `listLobbies` shows it with its players kept up to
 * date, `quickJoin` picks the fullest with a free seat and `joinGame` plays in it; a host that
 * closes leaves the list at once, and a host whose broker restarts is listed again by itself.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { movingSquare } from '../../engine/examples/moving-square.js';
import { hostGame, type HostedGame } from '../../engine/src/game/host-game.js';
import { joinGame } from '../../engine/src/game/join-game.js';
import { installNodeGlobals } from '../../engine/src/node/install-globals.js';
import { listLobbies, quickJoin } from '../../engine/src/transport/peerjs/lobby-listing.js';
import type { NoMessages } from '../../engine/src/session/message-declaration.js';
import { startBroker, type Broker } from '../../peer-server/src/broker.js';
import type { SquareClient, SquareSchema, World } from '../support/loopback-game.js';
import { waitFor } from '../support/wait.js';

installNodeGlobals();

type Hosted = HostedGame<World, SquareSchema, NoMessages>;

const SECRET = 'public-lobby-secret-'.padEnd(40, 'p');

describe('public lobbies over real WebRTC', () => {
  const brokers: Broker[] = [];
  const hosts: { host: { close(): void } }[] = [];
  const clients: SquareClient[] = [];

  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
    for (const { host } of hosts.splice(0)) host.close();
  });

  afterAll(async () => {
    await Promise.all(brokers.map((broker) => broker.close()));
  });

  async function broker(port = 0): Promise<Broker> {
    const started = await startBroker({ port, iceServers: [], staticDir: undefined, secret: SECRET });
    brokers.push(started);
    return started;
  }

  async function host(brokerUrl: string, name: string, maxPlayers: number): Promise<Hosted> {
    const hosted = await hostGame({
      brokerUrl,
      iceServers: [],
      simulation: movingSquare,
      hostPlayer: { name },
      maxPlayers,
      public: { name: `${name}'s squares`, mode: 'squares' },
      brokerReconnect: { firstDelayMs: 100, maxDelayMs: 500 },
    });
    hosts.push(hosted);
    return hosted;
  }

  async function quickPlay(brokerUrl: string, name: string): Promise<{ code: string; client: SquareClient }> {
    const lobby = await quickJoin(brokerUrl, { mode: 'squares' });
    if (!lobby) throw new Error('quick join found no open lobby');
    const client = await joinGame({ brokerUrl, iceServers: [], code: lobby.code, simulation: movingSquare, name });
    clients.push(client);
    await waitFor(() => client.playerId !== undefined && client.state !== undefined, `${name} to join and get a snapshot`);
    return { code: lobby.code, client };
  }

  const shown = async (brokerUrl: string) => (await listLobbies(brokerUrl, { mode: 'squares' })).lobbies.map(({ code, players, seats }) => `${code} ${players}/${seats}`);

  it('lists a hosted lobby, keeps its players up to date, and fills the fullest lobby first through quick join', async () => {
    const { url } = await broker();
    const big = await host(url, 'hana', 3);
    await waitFor(() => big.listing?.listed, 'the first lobby to be listed');
    expect(await listLobbies(url)).toEqual({ lobbies: [{ code: big.code, name: "hana's squares", mode: 'squares', players: 1, seats: 3 }], next: undefined });
    expect(await quickJoin(url, { mode: 'other' })).toBeUndefined();

    const first = await quickPlay(url, 'ann');
    expect(first.code).toBe(big.code);
    await waitFor(async () => (await shown(url)).includes(`${big.code} 2/3`), 'the listing to count the new player');

    const small = await host(url, 'kai', 3);
    await waitFor(() => small.listing?.listed, 'the second lobby to be listed');
    expect(await shown(url)).toEqual([`${big.code} 2/3`, `${small.code} 1/3`]);
    // The fullest lobby with a free seat first: the big one takes its last player and leaves the list.
    const second = await quickPlay(url, 'bob');
    expect(second.code).toBe(big.code);
    expect(big.host.players().map((p) => p.name)).toEqual(['hana', 'ann', 'bob']);
    await waitFor(async () => (await shown(url)).join() === `${small.code} 1/3`, 'the full lobby to leave the list');
    const third = await quickPlay(url, 'cid');
    expect(third.code).toBe(small.code);
    await waitFor(async () => (await shown(url)).join() === `${small.code} 2/3`, 'the other lobby to count its player');

    // Moving proves the quick-joined player plays: the host sees its square move.
    third.client.setInput({ dx: 1, dy: 0 });
    const id = third.client.playerId!;
    await waitFor(() => (small.host.view().entities.find((e) => e.id === id)?.values.x ?? 0) > 10, "the host to see cid's square move");

    small.host.close();
    await waitFor(async () => (await shown(url)).length === 0, 'the closed lobby to leave the list');
  });

  it('is listed again by itself after its broker restarts', async () => {
    const first = await broker();
    const hosted = await host(first.url, 'hana', 4);
    await waitFor(() => hosted.listing?.listed, 'the lobby to be listed');
    const listedAgain: number[] = [];
    hosted.listing!.on('listed', ({ players }) => listedAgain.push(players));
    await first.close();
    // The new broker knows nothing of the lobby or its listing until the host is back and lists it.
    const second = await broker(first.port);
    await waitFor(() => listedAgain.length > 0, 'the host to list its lobby again on the new broker', 20_000);
    expect(await shown(second.url)).toEqual([`${hosted.code} 1/4`]);
    expect((await quickJoin(second.url, { mode: 'squares' }))?.code).toBe(hosted.code);
  });
});
