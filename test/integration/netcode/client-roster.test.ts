/**
 * `client.players()`: who is in the game as a client knows it, with the names the host gave and
 * who is away, the same list `host.players()` gives. The host tells every client when a player's
 * connection fails (`playerAway`) and when it comes back (`playerReturned`), and a player who joins
 * meanwhile learns who is away with the others' names.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../engine/src/core/clock.js';
import { createClient } from '../../../engine/src/session/client/client.js';
import { createHost } from '../../../engine/src/session/host/host.js';
import { LoopbackNetwork } from '../../../engine/src/transport/loopback/loopback-network.js';
import type { ClientTransport } from '../../../engine/src/transport/transport.js';
import { movingSquare } from '../../../engine/examples/moving-square.js';
import type { SquareClient } from '../../support/loopback-game.js';

function setup() {
  const clock = new ManualClock();
  const network = new LoopbackNetwork({ clock, conditions: { latencyMs: 20 } });
  const host = createHost({ simulation: movingSquare, transport: network.createHost('host'), clock, hostPlayer: { name: 'hana' } });
  host.start();
  const join = (name: string, reconnect?: () => Promise<ClientTransport>): SquareClient => {
    const client = createClient({ simulation: movingSquare, transport: network.connect('host'), clock, name, ...(reconnect ? { reconnect } : {}) });
    client.start();
    return client;
  };
  const run = async (ms: number) => {
    for (let t = 0; t < ms; t += 8) {
      clock.advance(8);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  };
  return { network, host, join, run };
}

const names = (client: SquareClient) => client.players().map((p) => `${p.playerId} ${p.name}${p.away ? ' away' : ''}`);

describe('client.players()', () => {
  it('is empty before the welcome, then lists everyone with the names the host gave, itself included', async () => {
    const g = setup();
    const ann = g.join('ann');
    expect(ann.players()).toEqual([]);
    const twin = g.join('ann');
    await g.run(500);
    expect(names(ann)).toEqual(['0 hana', '1 ann', '2 ann (2)']);
    expect(names(twin)).toEqual(['0 hana', '1 ann', '2 ann (2)']);
    expect(twin.players()).toEqual(g.host.players());
    twin.close();
    await g.run(500);
    expect(names(ann)).toEqual(['0 hana', '1 ann']);
  });

  it('marks a player away while its seat waits, for those there and those who join meanwhile, and back when it returns', async () => {
    const g = setup();
    let release: (() => void) | undefined;
    const ann = g.join('ann', () => new Promise((resolve) => (release = () => resolve(g.network.connect('host')))));
    const bob = g.join('bob');
    const seenByBob: string[] = [];
    bob.on('playerAway', ({ playerId }) => seenByBob.push(`away ${playerId}`));
    bob.on('playerReturned', ({ playerId }) => seenByBob.push(`returned ${playerId}`));
    await g.run(500);
    expect(names(bob)).toEqual(['0 hana', '1 ann', '2 bob']);

    g.network.sever('host', 'peer-1');
    for (let i = 0; i < 300 && !g.host.players().some((p) => p.away); i++) await g.run(50);
    await g.run(200);
    expect(names(bob)).toEqual(['0 hana', '1 ann away', '2 bob']);
    expect(seenByBob).toEqual(['away 1']);
    const carl = g.join('carl');
    await g.run(500);
    expect(names(carl)).toEqual(['0 hana', '1 ann away', '2 bob', '3 carl']);
    expect(carl.players()).toEqual(g.host.players());

    expect(release).toBeDefined();
    release!();
    await g.run(1000);
    expect(ann.playerId).toBe(1);
    for (const client of [ann, bob, carl]) expect(names(client)).toEqual(['0 hana', '1 ann', '2 bob', '3 carl']);
    expect(seenByBob).toEqual(['away 1', 'returned 1']);
  });
});
