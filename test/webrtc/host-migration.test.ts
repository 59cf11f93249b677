/**
 * Host migration over real WebRTC through the real broker: the host runs in a process of its own
 * and is killed (a crash) or told to leave; its successor, a player in this process, takes the
 * lobby over, the others rejoin it as themselves, the lobby code still leads to the game and is on
 * the public list again under the new host, and a new player joins the new host by that code.
 */
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { resolveLobby } from '../../engine/src/transport/peerjs/broker-client.js';
import { listLobbies } from '../../engine/src/transport/peerjs/lobby-listing.js';
import { joinGame } from '../../engine/src/game/join-game.js';
import { installNodeGlobals } from '../../engine/src/node/install-globals.js';
import { startBroker, type Broker } from '../../peer-server/src/broker.js';
import { match, migrationMessages, type MatchClient, type MatchHost } from '../support/migration-game.js';
import { waitFor } from '../support/wait.js';
import { startHostProcess, type HostProcess } from './support/host-process.js';

installNodeGlobals();

const NAMES = ['Bob', 'Cy', 'Di'];

/** How the broker's public list shows the lobby `code`, as `players/seats`; undefined while it is not listed. */
async function listed(brokerUrl: string, code: string): Promise<string | undefined> {
  const lobby = (await listLobbies(brokerUrl, { mode: 'migration' })).lobbies.find((l) => l.code === code && l.name === "Ada's match");
  return lobby && `${lobby.players}/${lobby.seats}`;
}

describe('host migration over WebRTC', () => {
  let broker: Broker;
  let hostProcess: HostProcess | undefined;
  let clients: MatchClient[] = [];
  let hosts: MatchHost[] = [];

  beforeAll(async () => {
    broker = await startBroker({ port: 0, iceServers: [], staticDir: undefined });
  });
  afterEach(async () => {
    for (const client of clients) client.close();
    for (const host of hosts) host.close();
    clients = [];
    hosts = [];
    await hostProcess?.end('SIGKILL');
  });
  afterAll(async () => {
    await broker?.close();
  });

  it.each(['SIGKILL', 'SIGTERM'] as const)('the host process ends (%s): the successor hosts, the others rejoin as themselves, a newcomer joins by the same code', async (signal) => {
    hostProcess = await startHostProcess(broker.url);
    const { code } = hostProcess;
    const oldHostId = await resolveLobby(broker.url, code);
    clients = await Promise.all(NAMES.map((name) => joinGame({ brokerUrl: broker.url, iceServers: [], code, simulation: match, messages: migrationMessages, name })));
    const became: MatchHost[] = [];
    const migrated: string[] = [];
    clients.forEach((client, i) => {
      client.setInput({ dx: 1 });
      client.on('becameHost', ({ host }) => became.push(host));
      client.on('hostMigrated', () => migrated.push(NAMES[i]!));
    });
    // Every player knows the order, and the first two heirs hold a checkpoint of the game.
    await waitFor(() => clients.every((c) => c.heirs().length === 3 && c.state !== undefined), 'every player to know the heirs', 20_000);
    const [first, second] = clients[0]!.heirs();
    const byId = (id: number | undefined) => clients.find((c) => c.playerId === id)!;
    await waitFor(() => byId(first).stats().checkpointTick > 0 && byId(second).stats().checkpointTick > 0, 'the first two heirs to hold checkpoints', 20_000);
    await waitFor(() => clients.every((c) => (c.view().entities.find((e) => e.id === c.playerId)?.values.score ?? 0) > 0), 'every player to score', 20_000);
    const before = clients.map((c) => ({ id: c.playerId!, score: c.view().entities.find((e) => e.id === c.playerId)!.values.score }));
    await waitFor(async () => (await listed(broker.url, code))?.startsWith('4/'), 'the old host to list its four players', 10_000, 50);

    await hostProcess.end(signal);
    const host = await waitFor(() => became[0], 'the successor to host the game', 20_000);
    hosts.push(host);
    expect(became).toHaveLength(1);
    expect(host.players().find((p) => !p.away && p.playerId === first)).toBeDefined();
    await waitFor(() => migrated.length === 2 && host.players().filter((p) => !p.away).length === 3, 'the other two to rejoin the new host', 20_000);
    expect(host.players().map((p) => p.playerId).sort()).toEqual(before.map((b) => b.id).sort());
    for (const b of before) expect(host.state.ships.find((s) => s.id === b.id)!.score).toBeGreaterThanOrEqual(b.score - 1);

    // The code still leads to the game: to the new host, and a newcomer joins it there.
    const newHostId = await resolveLobby(broker.url, code);
    expect(newHostId).not.toBe(oldHostId);
    // Listed again by the new host, which counts its three players (the old host's listing said four).
    await waitFor(async () => (await listed(broker.url, code))?.startsWith('3/'), 'the new host to list the lobby again', 10_000, 50);
    const newcomer = await joinGame({ brokerUrl: broker.url, iceServers: [], code, simulation: match, messages: migrationMessages, name: 'Eve' });
    clients.push(newcomer);
    await waitFor(() => newcomer.playerId !== undefined && host.players().some((p) => p.name === 'Eve'), 'a newcomer to join the new host by the code');
  });
});
