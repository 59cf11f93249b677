/**
 * Host migration over the loopback transport, under loss: the host leaves or crashes at a random
 * tick, its successor carries the game on, and every other player rejoins it as itself, with its
 * score, and with every reliable message it sent handed to the game exactly once.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../engine/src/core/rng.js';
import { HEIR_TURN_MS } from '../../../engine/src/session/client/client-migration.js';
import { migrationGame, type MigrationGame, type HandedPoint } from '../../support/migration-game.js';

const CLIENTS = 4;

/** Each client sends a numbered `point` every 100 ms while `sending()`; returns how many each sent. */
function sendPoints(game: MigrationGame, sending: () => boolean): number[] {
  const sent = game.clients.map(() => 0);
  let next = 0;
  void game;
  const tick = () => {
    if (!sending() || game.clock.now() < next) return;
    next = game.clock.now() + 100;
    game.clients.forEach((client, i) => {
      if (client.playerId === undefined) return;
      try {
        client.send('point', sent[i]!);
        sent[i]!++;
      } catch {
        // A client that ended (the one that became the host) sends no more.
      }
    });
  };
  return Object.assign(sent, { tick });
}

/** What the game as it went on saw: the first host's points up to the takeover tick, then the new host's. */
function pointsKept(game: MigrationGame): HandedPoint[] {
  const [first, ...rest] = game.eras;
  const next = rest[rest.length - 1]!;
  return [...first!.points.filter((p) => p.tick <= next.fromTick), ...next.points];
}

