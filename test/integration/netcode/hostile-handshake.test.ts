/**
 * What a stranger with the lobby code can make the host hold, and what each refusal costs it:
 * a link has a deadline to be let in that its pings do not extend; a refusal is told and then final
 * (the link is cut, so it cannot try again, with another seat token or once a seat frees); every
 * message the host refuses is a strike, and the 101st cuts the link. Loopback links, manual clock.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../engine/src/core/clock.js';
import type { Message } from '../../../engine/src/protocol/messages.js';
import { quantizeValues } from '../../../engine/src/protocol/quantize.js';
import { createClient } from '../../../engine/src/session/client/client.js';
import { createHost } from '../../../engine/src/session/host/host.js';
import type { HostOptions } from '../../../engine/src/session/host/host-options.js';
import { LoopbackNetwork } from '../../../engine/src/transport/loopback/loopback-network.js';
import { movingSquare } from '../../../engine/examples/moving-square.js';
import { helloMessage } from '../../support/hello.js';
import type { World, SquareHost, SquareSchema } from '../../support/loopback-game.js';
import type { MessageTypes } from '../../../engine/src/session/message-declaration.js';
import { rawPeer, type RawPeer } from './support/raw-peer.js';

type Options = Partial<Omit<HostOptions<World, SquareSchema, MessageTypes>, 'simulation' | 'transport' | 'clock'>>;

interface Game {
  readonly clock: ManualClock;
  readonly network: LoopbackNetwork;
  readonly host: SquareHost;
  /** Host events in order, as short strings. */
  readonly log: string[];
  peer(peerId: string): RawPeer;
}

function game(options: Options = {}): Game {
  const clock = new ManualClock();
  const network = new LoopbackNetwork({ clock, conditions: { latencyMs: 10 } });
  const host = createHost({ simulation: movingSquare, transport: network.createHost('host'), clock, messages: { note: 'reliable' }, ...options });
  const log: string[] = [];
  host.on('playerJoined', ({ playerId, name }) => log.push(`joined ${playerId} ${name}`));
  host.on('playerLeft', ({ playerId, reason }) => log.push(`left ${playerId} ${reason.code}: ${reason.message}`));
  host.on('playerAway', ({ playerId }) => log.push(`away ${playerId}`));
  host.on('playerReturned', ({ playerId }) => log.push(`returned ${playerId}`));
  host.on('refused', ({ peerId, reason }) => log.push(`refused ${peerId} ${reason}`));
  host.start();
  return { clock, network, host, log, peer: (peerId) => rawPeer(network, clock, peerId, { messages: { note: 'reliable' } }) };
}

const kinds = (peer: RawPeer): string[] => peer.received.map((m) => m.kind);
const STILL = quantizeValues(movingSquare.schema.input, { dx: 0, dy: 0 });
const ONLY_HOST = [{ playerId: 0, name: 'host', away: false }];

describe('the handshake deadline', () => {
  it('cuts a link not let in within handshakeTimeoutMs, 5000 ms by default, however often it pings', () => {
    const g = game();
    const silent = g.peer('silent');
    const pinger = g.peer('pinger');
    const late = g.peer('late');
    const connectedAt = 10;
    for (let t = 0; t < 5200; t += 10) {
      if (t % 100 === 0 && pinger.link.open) pinger.send('state', { kind: 'ping', clientTimeMs: t });
      if (t === 4900) late.hello('late');
      if (t === 5000) expect([silent.link.open, pinger.link.open]).toEqual([true, true]);
      g.clock.advance(10);
    }
    const reason = 'closed: not let in within 5000 ms of connecting (no valid hello)';
    for (const peer of [silent, pinger]) {
      expect(peer.ended?.reason).toBe(reason);
      // Cut at the first tick past the deadline, seen one link latency later.
      expect(peer.ended!.at).toBeGreaterThanOrEqual(connectedAt + 5000);
      expect(peer.ended!.at).toBeLessThanOrEqual(connectedAt + 5000 + 1000 / 60 + 10);
      expect(peer.received.at(-1)).toEqual({ kind: 'refuse', reason: 'handshake_timeout', message: reason.slice('closed: '.length) });
    }
    // Every ping was answered, and not one of them bought more time.
    expect(kinds(pinger).filter((k) => k === 'pong').length).toBe(51);
    expect(late.welcome()?.playerId).toBe(1);
    expect(late.link.open).toBe(true);
    expect(g.log).toEqual(['joined 1 late', 'refused silent handshake_timeout', 'refused pinger handshake_timeout']);
    expect(g.host.stats().handshakeTimeouts).toBe(2);
    g.clock.advance(5000);
    expect(late.link.open).toBe(true);
  });

  it('takes its own deadline, and a hello that fails validation does not meet it', () => {
    const g = game({ handshakeTimeoutMs: 1000 });
    const broken = g.peer('broken');
    g.clock.advance(100);
    broken.send('control', helloMessage('x'.repeat(1000), { messages: { note: 'reliable' } }));
    g.clock.advance(800);
    expect(broken.link.open).toBe(true);
    g.clock.advance(300);
    expect(broken.ended?.reason).toBe('closed: not let in within 1000 ms of connecting (no valid hello)');
    expect(g.host.stats()).toMatchObject({ invalidMessages: 1, handshakeTimeouts: 1 });
    expect(g.host.players()).toEqual(ONLY_HOST);
  });
});

