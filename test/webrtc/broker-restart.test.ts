/**
 * A game that outlives its broker, over real WebRTC (node-datachannel) and the real PeerJS client:
 * the broker stops while a host and a client are linked, the data keeps flowing, a new join fails
 * cleanly, and once the broker is back on the same port with the same secret both peers reconnect
 * by themselves, the lobby code leads to the host again (the same code: no `lobbyCodeChanged`) and a
 * new client can join.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isNetError, type NetError } from '../../engine/src/core/net-error.js';
import { installNodeGlobals } from '../../engine/src/node/install-globals.js';
import type { ChannelName } from '../../engine/src/transport/channels.js';
import { resolveLobby } from '../../engine/src/transport/peerjs/broker-client.js';
import { joinPeerLobby } from '../../engine/src/transport/peerjs/peerjs-client.js';
import { createLobby, openPeerHost, type PeerHostTransport } from '../../engine/src/transport/peerjs/peerjs-host.js';
import type { ClientTransport } from '../../engine/src/transport/transport.js';
import { startBroker, type Broker } from '../../peer-server/src/broker.js';
import { waitFor } from '../support/wait.js';

installNodeGlobals();

/**
 * Counts signaling sockets that closed without ever opening: PeerJS's failed tries at a broker that
 * is down. PeerJS reads the global `WebSocket` each time it connects, so a subclass sees every try.
 */
const refusedTries = { count: 0 };
const InstalledWebSocket = (globalThis as unknown as { WebSocket: typeof WebSocket }).WebSocket;
class CountingWebSocket extends InstalledWebSocket {
  constructor(...args: ConstructorParameters<typeof WebSocket>) {
    super(...args);
    let opened = false;
    this.addEventListener('open', () => (opened = true));
    this.addEventListener('close', () => {
      if (!opened) refusedTries.count++;
    });
  }
}
Object.assign(globalThis, { WebSocket: CountingWebSocket });

const SECRET = 'restart-test-secret-'.padEnd(40, 'x');
/** Short waits between reconnect tries, so the test does not sit out the 10 s ceiling. */
const RECONNECT = { firstDelayMs: 100, maxDelayMs: 1000 };

interface BrokerLog {
  lost: NetError[];
  /** The tries each way back took. */
  restored: number[];
}

describe('a broker restart mid-game', () => {
  const brokers: Broker[] = [];
  let brokerUrl: string;
  let port: number;
  let host: PeerHostTransport;
  let code: string;
  const clients: ClientTransport[] = [];
  const hostLog: BrokerLog = { lost: [], restored: [] };
  const clientLog: BrokerLog = { lost: [], restored: [] };
  const codeChanges: string[] = [];

  const options = () => ({ brokerUrl, iceServers: [], brokerReconnect: RECONNECT });

  beforeAll(async () => {
    const broker = await startBroker({ port: 0, secret: SECRET, iceServers: [], staticDir: undefined });
    brokers.push(broker);
    ({ url: brokerUrl, port } = broker);
    host = await openPeerHost(options());
    code = await createLobby(host);
    clients.push(await joinPeerLobby({ ...options(), code }));
    await waitFor(() => host.peers().length === 1, 'the client to join');
    host.on('brokerLost', (error) => hostLog.lost.push(error));
    host.on('brokerRestored', ({ attempts }) => hostLog.restored.push(attempts));
    host.on('lobbyCodeChanged', ({ code: next }) => codeChanges.push(next));
    clients[0]!.on('brokerLost', (error) => clientLog.lost.push(error));
    clients[0]!.on('brokerRestored', ({ attempts }) => clientLog.restored.push(attempts));
  });

  afterAll(async () => {
    for (const client of clients) client.close('test over');
    host?.close();
    await Promise.all(brokers.map((b) => b.close()));
  });

  /** Sends `count` numbered control messages each way and waits for all of them to arrive. */
  async function exchange(client: ClientTransport, count: number): Promise<{ atHost: number; atClient: number }> {
    let atHost = 0;
    let atClient = 0;
    const counted = (channel: ChannelName) => channel === 'control';
    const offHost = host.on('message', (m) => {
      if (m.peerId === client.id && counted(m.channel)) atHost++;
    });
    const offClient = client.on('message', (m) => {
      if (counted(m.channel)) atClient++;
    });
    for (let i = 0; i < count; i++) {
      expect(client.send('control', new Uint8Array([i]))).toBe(true);
      expect(host.send(client.id, 'control', new Uint8Array([i]))).toBe(true);
    }
    try {
      await waitFor(() => atHost >= count && atClient >= count, `${count} messages each way`, 20_000);
    } finally {
      offHost();
      offClient();
    }
    return { atHost, atClient };
  }

  it('keeps the game going without the broker, and a new join fails with broker_unreachable', async () => {
    await brokers[0]!.close();
    await waitFor(() => hostLog.lost.length === 1 && clientLog.lost.length === 1, 'both peers to notice the broker is gone', 20_000);
    expect(hostLog.lost[0]?.code).toBe('broker_unreachable');

    expect(await exchange(clients[0]!, 200)).toEqual({ atHost: 200, atClient: 200 });
    expect(clients[0]!.open).toBe(true);

    const join = joinPeerLobby({ ...options(), code }).then(
      () => undefined,
      (error: unknown) => error,
    );
    const refused = await join;
    expect(isNetError(refused, 'broker_unreachable')).toBe(true);
    // Both peers keep trying meanwhile (a refused try must not crash a Node process), without
    // reporting each failed try as another loss.
    await waitFor(() => refusedTries.count >= 4, 'at least two refused tries from each peer', 20_000);
    expect(hostLog.lost).toHaveLength(1);
    expect(clientLog.lost).toHaveLength(1);
    expect(hostLog.restored).toEqual([]);
  });

  it('reconnects both peers once the broker is back, and the lobby code leads to the host again', async () => {
    brokers.push(await startBroker({ port, secret: SECRET, iceServers: [], staticDir: undefined }));
    await waitFor(() => hostLog.restored.length === 1 && clientLog.restored.length === 1, 'both peers to reconnect', 30_000);
    // The refused tries while it was down, and the one that got through.
    expect(hostLog.restored[0]).toBeGreaterThanOrEqual(2);
    expect(clientLog.restored[0]).toBeGreaterThanOrEqual(2);
    expect(host.lobbyCode).toBe(code);
    expect(codeChanges).toEqual([]);
    expect(await resolveLobby(brokerUrl, code)).toBe(host.id);

    const late = await joinPeerLobby({ ...options(), code });
    clients.push(late);
    await waitFor(() => host.peers().length === 2, 'a new client to join after the restart', 20_000);
    expect(await exchange(late, 50)).toEqual({ atHost: 50, atClient: 50 });
    expect(await exchange(clients[0]!, 50)).toEqual({ atHost: 50, atClient: 50 });
    expect(hostLog.lost).toHaveLength(1);
  });
});
