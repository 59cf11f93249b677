/**
 * Coming back after a failed connection: a client that returns within the host's window gets its
 * own player, entity and seat back, proven by the token of its last welcome; a wrong token proves
 * nothing; after the window, or after a clean leave, the seat is free. Deterministic: loopback
 * links on a manual clock, with a link broken as a failed network path breaks it.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../engine/src/core/clock.js';
import { NetError } from '../../../engine/src/core/net-error.js';
import { writeMessage } from '../../../engine/src/protocol/encode-message.js';
import { readMessage } from '../../../engine/src/protocol/parse-message.js';
import type { Message, WelcomeMessage } from '../../../engine/src/protocol/messages.js';
import { createClient } from '../../../engine/src/session/client/client.js';
import { createHost } from '../../../engine/src/session/host/host.js';
import type { ClientTransport } from '../../../engine/src/transport/transport.js';
import { LoopbackNetwork } from '../../../engine/src/transport/loopback/loopback-network.js';
import { movingSquare } from '../../../engine/examples/moving-square.js';
import { helloMessage } from '../../support/hello.js';
import { squareOf, type Move, type SquareClient, type SquareHost } from '../../support/loopback-game.js';

const RIGHT: Move = { dx: 1, dy: 0 };
const STILL: Move = { dx: 0, dy: 0 };

function decode(data: Uint8Array): Message {
  const parsed = readMessage(data, 64 * 1024, { schema: movingSquare.schema });
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}

interface Game {
  readonly clock: ManualClock;
  readonly network: LoopbackNetwork;
  readonly host: SquareHost;
  /** Host events in order, as short strings. */
  readonly hostLog: string[];
  join(name: string, reconnect?: () => Promise<ClientTransport>): SquareClient;
  /** Advances simulated time in 8 ms frames, letting promises (the reconnect's) settle between them. */
  run(ms: number): Promise<void>;
}

/** The message types every game here declares. */
const NOTES = { note: 'reliable' } as const;

