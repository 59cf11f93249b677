/**
 * What a game touches on a client, held to what its JSDoc says: `view()` changes nothing, a render
 * tick before joining is -1, `send()` without a link throws, `snapDistance` snaps a long correction.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../engine/src/core/clock.js';
import { isNetError } from '../../../engine/src/core/net-error.js';
import { createClient } from '../../../engine/src/session/client/client.js';
import { createHost } from '../../../engine/src/session/host/host.js';
import { LoopbackNetwork } from '../../../engine/src/transport/loopback/loopback-network.js';
import { movingSquare } from '../../../engine/examples/moving-square.js';
import { loopbackGame, squareOf, type SquareClient, type SquareSimulation } from '../../support/loopback-game.js';

describe('client.view()', () => {
  /** Dry frames counted over 3 s of a lossy link, calling `view()` `views` times a frame. */
  function dryFrames(views: number): number[] {
    const game = loopbackGame({ clients: 2, seed: 5, interpolationDelay: 0, conditions: { latencyMs: 30, jitterMs: 20, loss: 0.3 } });
    game.run(3000, () => {
      for (const client of game.clients) {
        const before = client.stats().interpolationDry;
        for (let i = 0; i < views; i++) client.view();
        // Drawing, however often, changes no figure.
        expect(client.stats().interpolationDry).toBe(before);
      }
    });
    return game.clients.map((c) => c.stats().interpolationDry);
  }

  it('is pure: the dry-frame count is the same whether a game draws never, once or twice a frame', () => {
    const once = dryFrames(1);
    expect(Math.min(...once)).toBeGreaterThan(0);
    expect(dryFrames(0)).toEqual(once);
    expect(dryFrames(2)).toEqual(once);
  });

  it('says -1 for the ticks it does not know yet, not -Infinity', () => {
    const game = loopbackGame({ clients: 1, conditions: { latencyMs: 50 } });
    const client = game.clients[0]!;
    const none = { tick: -1, renderTick: -1, entities: [] };
    expect(client.view()).toEqual(none);
    expect(client.stats()).toMatchObject({ tick: -1, renderTick: -1 });
    game.run(1000);
    expect(client.view().renderTick).toBeGreaterThan(0);
    expect(client.stats().renderTick).toBeGreaterThan(0);
  });
});

describe('client.send()', () => {
  function notConnected(client: SquareClient): string {
    try {
      client.send('chat', 'hi');
    } catch (error) {
      if (isNetError(error, 'not_connected')) return error.message;
      throw error;
    }
    return 'sent';
  }

  it('throws not_connected before start() and after close(), and sends in between', () => {
    const clock = new ManualClock();
    const network = new LoopbackNetwork({ clock, conditions: { latencyMs: 10 } });
    const host = createHost({ simulation: movingSquare, transport: network.createHost('host'), clock, messages: { chat: 'reliable' } });
    const heard: unknown[] = [];
    host.on('message', ({ payload }) => heard.push(payload));
    host.start();
    const client = createClient({ simulation: movingSquare, transport: network.connect('host'), clock, messages: { chat: 'reliable' } });
    expect(notConnected(client)).toBe('cannot send "chat" before start(): the client has not said hello to the host yet');
    client.start();
    clock.advance(200);
    expect(notConnected(client)).toBe('sent');
    clock.advance(200);
    expect(heard).toEqual(['hi']);
    client.close();
    expect(notConnected(client)).toBe('cannot send "chat": the client has left the game');
  });

  it('throws not_connected once the host has ended the game', () => {
    const game = loopbackGame({ clients: 1, messages: { chat: 'reliable' }, conditions: { latencyMs: 10 } });
    game.run(300);
    game.host.close();
    game.run(300);
    expect(() => game.clients[0]!.send('chat', 'anyone?')).toThrow(expect.objectContaining({ code: 'not_connected' }));
  });
});

describe('the snapDistance option', () => {
  const TELEPORT_TICK = 120;
  /** The moving square whose host moves player 1 by 500 at one tick: a jump no client predicts. */
  const teleporting: SquareSimulation = {
    ...movingSquare,
    step: (world, inputs, dt, context) => {
      const next = movingSquare.step(world, inputs, dt, context);
      if (!context.authoritative || context.tick !== TELEPORT_TICK) return next;
      return { squares: next.squares.map((s) => (s.id === 1 ? { ...s, x: s.x + 500 } : s)) };
    },
  };

  /** The correction's size, and how far from the corrected position the player is drawn right after. */
  function teleport(options: { snapDistance?: number }): { size: number; drawnOffset: number } {
    const clock = new ManualClock();
    const network = new LoopbackNetwork({ clock, conditions: { latencyMs: 20 } });
    createHost({ simulation: teleporting, transport: network.createHost('host'), clock }).start();
    const client = createClient({ simulation: teleporting, transport: network.connect('host'), clock, ...options });
    let size = 0;
    client.on('correction', (c) => (size = Math.max(size, c.size)));
    client.start();
    for (let t = 0; t < 5000; t += 8) {
      clock.advance(8);
      if (size === 0) continue;
      const drawn = client.view().entities.find((e) => e.id === client.playerId)!;
      return { size, drawnOffset: Math.abs(Number(drawn.values.x) - squareOf(client.state, client.playerId)!.x) };
    }
    throw new Error('the host never corrected the client');
  }

  it('glides every correction by default, however long', () => {
    const { size, drawnOffset } = teleport({});
    expect(size).toBeCloseTo(500, 0);
    expect(drawnOffset).toBeGreaterThan(400);
  });

  it('snaps a correction longer than snapDistance, and glides a shorter one', () => {
    expect(teleport({ snapDistance: 100 }).drawnOffset).toBe(0);
    expect(teleport({ snapDistance: 600 }).drawnOffset).toBeGreaterThan(400);
  });

  it('is checked at construction', () => {
    const network = new LoopbackNetwork({ clock: new ManualClock() });
    network.createHost('host');
    const transport = network.connect('host');
    for (const snapDistance of [-1, Number.NaN]) {
      expect(() => createClient({ simulation: movingSquare, transport, snapDistance })).toThrow(/^snapDistance must be a number from 0/);
    }
    expect(createClient({ simulation: movingSquare, transport, snapDistance: Infinity }).tunables.snapDistance).toBe(Infinity);
    expect(createClient({ simulation: movingSquare, transport }).tunables.snapDistance).toBe(Infinity);
  });
});
