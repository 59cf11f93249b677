/**
 * Reconnection over real WebRTC: a client's peer connection is torn down under it (no goodbye), the
 * host keeps its seat, and the client comes back through the broker on a new connection as the same
 * player, with every reliable game message delivered once, in order, both ways.
 */
import * as webrtc from 'node-datachannel/polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installNodeGlobals } from '../../engine/src/node/install-globals.js';
import { createClient } from '../../engine/src/session/client/client.js';
import { createHost } from '../../engine/src/session/host/host.js';
import { joinPeerLobby } from '../../engine/src/transport/peerjs/peerjs-client.js';
import { createLobby, openPeerHost } from '../../engine/src/transport/peerjs/peerjs-host.js';
import { movingSquare } from '../../engine/examples/moving-square.js';
import { startBroker, type Broker } from '../../peer-server/src/broker.js';
import { squareOf, type SquareClient, type SquareHost } from '../support/loopback-game.js';
import { waitFor } from '../support/wait.js';

/** What the test needs of a peer connection to find the client's and break it. */
interface Tracked {
  readonly localDescription: { readonly type: string } | null;
  readonly connectionState: string;
  close(): void;
}

/** Every peer connection made in this process: the test breaks the client's. */
const connections: Tracked[] = [];
class TrackedPeerConnection extends webrtc.RTCPeerConnection {
  constructor(config?: RTCConfiguration) {
    super(config);
    connections.push(this);
  }
}
(globalThis as Record<string, unknown>).RTCPeerConnection = TrackedPeerConnection;
installNodeGlobals();

describe('reconnecting over real WebRTC', () => {
  let broker: Broker;
  let host: SquareHost;
  let client: SquareClient;
  const hostLog: string[] = [];
  const clientLog: string[] = [];
  const atHost: unknown[] = [];
  const atClient: unknown[] = [];

  beforeAll(async () => {
    broker = await startBroker({ port: 0, iceServers: [], staticDir: undefined });
    const transport = await openPeerHost({ brokerUrl: broker.url, iceServers: [] });
    host = createHost({ simulation: movingSquare, transport, tickRate: 60, messages: { note: 'reliable' }, peerTimeoutMs: 3000 });
    host.on('playerAway', ({ playerId, reason }) => hostLog.push(`away ${playerId} ${reason.code}`));
    host.on('playerReturned', ({ playerId }) => hostLog.push(`returned ${playerId}`));
    host.on('playerLeft', ({ playerId }) => hostLog.push(`left ${playerId}`));
    host.on('message', ({ payload }) => atHost.push(payload));
    host.start();
    const code = await createLobby(transport);
    const join = () => joinPeerLobby({ brokerUrl: broker.url, code, iceServers: [] });
    client = createClient({ simulation: movingSquare, transport: await join(), name: 'ann', messages: { note: 'reliable' }, hostTimeoutMs: 3000, reconnect: join });
    client.on('reconnecting', ({ attempt, reason }) => clientLog.push(`reconnecting ${attempt} ${reason.code}`));
    client.on('reconnected', ({ playerId, resumed }) => clientLog.push(`reconnected ${playerId} ${resumed}`));
    client.on('disconnected', ({ code: why }) => clientLog.push(`disconnected ${why}`));
    client.on('message', ({ payload }) => atClient.push(payload));
    client.start();
  });

  afterAll(async () => {
    client?.close();
    host?.close();
    await broker?.close();
  });

  it('gives the client its player back on a new connection, and loses no reliable message', async () => {
    await waitFor(() => client.state !== undefined, 'the client to receive a snapshot');
    const playerId = client.playerId!;
    client.setInput({ dx: 1, dy: 0 });
    await waitFor(() => (squareOf(host.state, playerId)?.x ?? 0) > 20, 'the square to travel 20 units');
    client.setInput({ dx: 0, dy: 0 });
    for (let n = 1; n <= 5; n++) {
      host.send('note', `h${n}`);
      client.send('note', `c${n}`);
    }
    // The client is the side that offered; a try it gave up while connecting is no longer connected.
    const clientSide = connections.filter((pc) => pc.localDescription?.type === 'offer' && pc.connectionState === 'connected');
    expect(clientSide).toHaveLength(1);
    clientSide[0]!.close();
    for (let n = 6; n <= 10; n++) {
      host.send('note', `h${n}`);
      client.send('note', `c${n}`);
    }
    await waitFor(() => clientLog.some((e) => e.startsWith('reconnected')), 'the client to come back', 30_000).catch((error: unknown) => {
      throw new Error(`${String(error)}; client: ${clientLog.join(', ')}; host: ${hostLog.join(', ')}`);
    });
    for (let n = 11; n <= 15; n++) {
      host.send('note', `h${n}`);
      client.send('note', `c${n}`);
    }
    const all = (prefix: string) => Array.from({ length: 15 }, (_, i) => `${prefix}${i + 1}`);
    await waitFor(() => atHost.length >= 15 && atClient.length >= 15, 'every note to arrive', 10_000);
    expect(atHost).toEqual(all('c'));
    expect(atClient).toEqual(all('h'));
    expect(clientLog).toContain(`reconnected ${playerId} true`);
    expect(clientLog.filter((e) => e.startsWith('disconnected'))).toEqual([]);
    expect(hostLog).toEqual([expect.stringMatching(new RegExp(`^away ${playerId} `)), `returned ${playerId}`]);
    expect(client.playerId).toBe(playerId);
    expect(host.players().map((p) => `${p.name} ${p.away}`)).toEqual(['host false', 'ann false']);
    // Still playing: it moves again and the host follows.
    const before = squareOf(host.state, playerId)!.x;
    client.setInput({ dx: 1, dy: 0 });
    await waitFor(() => (squareOf(host.state, playerId)?.x ?? 0) > before + 10, 'the square to move again');
  }, 60_000);
});