describe('a refusal', () => {
  it('is told, then the link is cut, and a hello after it is never let in, even when a seat frees at once', () => {
    const g = game({ maxPlayers: 2 });
    const ann = createClient({ simulation: movingSquare, transport: g.network.connect('host'), clock: g.clock, name: 'ann', messages: { note: 'reliable' } });
    ann.start();
    g.clock.advance(500);
    const mallory = g.peer('mallory');
    g.clock.advance(100);
    // All three reach the host together: the second hello comes after the seat was freed.
    mallory.hello('mallory');
    ann.close();
    mallory.hello('mallory');
    g.clock.advance(1000);
    expect(mallory.received).toEqual([{ kind: 'refuse', reason: 'lobby_full', message: 'the game is full (2 players)' }]);
    expect(mallory.ended?.reason).toBe('closed: the game is full (2 players)');
    expect(g.log).toEqual(['joined 1 ann', 'refused mallory lobby_full', 'left 1 closed: the player left']);
    expect(g.host.players()).toEqual(ONLY_HOST);
    expect(mallory.hello('mallory')).toBe(false);
  });

  it('leaves one link one guess at a seat token: the link is gone after the first', () => {
    const g = game({ maxPlayers: 2 });
    const ann = g.peer('ann');
    ann.hello('ann');
    g.clock.advance(200);
    const token = ann.welcome()!.resumeToken;
    g.network.sever('host', 'ann');
    g.clock.advance(100);
    const mallory = g.peer('mallory');
    g.clock.advance(100);
    // The right token is the 50th guess; the host never reads past the first.
    for (let i = 0; i < 100; i++) mallory.hello('mallory', i === 49 ? token : `${'A'.repeat(20)}${String(i).padStart(2, '0')}`);
    g.clock.advance(1000);
    expect(kinds(mallory)).toEqual(['refuse']);
    expect(mallory.ended?.reason).toBe('closed: the game is full (2 players)');
    expect(g.log).toEqual(['joined 1 ann', 'away 1', 'refused mallory lobby_full']);
    expect(g.host.players()).toEqual([...ONLY_HOST, { playerId: 1, name: 'ann', away: true }]);
    expect(g.host.stats().invalidMessages).toBe(0);
    // The seat still waits for its player.
    const back = g.peer('ann-again');
    back.hello('ann', token);
    g.clock.advance(200);
    expect(back.welcome()).toMatchObject({ playerId: 1, resumed: true });
  });

  it('is told to a real client, which reports the reason and then the end of its link', () => {
    const g = game({ maxPlayers: 1 });
    const client = createClient({ simulation: movingSquare, transport: g.network.connect('host'), clock: g.clock, name: 'late', messages: { note: 'reliable' } });
    const events: string[] = [];
    client.on('refused', ({ reason, message }) => events.push(`refused ${reason}: ${message}`));
    client.on('disconnected', ({ code, message }) => events.push(`disconnected ${code}: ${message}`));
    client.start();
    g.clock.advance(500);
    expect(events).toEqual(['refused lobby_full: the game is full (1 players)', 'disconnected closed: the game is full (1 players)']);
  });
});

describe('strikes', () => {
  const early: Record<string, { channel: 'control' | 'state'; message: Message }> = {
    'game messages': { channel: 'control', message: { kind: 'game', messageType: 0, sequence: 0, payload: 'hi' } },
    inputs: { channel: 'state', message: { kind: 'input', firstTick: 1, ackSnapshotTick: -1, inputs: [STILL], viewAges: [0] } },
  };

  it.each(Object.keys(early))('cut a link at its 101st of %s before the hello, not at its 100th', (what) => {
    const { channel, message } = early[what]!;
    const g = game();
    const patient = g.peer('patient');
    const pushy = g.peer('pushy');
    g.clock.advance(100);
    for (let i = 0; i < 100; i++) patient.send(channel, message);
    for (let i = 0; i < 101; i++) pushy.send(channel, message);
    g.clock.advance(100);
    patient.hello('patient');
    pushy.hello('pushy');
    g.clock.advance(200);
    expect(patient.welcome()?.playerId).toBe(1);
    expect(pushy.ended?.reason).toBe('closed: 101 messages refused (invalid_messages)');
    expect(kinds(pushy)).toEqual([]);
    expect(g.log).toEqual(['joined 1 patient']);
    expect(g.host.stats().invalidMessages).toBe(201);
  });

  it('cut a player at its 101st game message of a type the game never declared, not at its 100th', () => {
    const g = game();
    const mallory = g.peer('mallory');
    mallory.hello('mallory');
    g.clock.advance(200);
    const messages: unknown[] = [];
    g.host.on('message', ({ payload }) => messages.push(payload));
    const unknownType: Message = { kind: 'game', messageType: 7, sequence: 0, payload: 'hi' };
    for (let i = 0; i < 100; i++) mallory.send('control', unknownType);
    g.clock.advance(200);
    expect(mallory.link.open).toBe(true);
    expect(g.host.players().map((p) => p.name)).toEqual(['host', 'mallory']);
    mallory.send('control', unknownType);
    g.clock.advance(200);
    expect(mallory.ended?.reason).toBe('closed: 101 messages refused (invalid_messages)');
    expect(g.log).toEqual(['joined 1 mallory', 'left 1 local: 101 messages refused (invalid_messages)']);
    expect(messages).toEqual([]);
    expect(g.host.stats().invalidMessages).toBe(101);
  });

  it('count a second hello on a link already let in', () => {
    const g = game({ maxStrikes: 3 });
    const mallory = g.peer('mallory');
    for (let i = 0; i < 5; i++) mallory.hello(`mallory ${i}`);
    g.clock.advance(200);
    expect(mallory.welcome()?.playerId).toBe(1);
    expect(mallory.ended?.reason).toBe('closed: 4 messages refused (invalid_messages)');
    expect(g.log).toEqual(['joined 1 mallory 0', 'left 1 local: 4 messages refused (invalid_messages)']);
  });
});
