/**
 * A broker restarted with another secret, over real WebRTC (node-datachannel) and the real PeerJS
 * client: it refuses the ids that the old one issued. The host started with `hostGame` hears one
 * final `brokerRefused` (a `broker_refused` error naming its lobby code), the game it already has
 * goes on, the demo's host session warns that nobody new can join with its code, and none of them
 * knocks at the broker again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NetError } from '../../engine/src/core/net-error.js';
import { hostGame, type HostedGame } from '../../engine/src/game/host-game.js';
import { joinGame } from '../../engine/src/game/join-game.js';
import { installNodeGlobals } from '../../engine/src/node/install-globals.js';
import { openPeerHost, type PeerHostTransport } from '../../engine/src/transport/peerjs/peerjs-host.js';
import { movingSquare } from '../../engine/examples/moving-square.js';
import { hostSession, type HostedSession } from '../../game-demo/src/net/host-session.js';
import { startBroker, type Broker } from '../../peer-server/src/broker.js';
import type { SquareClient, SquareSchema, World } from '../support/loopback-game.js';
import { waitFor } from '../support/wait.js';
import type { MessageTypes } from '../../engine/src/session/message-declaration.js';

installNodeGlobals();

/** Every signaling socket PeerJS opens, by the port it goes to. PeerJS reads the global `WebSocket` each time. */
const socketsTo = new Map<string, number>();
const InstalledWebSocket = (globalThis as unknown as { WebSocket: typeof WebSocket }).WebSocket;
class CountingWebSocket extends InstalledWebSocket {
  constructor(...args: ConstructorParameters<typeof WebSocket>) {
    super(...args);
    const { port } = new URL(String(args[0]));
    socketsTo.set(port, (socketsTo.get(port) ?? 0) + 1);
  }
}
Object.assign(globalThis, { WebSocket: CountingWebSocket });

/** Short waits between reconnect tries: the most is 1 s. */
const RECONNECT = { firstDelayMs: 100, maxDelayMs: 1000 };
const FIRST_SECRET = 'refusal-test-first-secret-'.padEnd(40, 'a');
const OTHER_SECRET = 'refusal-test-other-secret-'.padEnd(40, 'b');

describe('a broker restarted with another secret', () => {
  const brokers: Broker[] = [];
  let hosted: HostedGame<World, SquareSchema, MessageTypes> | undefined;
  let player: SquareClient | undefined;
  let canary: PeerHostTransport | undefined;
  let demo: HostedSession | undefined;
  const lost: NetError[] = [];
  const refused: NetError[] = [];
  const demoWarnings: string[] = [];

  const start = async (port: number, secret: string): Promise<Broker> => {
    const broker = await startBroker({ port, secret, iceServers: [], staticDir: undefined });
    brokers.push(broker);
    return broker;
  };

  beforeAll(async () => {
    const first = await start(0, FIRST_SECRET);
    hosted = await hostGame({ brokerUrl: first.url, iceServers: [], brokerReconnect: RECONNECT, simulation: movingSquare, hostPlayer: { name: 'hana' } });
    hosted.on('brokerLost', (error) => lost.push(error));
    hosted.on('brokerRefused', (error) => refused.push(error));
    const joined: number[] = [];
    player = await joinGame({ brokerUrl: first.url, iceServers: [], brokerReconnect: RECONNECT, code: hosted.code, simulation: movingSquare, name: 'ann' });
    player.on('joined', ({ playerId }) => joined.push(playerId));
    await waitFor(() => joined.length === 1, 'the player to join');
    demo = await hostSession(first.url, { tickRate: 60, snapshotRate: 30, snapshotReliability: 'unreliable', maxPlayers: 8 }, { iceServers: [], timers: 'page' });
    demo.on('warning', ({ message }) => demoWarnings.push(message));
  });

  afterAll(async () => {
    player?.close();
    hosted?.host.close();
    demo?.close();
    canary?.close();
    await Promise.all(brokers.map((b) => b.close()));
  });

  it('refuses the host for good: one final broker_refused error, and the game goes on', async () => {
    const first = brokers[0]!;
    await first.close();
    await waitFor(() => lost.length === 1, 'the host to notice the broker is gone', 20_000);
    const restarted = await start(first.port, OTHER_SECRET);
    // The host, its player and the demo's host each try again once and are refused.
    await waitFor(
      () => refused.length === 1 && demoWarnings.length === 2 && restarted.counters.unissuedIds === 3,
      'the hosts and the player to be refused',
      20_000,
    );
    const error = refused[0]!;
    expect(error.code).toBe('broker_refused');
    expect(error.message).toMatch(/another broker secret/);
    expect(error.message).toContain(`nobody new can join with lobby code ${hosted!.code}`);

    // The game they have does not need the broker.
    const ann = hosted!.host.players().find((p) => p.name === 'ann')!;
    player!.setInput({ dx: 1, dy: 0 });
    await waitFor(() => (hosted!.host.view().entities.find((e) => e.id === ann.playerId)?.values.x ?? 0) > 20, "the host to draw ann's square moving");
    expect(hosted!.host.players().map((p) => p.name)).toEqual(['hana', 'ann']);

    // The demo's host: first the broker is away, then it says what the refusal means.
    expect(demoWarnings).toEqual([expect.stringMatching(/lost the connection to the broker/i), expect.stringContaining(`nobody new can join with code ${demo!.code}`)]);
  });

  it('knocks no more: no try at the broker while another peer on the same backoff makes five', async () => {
    const port = String(brokers[0]!.port);
    const restarted = brokers[1]!;
    const knocks = socketsTo.get(port);
    // The canary is a clock made of the same backoff, so a busy machine slows both alike: its first
    // five tries at a broker that is gone take at least 50 + 100 + 200 + 400 + 500 ms, longer than
    // the 1 s that the game's host or its player, on this backoff, would wait at most before another
    // try. (The demo's host is on the default backoff, up to 10 s: this proves less of it.)
    const elsewhere = await start(0, FIRST_SECRET);
    canary = await openPeerHost({ brokerUrl: elsewhere.url, iceServers: [], brokerReconnect: RECONNECT });
    const canaryPort = String(elsewhere.port);
    const canaryStart = socketsTo.get(canaryPort) ?? 0;
    await elsewhere.close();
    await waitFor(() => (socketsTo.get(canaryPort) ?? 0) - canaryStart >= 5, 'five tries of the canary', 20_000);

    expect(socketsTo.get(port)).toBe(knocks);
    expect(restarted.counters.unissuedIds).toBe(3);
    expect(refused).toHaveLength(1);
    expect(lost).toHaveLength(1);
  });
});
