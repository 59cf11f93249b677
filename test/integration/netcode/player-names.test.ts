/**
 * The names players see, and that a dedicated host logs, are the host's: whatever a `hello` asks
 * for, the host's events, `players()` and the `playerJoined` messages to the other clients carry
 * the name cleaned of controls, bidi overrides and broken text, bounded, and unique in the lobby.
 * Loopback links, manual clock.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../engine/src/core/clock.js';
import { createClient } from '../../../engine/src/session/client/client.js';
import { createHost } from '../../../engine/src/session/host/host.js';
import type { HostOptions } from '../../../engine/src/session/host/host-options.js';
import { LoopbackNetwork } from '../../../engine/src/transport/loopback/loopback-network.js';
import { movingSquare } from '../../../engine/examples/moving-square.js';
import type { World, SquareClient, SquareHost, SquareSchema } from '../../support/loopback-game.js';
import type { MessageTypes } from '../../../engine/src/session/message-declaration.js';
import { rawPeer } from './support/raw-peer.js';

interface Game {
  readonly clock: ManualClock;
  readonly network: LoopbackNetwork;
  readonly host: SquareHost;
  /** Names in the host's `playerJoined` and `playerReturned` events, by id. */
  readonly joined: string[];
  join(name: string): SquareClient;
}

function game(options: Pick<HostOptions<World, SquareSchema, MessageTypes>, 'hostPlayer'> = {}): Game {
  const clock = new ManualClock();
  const network = new LoopbackNetwork({ clock, conditions: { latencyMs: 10 } });
  const host = createHost({ simulation: movingSquare, transport: network.createHost('host'), clock, maxPlayers: 16, ...options });
  const joined: string[] = [];
  host.on('playerJoined', ({ playerId, name }) => joined.push(`${playerId} ${name}`));
  host.on('playerReturned', ({ playerId, name }) => joined.push(`${playerId} ${name} (returned)`));
  host.start();
  return {
    clock,
    network,
    host,
    joined,
    join(name) {
      const client = createClient({ simulation: movingSquare, transport: network.connect('host'), clock, name });
      client.start();
      return client;
    },
  };
}

/** What one client is told about the others, by id. */
function namesSeenBy(client: SquareClient): Map<number, string> {
  const seen = new Map<number, string>();
  client.on('playerJoined', ({ playerId, name }) => seen.set(playerId, name));
  return seen;
}

describe('player names', () => {
  it('are cleaned, bounded and made unique by the host, for its events, players() and the other clients', () => {
    const g = game();
    const watcher = g.join('watcher');
    const seen = namesSeenBy(watcher);
    g.clock.advance(200);
    const asked: [string, string][] = [
      ['Ann', 'Ann'],
      ['Ann', 'Ann (2)'],
      ['Eve\u0000', 'Eve'],
      ['\u001b[2J\u001b[HMallory', '[2J[HMallory'],
      ['Bob\r\n[host] Bob left', 'Bob [host] Bob left'],
      ['Zed\u202Egpj.exe', 'Zedgpj.exe'],
      ['Sur\uD800', 'Sur'],
      [' \t\r\n ', 'player 9'],
      ['host', 'host (2)'],
      ['ANN', 'ANN (3)'],
    ];
    asked.forEach(([name], i) => {
      rawPeer(g.network, g.clock, `peer ${i}`).hello(name);
      g.clock.advance(50);
    });
    // A client cuts a long name to what a hello may carry; the host bounds it further.
    g.join('x'.repeat(1000));
    // A hello longer than that is not a hello at all.
    rawPeer(g.network, g.clock, 'too long').hello('y'.repeat(1000));
    g.clock.advance(200);

    const expected = ['0 host', '1 watcher', ...asked.map(([, name], i) => `${i + 2} ${name}`), `12 ${'x'.repeat(24)}`];
    expect(g.joined).toEqual(expected.slice(1));
    expect(g.host.players().map((p) => `${p.playerId} ${p.name}`)).toEqual(expected);
    expect([...seen].map(([id, name]) => `${id} ${name}`)).toEqual(expected.filter((e) => !e.startsWith('1 ')));
    expect(g.host.stats().invalidMessages).toBe(1);
  });

  it('include the host\u2019s own, which every client gets within the wire\u2019s bound', () => {
    const g = game({ hostPlayer: { name: `\u202E\u0007${'h'.repeat(100)}\n` } });
    const seen = namesSeenBy(g.join('guest'));
    g.clock.advance(200);
    expect(g.host.players()[0]).toEqual({ playerId: 0, name: 'h'.repeat(24), away: false });
    expect(seen.get(0)).toBe('h'.repeat(24));
  });

  it('fall back to "player 0" for a host player whose name is left empty', () => {
    const g = game({ hostPlayer: { name: '\u200B' } });
    expect(g.host.players()[0]?.name).toBe('player 0');
  });

  it('stay with the seat: a returning player keeps its name, which nobody took while it was away', () => {
    const g = game();
    const ann = rawPeer(g.network, g.clock, 'ann');
    ann.hello('ann');
    g.clock.advance(200);
    g.network.sever('host', 'ann');
    g.clock.advance(100);
    rawPeer(g.network, g.clock, 'other ann').hello('Ann');
    g.clock.advance(200);
    rawPeer(g.network, g.clock, 'ann again').hello('a new name', ann.welcome()!.resumeToken);
    g.clock.advance(200);
    expect(g.joined).toEqual(['1 ann', '2 Ann (2)', '1 ann (returned)']);
    expect(g.host.players().map((p) => `${p.playerId} ${p.name} ${p.away}`)).toEqual(['0 host false', '1 ann false', '2 Ann (2) false']);
  });
});
