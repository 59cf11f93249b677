/**
 * `hostGame` and `joinGame`, the two calls a game starts with, over real WebRTC through the real
 * broker: a lobby code comes back, a friend joins with it, both draw the same world, and the
 * goodbyes go out when each side closes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostGame } from '../../engine/src/game/host-game.js';
import { joinGame } from '../../engine/src/game/join-game.js';
import { installNodeGlobals } from '../../engine/src/node/install-globals.js';
import type { LeaveReason } from '../../engine/src/transport/transport.js';
import { movingSquare } from '../../engine/examples/moving-square.js';
import { startBroker, type Broker } from '../../peer-server/src/broker.js';
import type { SquareClient, SquareHost } from '../support/loopback-game.js';
import { waitFor } from '../support/wait.js';

installNodeGlobals();

describe('hostGame and joinGame', () => {
  let broker: Broker;
  let host: SquareHost | undefined;
  let client: SquareClient | undefined;

  beforeAll(async () => {
    broker = await startBroker({ port: 0, iceServers: [], staticDir: undefined });
  });

  afterAll(async () => {
    client?.close();
    host?.close();
    await broker?.close();
  });

  it('hosts with a lobby code, lets a friend join with it, and both draw the same squares', async () => {
    const hosted = await hostGame({ brokerUrl: broker.url, iceServers: [], simulation: movingSquare, hostPlayer: { name: 'hana' } });
    host = hosted.host;
    expect(hosted.code).toMatch(/^[A-Z0-9]{6}$/);
    const joined: number[] = [];
    const friend = await joinGame({ brokerUrl: broker.url, iceServers: [], code: hosted.code, simulation: movingSquare, name: 'ann' });
    client = friend;
    // Listeners added right after the call miss nothing: events come on the client's frames.
    friend.on('joined', ({ playerId }) => joined.push(playerId));
    await waitFor(() => joined.length === 1 && friend.state !== undefined, 'the friend to join and get a snapshot');
    expect(friend.players()).toEqual([
      { playerId: 0, name: 'hana', away: false },
      { playerId: joined[0], name: 'ann', away: false },
    ]);
    expect(host.players().map((p) => p.name)).toEqual(['hana', 'ann']);

    friend.setInput({ dx: 1, dy: 0 });
    await waitFor(() => (host!.view().entities.find((e) => e.id === joined[0])?.values.x ?? 0) > 20, 'the host to draw the friend 20 units along');
    friend.setInput({ dx: 0, dy: 0 });
    const sameOnBoth = () => {
      const drawn = (view: ReturnType<SquareHost['view']>) => JSON.stringify(view.entities.map((e) => [e.id, e.values.x, e.values.y]).sort());
      return drawn(host!.view()) === drawn(friend.view());
    };
    await waitFor(sameOnBoth, 'host and friend to draw the same squares once the friend stops', 10_000);
  });

  it('says goodbye when the host closes: the friend is told at once, not after a timeout', async () => {
    const friend = client!;
    const ended: LeaveReason[] = [];
    friend.on('disconnected', (reason) => ended.push(reason));
    let hostClosed = 0;
    host!.on('closed', () => hostClosed++);
    host!.close();
    host!.close();
    expect(hostClosed).toBe(1);
    await waitFor(() => ended.length === 1, 'the friend to hear that the host left');
    expect(ended[0]!.code).not.toBe('timeout');
  });
});