describe('host migration over loopback, with 5 in 100 packets lost', () => {
  it.each([
    ['leaves', 11],
    ['crashes', 12],
    ['leaves', 13],
    ['crashes', 14],
  ])('the host %s at a random tick (seed %i): the successor hosts and everyone plays on as themselves', async (how, seed) => {
    const rng = createRng(seed);
    const game = migrationGame({ clients: CLIENTS, seed, conditions: { loss: 0.05, latencyMs: 20, jitterMs: 5 } });
    const events: string[] = [];
    game.clients.forEach((c, i) => {
      c.on('hostMigrating', ({ you }) => events.push(`${i}:migrating${you ? ':you' : ''}`));
      c.on('hostMigrated', () => events.push(`${i}:migrated`));
      c.on('becameHost', () => events.push(`${i}:host`));
      c.on('disconnected', () => events.push(`${i}:disconnected`));

      c.setInput({ dx: 1 });
    });
    game.eras[0]!.host.setInput({ dx: 1 });
    let sending = true;
    const sender = sendPoints(game, () => sending) as number[] & { tick: () => void };
    await game.run(2000 + rng.int(0, 2000), sender.tick);
    const before = game.clients.map((c) => ({ id: c.playerId, score: c.view().entities.find((e) => e.id === c.playerId)?.values.score ?? -1 }));
    expect(before.every((b) => b.id !== undefined && b.score > 0)).toBe(true);
    const heirs = game.eras[0]!.host.heirs();
    expect(heirs).toHaveLength(CLIENTS);
    const successorIndex = game.clients.findIndex((c) => c.playerId === heirs[0]);

    if (how === 'leaves') game.eras[0]!.host.leave();
    else game.crashHost();
    await game.run(6000, sender.tick);
    sending = false;
    await game.run(3000);

    expect(game.eras).toHaveLength(2);
    expect(events.filter((e) => e.endsWith(':host'))).toEqual([`${successorIndex}:host`]);
    expect(events.filter((e) => e.endsWith(':migrated'))).toHaveLength(CLIENTS - 1);
    expect(events.filter((e) => e.endsWith(':disconnected'))).toEqual([]);
    const next = game.eras[1]!.host;
    // Everyone is there under the same id: the successor as the host's own player, the rest as clients.
    const ids = next.players().map((p) => p.playerId);
    expect(ids).toEqual(before.map((b) => b.id!).sort((a, b) => a - b));
    expect(next.players().every((p) => !p.away)).toBe(true);
    // Scores carried on: nobody's went back, and the host-only tick count was handed over too.
    for (const b of before) {
      const ship = next.state.ships.find((s) => s.id === b.id);
      expect(ship!.score).toBeGreaterThanOrEqual(b.score - 1);
    }
    expect(next.state.hostTicks).toBeGreaterThan(game.eras[1]!.fromTick - 70);
    // Ticks went on from where they were, no time warp back to 0.
    expect(game.eras[1]!.fromTick).toBeGreaterThan(100);
    // Every point each client sent was handed to the game exactly once.
    const kept = pointsKept(game);
    game.clients.forEach((client, i) => {
      const got = kept.filter((p) => p.from === client.playerId || (i === successorIndex && p.from === heirs[0])).map((p) => p.point);
      expect(got).toEqual(Array.from({ length: sender[i]! }, (_, n) => n));
    });
  });

  it('the successor dies as it takes over: the next heir takes the game over in its turn', async () => {
    const probe = migrationGame({ clients: CLIENTS, seed: 21, conditions: { loss: 0.05, latencyMs: 20 } });
    await probe.run(2500);
    const order = probe.eras[0]!.host.heirs();
    const indexOf = (playerId: number | undefined) => probe.clients.findIndex((c) => c.playerId === playerId);
    // The same seed plays out the same way: the successor found above is the one set to die below.
    const game = migrationGame({ clients: CLIENTS, seed: 21, conditions: { loss: 0.05, latencyMs: 20 }, diesTakingOver: new Set([indexOf(order[0])]) });
    const became: number[] = [];
    const migrated: number[] = [];
    game.clients.forEach((c, i) => {
      c.on('becameHost', () => became.push(i));
      c.on('hostMigrated', () => migrated.push(i));
    });
    await game.run(2500);
    expect(game.eras[0]!.host.heirs()).toEqual(order);
    game.crashHost();
    await game.run(HEIR_TURN_MS + 6000);
    expect(became).toEqual([indexOf(order[1])]);
    expect(migrated.sort()).toEqual([0, 1, 2, 3].filter((i) => i !== indexOf(order[0]) && i !== indexOf(order[1])));
    const next = game.eras[1]!.host;
    // The one that died is away, its seat kept for it; everyone else plays.
    expect(next.players().filter((p) => p.away).map((p) => p.playerId)).toEqual([order[0]]);
    probe.eras[0]!.host.close();
  });

  it('a host gone silent (no goodbye, no failed link) is found gone after hostSilenceMs, long before hostTimeoutMs', async () => {
    const game = migrationGame({ clients: 3, seed: 31, conditions: { latencyMs: 20 } });
    const lostAt: number[] = [];
    game.clients.forEach((c) => c.on('hostMigrating', () => lostAt.push(game.clock.now())));
    await game.run(2000);
    const silentFrom = game.clock.now();
    game.silenceHost();
    await game.run(8000);
    expect(lostAt).toHaveLength(3);
    for (const at of lostAt) expect(at - silentFrom).toBeLessThan(2500);
    expect(game.eras).toHaveLength(2);
    expect(game.eras[1]!.host.players().filter((p) => !p.away)).toHaveLength(3);
  });

  it('a host that ends the game (close) ends it for everyone: nobody takes over', async () => {
    const game = migrationGame({ clients: 3, seed: 41, conditions: { latencyMs: 20 } });
    const ended: string[] = [];
    game.clients.forEach((c, i) => {
      c.on('disconnected', () => ended.push(`${i}:disconnected`));
      c.on('hostMigrating', () => ended.push(`${i}:migrating`));
    });
    await game.run(2000);
    game.eras[0]!.host.close();
    await game.run(3000);
    expect(ended.sort()).toEqual(['0:disconnected', '1:disconnected', '2:disconnected']);
    expect(game.eras).toHaveLength(1);
  });
});
