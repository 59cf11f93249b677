/**
 * Ten simulated minutes of play over a very bad loopback link. Reliable game events must arrive
 * exactly once and in order, nothing may throw, every client must converge once input stops, and
 * the heap must not grow with play time.
 */
import { describe, expect, it } from 'vitest';
import type { LinkConditions } from '../../../engine/src/transport/loopback/link-conditioner.js';
import { heapAfterGcMb } from '../../support/heap.js';
import { loopbackGame, squareOf, type LoopbackGame } from '../../support/loopback-game.js';

const MINUTE = 60_000;

/** Every 96 ms of play: a numbered reliable event each way, and each client turns a little. */
function play(game: LoopbackGame, sent: { host: number; clients: number[] }, elapsed: number): void {
  if (elapsed % 96 !== 0) return;
  game.host.send('event', sent.host++);
  game.clients.forEach((client, i) => {
    client.send('event', sent.clients[i]!++);
    const angle = Math.floor(elapsed / 700) * 2.1 + i;
    client.setInput({ dx: Math.round(Math.cos(angle) * 100) / 100, dy: Math.round(Math.sin(angle) * 100) / 100 });
  });
}

function soak(conditions: Partial<LinkConditions>, seed: number) {
  const game = loopbackGame({ clients: 3, seed, conditions, messages: { event: 'reliable' } });
  const sent = { host: 0, clients: game.clients.map(() => 0) };
  const atHost = game.clients.map(() => [] as number[]);
  const atClients = game.clients.map(() => [] as number[]);
  game.host.on('message', ({ from, payload }) => atHost[from - 1]?.push(Number(payload)));
  game.clients.forEach((c, i) => c.on('message', ({ payload }) => atClients[i]!.push(Number(payload))));
  game.run(3000);
  expect(game.clients.every((c) => c.playerId !== undefined)).toBe(true);
  let elapsed = 0;
  const frame = () => play(game, sent, (elapsed += 8));
  game.run(MINUTE, frame);
  const heapAfter1 = heapAfterGcMb();
  game.run(9 * MINUTE, frame);
  const heapAfter10 = heapAfterGcMb();
  for (const client of game.clients) client.setInput({ dx: 0, dy: 0 });
  game.run(15_000);
  return { game, sent, atHost, atClients, heapAfter1, heapAfter10 };
}

describe('ten minutes over a bad link', () => {
  for (const [name, conditions, seed] of [
    ['25% loss, 25% duplication, 200 ± 50 ms', { latencyMs: 150, jitterMs: 100, loss: 0.25, duplication: 0.25 }, 21],
    ['30% loss and reordering', { latencyMs: 60, jitterMs: 20, loss: 0.3, reorder: 0.3, reorderDelayMs: 80 }, 22],
  ] as const) {
    it(`loses no reliable event and converges with ${name}`, () => {
      const { game, sent, atHost, atClients, heapAfter1, heapAfter10 } = soak(conditions, seed);
      const upTo = (n: number) => Array.from({ length: n }, (_, i) => i);
      atHost.forEach((received, i) => expect(received).toEqual(upTo(sent.clients[i]!)));
      for (const received of atClients) expect(received).toEqual(upTo(sent.host));
      expect(sent.host).toBeGreaterThan(6000);
      for (const client of game.clients) {
        expect(client.stats().playerId).toBeDefined();
        expect(squareOf(client.state, client.playerId)).toEqual(squareOf(game.host.state, client.playerId));
      }
      console.log(`soak (${name}): heap ${heapAfter1.toFixed(1)} MiB after 1 min, ${heapAfter10.toFixed(1)} MiB after 10 min; corrections ${game.clients.map((c) => c.stats().corrections).join(', ')}`);
      expect(heapAfter10).toBeLessThan(heapAfter1 + 8);
    });
  }

  it('loses no reliable event across reconnections: a link cut every 10 s, at 20% loss', async () => {
    const game = loopbackGame({ clients: 3, seed: 23, conditions: { latencyMs: 80, jitterMs: 30, loss: 0.2 }, messages: { event: 'reliable' }, reconnect: true });
    const log: string[] = [];
    game.host.on('playerAway', () => log.push('away'));
    game.host.on('playerReturned', () => log.push('returned'));
    game.host.on('playerLeft', () => log.push('left'));
    const sent = { host: 0, clients: game.clients.map(() => 0) };
    const atHost = game.clients.map(() => [] as number[]);
    const atClients = game.clients.map(() => [] as number[]);
    game.host.on('message', ({ from, payload }) => atHost[from - 1]?.push(Number(payload)));
    game.clients.forEach((c, i) => c.on('message', ({ payload }) => atClients[i]!.push(Number(payload))));
    await game.runAsync(3000);
    const ids = game.clients.map((c) => c.playerId);
    let elapsed = 0;
    let cuts = 0;
    await game.runAsync(5 * MINUTE, () => {
      elapsed += 8;
      if (elapsed % 10_000 === 0) {
        // Cut a client's link as a failed network path does: mid-stream, no goodbye.
        const playerId = ids[cuts % ids.length]!;
        if (game.network.sever('host', game.host.peerIdOf(playerId)!)) cuts++;
      }
      play(game, sent, elapsed);
    });
    for (const client of game.clients) client.setInput({ dx: 0, dy: 0 });
    await game.runAsync(15_000);
    const upTo = (n: number) => Array.from({ length: n }, (_, i) => i);
    atHost.forEach((received, i) => expect(received).toEqual(upTo(sent.clients[i]!)));
    for (const received of atClients) expect(received).toEqual(upTo(sent.host));
    expect(cuts).toBe(30);
    expect(log.filter((e) => e === 'away')).toHaveLength(cuts);
    expect(log.filter((e) => e === 'returned')).toHaveLength(cuts);
    expect(log).not.toContain('left');
    expect(game.clients.map((c) => c.playerId)).toEqual(ids);
    for (const client of game.clients) {
      expect(client.stats().unreplayedMessages).toBe(0);
      expect(squareOf(client.state, client.playerId)).toEqual(squareOf(game.host.state, client.playerId));
    }
    console.log(`soak (reconnections): ${cuts} links cut, ${sent.host} events from the host and ${sent.clients.join(', ')} from the clients, each delivered once, in order`);
  });
});
