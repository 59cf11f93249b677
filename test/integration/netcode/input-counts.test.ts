/**
 * The host counts, per player and in total, the inputs that came late (the main cause of
 * corrections), the ticks whose input was missing, and the inputs that came twice: over a clean
 * link, over a lossy one, and over one whose delay jumps.
 */
import { describe, expect, it } from 'vitest';
import type { HostStats } from '../../../engine/src/session/host/host-stats.js';
import { loopbackGame } from '../../support/loopback-game.js';

function totalsOf(stats: HostStats) {
  const sum = (key: 'late' | 'missing' | 'duplicate') => stats.inputsByPlayer.reduce((n, p) => n + p[key], 0);
  return { late: sum('late'), missing: sum('missing'), duplicate: sum('duplicate') };
}

describe('the host’s input counts', () => {
  it('over a steady link: duplicates from redundancy, next to nothing late or missing', () => {
    const game = loopbackGame({ clients: 2, conditions: { latencyMs: 20, jitterMs: 10 } });
    game.run(6000);
    const stats = game.host.stats();
    expect(stats.inputsByPlayer.map((p) => p.playerId)).toEqual([1, 2]);
    // 360 ticks of each of 2 players, each input sent 4 times.
    expect(stats.duplicateInputs).toBeGreaterThan(2000);
    expect(stats.lateInputs).toBeLessThan(10);
    expect(stats.missingInputs).toBeLessThan(20);
    expect(totalsOf(stats)).toEqual({ late: stats.lateInputs, missing: stats.missingInputs, duplicate: stats.duplicateInputs });
  });

  it('over a lossy link without redundancy: ticks missing their input', () => {
    const game = loopbackGame({ clients: 2, inputRedundancy: 0, conditions: { latencyMs: 20, loss: 0.2 } });
    game.run(5000);
    const stats = game.host.stats();
    expect(stats.missingInputs).toBeGreaterThan(50);
    for (const player of stats.inputsByPlayer) expect(player.missing).toBeGreaterThan(10);
  });

  it('over a link whose delay jumps: late inputs, counted for the player whose link it is', () => {
    const game = loopbackGame({ clients: 2, seed: 3, conditions: { latencyMs: 20, jitterMs: 10 } });
    game.run(3000);
    expect(game.host.stats().lateInputs).toBe(0);
    // Player 1's link takes 150 ms longer each way from now on: its inputs come late until its lead grows.
    const link = game.network.link('host', game.host.peerIdOf(1)!)!;
    link.up.update({ latencyMs: 170 });
    link.down.update({ latencyMs: 170 });
    game.run(3000);
    const stats = game.host.stats();
    const [first, second] = stats.inputsByPlayer;
    expect(first!.late).toBeGreaterThan(0);
    expect(second!.late).toBe(0);
    expect(totalsOf(stats)).toEqual({ late: stats.lateInputs, missing: stats.missingInputs, duplicate: stats.duplicateInputs });
  });

  it('keeps the counts of players who left in the totals', () => {
    const game = loopbackGame({ clients: 2, conditions: { latencyMs: 20 } });
    game.run(2000);
    const before = game.host.stats();
    game.clients[0]!.close();
    game.run(500);
    const after = game.host.stats();
    expect(after.inputsByPlayer.map((p) => p.playerId)).toEqual([2]);
    expect(after.duplicateInputs).toBeGreaterThanOrEqual(before.duplicateInputs);
  });
});
