/**
 * A host and two clients of the moving-square example over real WebRTC data channels, joined
 * through the real broker by lobby code: they play and converge.
 */
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

installNodeGlobals();

describe('a game over real WebRTC', () => {
  let broker: Broker;
  let host: SquareHost;
  const clients: SquareClient[] = [];

  beforeAll(async () => {
    broker = await startBroker({ port: 0, iceServers: [], staticDir: undefined });
    const transport = await openPeerHost({ brokerUrl: broker.url, iceServers: [] });
    host = createHost({ simulation: movingSquare, transport, tickRate: 60 });
    host.start();
    const code = await createLobby(transport);
    for (const name of ['ann', 'bob']) {
      const client = createClient({ simulation: movingSquare, transport: await joinPeerLobby({ brokerUrl: broker.url, code, iceServers: [] }), name });
      client.start();
      clients.push(client);
    }
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    host?.close();
    await broker?.close();
  });

  it('joins both players, lets them move, and converges once they stop', async () => {
    await waitFor(() => clients.every((c) => c.state !== undefined), 'both clients to receive a snapshot');
    expect(host.players().map((p) => p.name)).toEqual(['host', 'ann', 'bob']);
    clients[0]!.setInput({ dx: 1, dy: 0 });
    clients[1]!.setInput({ dx: 0, dy: -1 });
    const [ann, bob] = clients.map((c) => c.playerId!);
    await waitFor(() => (squareOf(host.state, ann)?.x ?? 0) > 30 && (squareOf(host.state, bob)?.y ?? 0) < -30, 'both squares to travel 30 units');
    for (const client of clients) client.setInput({ dx: 0, dy: 0 });
    const converged = () =>
      clients.every((client) => {
        const own = squareOf(client.state, client.playerId);
        const seen = client.view().entities;
        return (
          JSON.stringify(own) === JSON.stringify(squareOf(host.state, client.playerId)) &&
          host.state.squares.every((s) => {
            const drawn = seen.find((e) => e.id === s.id);
            return drawn !== undefined && Math.abs(Number(drawn.values.x) - s.x) < 1e-6 && Math.abs(Number(drawn.values.y) - s.y) < 1e-6;
          })
        );
      });
    await waitFor(converged, 'every client to agree with the host', 10_000);
    expect(squareOf(host.state, ann)!.x).toBeGreaterThan(30);
    expect(squareOf(host.state, bob)!.y).toBeLessThan(-30);
    for (const client of clients) {
      const stats = client.stats();
      expect(stats.rttMs).toBeGreaterThan(0);
      expect(stats.snapshotsApplied).toBeGreaterThan(10);
    }
  });
});