function game(options: { maxPlayers?: number; reconnectWindowMs?: number } = {}): Game {
  const clock = new ManualClock();
  const network = new LoopbackNetwork({ clock, conditions: { latencyMs: 30, jitterMs: 5 } });
  const host = createHost({ simulation: movingSquare, transport: network.createHost('host'), clock, messages: NOTES, ...options });
  const hostLog: string[] = [];
  host.on('playerJoined', ({ playerId }) => hostLog.push(`joined ${playerId}`));
  host.on('playerAway', ({ playerId, reason }) => hostLog.push(`away ${playerId} ${reason.code}`));
  host.on('playerReturned', ({ playerId }) => hostLog.push(`returned ${playerId}`));
  host.on('playerLeft', ({ playerId, reason }) => hostLog.push(`left ${playerId} ${reason.code}`));
  host.start();
  return {
    clock,
    network,
    host,
    hostLog,
    join(name, reconnect) {
      const client = createClient({
        simulation: movingSquare,
        transport: network.connect('host'),
        clock,
        name,
        messages: NOTES,
        ...(reconnect ? { reconnect } : {}),
      });
      client.start();
      return client;
    },
    async run(ms) {
      for (let t = 0; t < ms; t += 8) {
        clock.advance(8);
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    },
  };
}

/** Records a client's session events as short strings. */
function logOf(client: SquareClient): string[] {
  const log: string[] = [];
  client.on('joined', ({ playerId }) => log.push(`joined ${playerId}`));
  client.on('reconnecting', ({ reason, attempt }) => log.push(`reconnecting ${attempt} ${reason.code}`));
  client.on('reconnected', ({ playerId, resumed }) => log.push(`reconnected ${playerId} ${resumed ? 'resumed' : 'new'}`));
  client.on('playerLeft', ({ playerId }) => log.push(`playerLeft ${playerId}`));
  client.on('disconnected', ({ code }) => log.push(`disconnected ${code}`));
  return log;
}

describe('reconnection', () => {
  it('gives a client whose connection failed its own player, entity and seat back', async () => {
    const g = game();
    const links: ClientTransport[] = [];
    const ann = g.join('ann', () => {
      const link = g.network.connect('host');
      links.push(link);
      return Promise.resolve(link);
    });
    const bob = g.join('bob');
    const annLog = logOf(ann);
    const bobLog = logOf(bob);
    await g.run(1000);
    const annId = ann.playerId!;
    ann.setInput(RIGHT);
    await g.run(1000);
    ann.setInput(STILL);
    await g.run(500);
    const before = squareOf(g.host.state, annId)!;
    expect(before.x).toBeGreaterThan(50);

    expect(g.host.peerIdOf(annId)).toBe('peer-1');
    expect(g.host.peerIdOf(0)).toBeUndefined();
    expect(g.network.sever('host', 'peer-1')).toBe(true);
    await g.run(2000);

    expect(links).toHaveLength(1);
    expect(ann.playerId).toBe(annId);
    expect(g.host.peerIdOf(annId)).toBe(links[0]!.id);
    expect(annLog).toEqual([`joined ${annId}`, 'reconnecting 1 connection_lost', `reconnected ${annId} resumed`]);
    expect(g.hostLog).toEqual(['joined 1', 'joined 2', `away ${annId} connection_lost`, `returned ${annId}`]);
    expect(bobLog).not.toContain(`playerLeft ${annId}`);
    // The entity was kept where it stood, not added again at the spawn point.
    expect(squareOf(g.host.state, annId)).toEqual(before);
    // And the player plays on: moving again, predicted, and the host agrees once input stops.
    ann.setInput(RIGHT);
    await g.run(500);
    ann.setInput(STILL);
    await g.run(1000);
    const after = squareOf(g.host.state, annId)!;
    expect(after.x).toBeGreaterThan(before.x + 30);
    expect(squareOf(ann.state, annId)).toEqual(after);
    expect(g.host.players().map((p) => `${p.playerId} ${p.name} ${p.away}`)).toEqual(['0 host false', '1 ann false', '2 bob false']);
  });

  it('delivers the reliable messages in flight or sent while the player was away, once each and in order', async () => {
    const g = game();
    const ann = g.join('ann', () => Promise.resolve(g.network.connect('host')));
    const notes: unknown[] = [];
    ann.on('message', ({ payload }) => notes.push(payload));
    const fromAnn: unknown[] = [];
    g.host.on('message', ({ payload, from }) => fromAnn.push(`${from}:${String(payload)}`));
    await g.run(1000);
    g.host.send('note', 1);
    ann.send('note', 'a');
    await g.run(300);
    // On the wire when the path fails: lost with the link.
    g.host.send('note', 2);
    ann.send('note', 'b');
    g.network.sever('host', 'peer-1');
    // Sent into the failed link, before either side has noticed.
    g.host.send('note', 3, ann.playerId);
    ann.send('note', 'c');
    g.host.send('note', 'not for ann', 99);
    await g.run(16);
    // Sent while the player is away and the client is on its way back.
    g.host.send('note', 4);
    ann.send('note', 'd');
    await g.run(2000);
    g.host.send('note', 5);
    ann.send('note', 'e');
    await g.run(300);
    expect(notes).toEqual([1, 2, 3, 4, 5]);
    expect(fromAnn).toEqual(['1:a', '1:b', '1:c', '1:d', '1:e']);
    expect(ann.stats().unreplayedMessages).toBe(0);
  });

  it('frees the seat when the player does not come back within the window', async () => {
    const g = game({ maxPlayers: 2, reconnectWindowMs: 4000 });
    const ann = g.join('ann', () => Promise.reject(new NetError('broker_unreachable', 'the broker did not answer')));
    const annLog = logOf(ann);
    await g.run(1000);
    g.network.sever('host', 'peer-1');
    await g.run(3700);
    // Still held: a newcomer is turned away from the full game.
    expect(g.host.players().map((p) => `${p.playerId} ${p.name} ${p.away}`)).toEqual(['0 host false', '1 ann true']);
    const early = g.join('early');
    const earlyRefusals: string[] = [];
    early.on('refused', ({ reason }) => earlyRefusals.push(reason));
    await g.run(150);
    expect(earlyRefusals).toEqual(['lobby_full']);
    await g.run(300);
    expect(g.hostLog).toEqual(['joined 1', 'away 1 connection_lost', 'left 1 connection_lost']);
    expect(annLog[annLog.length - 1]).toBe('disconnected connection_lost');
    expect(annLog.filter((e) => e.startsWith('reconnecting')).length).toBeGreaterThan(2);
    expect(g.host.state.squares.map((s) => s.id)).toEqual([0]);
    const late = g.join('late');
    await g.run(300);
    expect(late.playerId).toBe(1);
  });

  it('joins as a new player, seat untouched, for a token that names no seat', async () => {
    const g = game();
    const ann = g.join('ann');
    await g.run(1000);
    g.network.sever('host', 'peer-1');
    await g.run(100);
    const raw = g.network.connect('host');
    const welcomes: WelcomeMessage[] = [];
    raw.on('message', ({ data }) => {
      const message = decode(data);
      if (message.kind === 'welcome') welcomes.push(message);
    });
    raw.send('control', writeMessage(helloMessage('mallory', { resumeToken: 'A'.repeat(22), messages: NOTES })));
    await g.run(200);
    expect(welcomes.map((w) => [w.playerId, w.resumed])).toEqual([[2, false]]);
    expect(g.host.players().map((p) => `${p.playerId} ${p.away}`)).toEqual(['0 false', `${ann.playerId} true`, '2 false']);
  });

  it('hands the seat to a new connection with the token even while the old one still looks alive', async () => {
    const g = game();
    const welcomesOf = (link: ClientTransport): WelcomeMessage[] => {
      const welcomes: WelcomeMessage[] = [];
      link.on('message', ({ data }) => {
        const message = decode(data);
        if (message.kind === 'welcome') welcomes.push(message);
      });
      return welcomes;
    };
    const first = g.network.connect('host');
    const firstWelcomes = welcomesOf(first);
    const firstEnd: string[] = [];
    first.on('closed', ({ message }) => firstEnd.push(message));
    first.send('control', writeMessage(helloMessage('ann', { messages: NOTES })));
    await g.run(200);
    const token = firstWelcomes[0]!.resumeToken;
    expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);

    const second = g.network.connect('host');
    const secondWelcomes = welcomesOf(second);
    second.send('control', writeMessage(helloMessage('ann', { resumeToken: token, messages: NOTES })));
    await g.run(200);
    expect(secondWelcomes.map((w) => [w.playerId, w.resumed])).toEqual([[1, true]]);
    expect(secondWelcomes[0]!.resumeToken).not.toBe(token);
    expect(firstEnd).toEqual(['the player reconnected on another connection']);
    expect(g.hostLog).toEqual(['joined 1', 'returned 1']);

    // The token was spent: presenting it again proves nothing.
    const third = g.network.connect('host');
    const thirdWelcomes = welcomesOf(third);
    third.send('control', writeMessage(helloMessage('ann', { resumeToken: token, messages: NOTES })));
    await g.run(200);
    expect(thirdWelcomes.map((w) => [w.playerId, w.resumed])).toEqual([[2, false]]);
  });

  it('frees the seat at once after a clean leave or a kick, and never reconnects then', async () => {
    const g = game();
    let opened = 0;
    const reconnect = (): Promise<ClientTransport> => {
      opened++;
      return Promise.resolve(g.network.connect('host'));
    };
    const ann = g.join('ann', reconnect);
    const bob = g.join('bob', reconnect);
    const bobLog = logOf(bob);
    await g.run(1000);
    ann.close();
    g.host.kick(bob.playerId!, 'cheating');
    await g.run(500);
    expect(g.hostLog).toEqual(['joined 1', 'joined 2', 'left 2 local', 'left 1 closed']);
    expect(bobLog).toEqual(['joined 2', 'disconnected closed']);
    expect(opened).toBe(0);
    expect(g.host.players()).toEqual([{ playerId: 0, name: 'host', away: false }]);
  });

  it('keeps no seat when the host turns the window off', async () => {
    const g = game({ reconnectWindowMs: 0 });
    let opened = 0;
    const ann = g.join('ann', () => {
      opened++;
      return Promise.resolve(g.network.connect('host'));
    });
    const annLog = logOf(ann);
    await g.run(1000);
    g.network.sever('host', 'peer-1');
    await g.run(500);
    expect(g.hostLog).toEqual(['joined 1', 'left 1 connection_lost']);
    expect(annLog).toEqual(['joined 1', 'disconnected connection_lost']);
    expect(opened).toBe(0);
  });

  it('checks the window option', () => {
    const clock = new ManualClock();
    const network = new LoopbackNetwork({ clock });
    expect(() => createHost({ simulation: movingSquare, transport: network.createHost('a'), clock, reconnectWindowMs: -1 })).toThrow(/reconnectWindowMs/);
  });
});
