/**
 * Game messages in each delivery mode over a lossy loopback link: 20% loss, duplication and
 * reordering on the unreliable channel. On the reliable channel the link conditioner does what
 * SCTP shows the layers above it: a lost packet is a retransmission's delay, with everything behind
 * it held back, never a gap or a duplicate. So the reliable test proves the engine's ordering and
 * replay under those delays; reliability across a link that is cut is the reconnect tests' and the
 * soaks' to prove.
 */
import { describe, expect, it } from 'vitest';
import { loopbackGame } from '../../support/loopback-game.js';

const messages = { chat: 'reliable', aim: 'sequenced', blip: 'unreliable' } as const;
const bad = { latencyMs: 40, jitterMs: 30, loss: 0.2, duplication: 0.2, reorder: 0.2, reorderDelayMs: 60 };

describe('game messages under loss, duplication and reordering', () => {
  it('delivers reliable messages exactly once and in order, both ways, through retransmission delays', () => {
    const game = loopbackGame({ clients: 2, seed: 11, conditions: bad, messages });
    game.run(1000);
    const atHost: number[] = [];
    game.host.on('message', ({ type, payload, from }) => {
      if (type === 'chat' && from === game.clients[0]!.playerId) atHost.push(Number(payload));
    });
    const atClients = game.clients.map(() => [] as number[]);
    game.clients.forEach((client, i) => client.on('message', ({ type, payload }) => type === 'chat' && atClients[i]!.push(Number(payload))));
    for (let i = 0; i < 500; i++) {
      game.clients[0]!.send('chat', i);
      game.host.send('chat', i);
      game.run(8);
    }
    game.run(3000);
    const inOrder = Array.from({ length: 500 }, (_, i) => i);
    expect(atHost).toEqual(inOrder);
    for (const received of atClients) expect(received).toEqual(inOrder);
  });

  it('never delivers a sequenced message after a newer one, and drops the stale ones', () => {
    const game = loopbackGame({ clients: 1, seed: 12, conditions: bad, messages });
    game.run(1000);
    const atHost: number[] = [];
    const atClient: number[] = [];
    game.host.on('message', ({ type, payload }) => type === 'aim' && atHost.push(Number(payload)));
    game.clients[0]!.on('message', ({ type, payload }) => type === 'aim' && atClient.push(Number(payload)));
    for (let i = 0; i < 1000; i++) {
      game.clients[0]!.send('aim', i);
      game.host.send('aim', i);
      game.run(8);
    }
    game.run(2000);
    for (const received of [atHost, atClient]) {
      expect(received.every((n, i) => i === 0 || n > received[i - 1]!)).toBe(true);
      expect(received.length).toBeGreaterThan(500);
      expect(received.length).toBeLessThan(1000);
    }
  });

  it('delivers unreliable messages as the link does: some lost, some twice', () => {
    const game = loopbackGame({ clients: 1, seed: 13, conditions: bad, messages });
    game.run(1000);
    const atHost: number[] = [];
    game.host.on('message', ({ type, payload }) => type === 'blip' && atHost.push(Number(payload)));
    for (let i = 0; i < 1000; i++) {
      game.clients[0]!.send('blip', i);
      game.run(8);
    }
    game.run(2000);
    const unique = new Set(atHost);
    expect(unique.size).toBeLessThan(1000);
    expect(atHost.length).toBeGreaterThan(unique.size);
  });

  it('refuses a message type the game did not declare', () => {
    const game = loopbackGame({ clients: 1, messages });
    expect(() => game.host.send('shout', 1)).toThrow(/not declared/);
    expect(() => game.clients[0]!.send('shout', 1)).toThrow(/not declared/);
  });
});
