/**
 * A host whose lobby gets another code when it registers again after a broker restart, with the
 * real PeerJS host transport and a real broker on a real redis-server. A broker derives the same
 * code from the same host id, so the code changes only when that one is taken; the test takes it
 * in the Redis while the broker is down, as another lobby would hold it. The host transport then
 * says `lobbyCodeChanged` (before `brokerRestored`), `lobbyCode` follows, and the new code leads to
 * it; `hostGame` passes the event on and its `code` follows, and so do the demo's host session
 * (the `code` event its page and the dedicated host show the new code on) and its `code`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from 'redis';
import { installNodeGlobals } from '../../../engine/src/node/install-globals.js';
import { resolveLobby } from '../../../engine/src/transport/peerjs/broker-client.js';
import { createLobby, openPeerHost, type PeerHostTransport } from '../../../engine/src/transport/peerjs/peerjs-host.js';
import { hostGame } from '../../../engine/src/game/host-game.js';
import { movingSquare } from '../../../engine/examples/moving-square.js';
import { hostSession } from '../../../game-demo/src/net/host-session.js';
import { startBroker, type Broker } from '../../../peer-server/src/broker.js';
import { clusterKeys } from '../../../peer-server/src/cluster/redis-keys.js';
import { derivedLobbyCode } from '../../../peer-server/src/lobby-codes.js';
import { CLUSTER_SECRET } from './support/cluster-brokers.js';
import { useRedisCluster } from './support/redis-cluster.js';
import { waitUntil } from './support/wait-until.js';

installNodeGlobals();

const testCluster = useRedisCluster();
/** What each test opened, closed after it. */
const opened: { close(): void }[] = [];

afterEach(() => {
  for (const host of opened.splice(0)) host.close();
});

/** While `broker` is down, gives the lobby code `code` of `hostId` to another host in the Redis. */
async function takeCode(broker: Broker, hostId: string, code: string): Promise<void> {
  const keys = clusterKeys(broker.config.redisPrefix);
  const redis = createClient({ url: broker.config.redisUrl! });
  await redis.connect();
  try {
    await redis.del(keys.hostLobby(hostId));
    await redis.hSet(keys.lobby(code), { host: 'another-host', owner: 'another-token' });
    await redis.pExpire(keys.lobby(code), 60_000);
  } finally {
    redis.destroy();
  }
}

/** Starts `broker` again: the same port, secret and Redis. */
async function restart(broker: Broker): Promise<Broker> {
  return testCluster.closeAfter(await startBroker({ ...broker.config, port: broker.port, staticDir: undefined }));
}

describe('a lobby code that changes after a broker restart', () => {
  it('is announced by the host, which takes the new code from then on', async () => {
    const [first] = await testCluster.brokers(1);
    const host: PeerHostTransport = await openPeerHost({ brokerUrl: first!.url, iceServers: [], brokerReconnect: { firstDelayMs: 100, maxDelayMs: 500 } });
    opened.push(host);
    const code = await createLobby(host);
    expect(code).toBe(derivedLobbyCode(CLUSTER_SECRET, host.id, 0));
    const log: string[] = [];
    host.on('brokerLost', () => log.push('lost'));
    host.on('lobbyCodeChanged', (change) => log.push(`code ${change.previous} -> ${change.code}`));
    host.on('brokerRestored', () => log.push('restored'));
    host.on('error', (error) => log.push(`error ${error.code}: ${error.message}`));

    await first!.close();
    await waitUntil(() => log.includes('lost'), 'the host to notice the broker is gone');
    await takeCode(first!, host.id, code);

    const second = await restart(first!);
    await waitUntil(() => log.includes('restored') || log.some((entry) => entry.startsWith('error')), 'the host to be back on the broker', 20_000);
    const next = derivedLobbyCode(CLUSTER_SECRET, host.id, 1);
    expect(log).toEqual(['lost', `code ${code} -> ${next}`, 'restored']);
    expect(host.lobbyCode).toBe(next);
    expect(await resolveLobby(second.url, next)).toBe(host.id);
  });

  it('reaches the game through hostGame, and the demo host session shows the new code', async () => {
    const [first] = await testCluster.brokers(1);
    const brokerUrl = first!.url;
    const hosted = await hostGame({ brokerUrl, iceServers: [], brokerReconnect: { firstDelayMs: 100, maxDelayMs: 500 }, simulation: movingSquare });
    opened.push(hosted.host);
    const demo = await hostSession(brokerUrl, { tickRate: 60, snapshotRate: 30, snapshotReliability: 'unreliable', maxPlayers: 8 }, { iceServers: [], timers: 'page' });
    opened.push(demo);
    const gameCodes: string[] = [];
    const demoCodes: string[] = [];
    hosted.on('lobbyCodeChanged', ({ previous, code }) => gameCodes.push(`${previous} -> ${code}`));
    demo.on('code', ({ previous, code }) => demoCodes.push(`${previous} -> ${code}`));
    const gameCode = hosted.code;
    const demoCode = demo.code;
    const gameHostId = await resolveLobby(brokerUrl, gameCode);
    const demoHostId = await resolveLobby(brokerUrl, demoCode);

    await first!.close();
    await takeCode(first!, gameHostId, gameCode);
    await takeCode(first!, demoHostId, demoCode);
    await restart(first!);
    await waitUntil(() => gameCodes.length === 1 && demoCodes.length === 1, 'both hosts to be given new codes', 20_000);
    expect(gameCodes).toEqual([`${gameCode} -> ${derivedLobbyCode(CLUSTER_SECRET, gameHostId, 1)}`]);
    expect(demoCodes).toEqual([`${demoCode} -> ${derivedLobbyCode(CLUSTER_SECRET, demoHostId, 1)}`]);
    expect(hosted.code).toBe(derivedLobbyCode(CLUSTER_SECRET, gameHostId, 1));
    expect(demo.code).toBe(derivedLobbyCode(CLUSTER_SECRET, demoHostId, 1));
    expect(await resolveLobby(brokerUrl, hosted.code)).toBe(gameHostId);
  });
});
