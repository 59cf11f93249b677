/**
 * Lag compensation owned by the engine: every input carries the host tick its player was drawing
 * the others at, and the host's `step` reads it back as `context.viewTick(playerId)` (and the state
 * of that tick as `context.rewindFor(playerId)`), clamped to the rewind window. No game carries a
 * view lag in its input.
 */
import { describe, expect, it } from 'vitest';
import type { StepContext } from '../../../engine/src/session/simulation.js';
import { loopbackGame, type SquareSimulation, type World } from '../../support/loopback-game.js';
import { movingSquare } from '../../../engine/examples/moving-square.js';

interface Seen {
  readonly viewTick: number;
  readonly ownViewTick: number;
  readonly rewoundToView: boolean;
}

/** The moving square, recording on the host what `step` was told of player 1's and the host's views. */
function recording(seen: Map<number, Seen>): SquareSimulation {
  return {
    ...movingSquare,
    step: (world, inputs, dt, context: StepContext<World>) => {
      if (context.authoritative) {
        seen.set(context.tick, {
          viewTick: context.viewTick(1),
          ownViewTick: context.viewTick(0),
          rewoundToView: context.rewindFor(1) === context.rewind(context.viewTick(1)),
        });
      }
      return movingSquare.step(world, inputs, dt, context);
    },
  };
}

describe('the view tick of each input', () => {
  it('is the render tick the client drew when it predicted that tick', () => {
    const seen = new Map<number, Seen>();
    const game = loopbackGame({ clients: 1, conditions: { latencyMs: 40, jitterMs: 5 }, hostSimulation: recording(seen) });
    const client = game.clients[0]!;
    // The render tick of the frame before each predicted tick first appeared: what its input was made at.
    const drawnWhenPredicted = new Map<number, number>();
    let lastRender = -1;
    game.run(4000, () => {
      const { tick, renderTick } = client.stats();
      if (tick >= 0 && !drawnWhenPredicted.has(tick) && lastRender >= 0) drawnWhenPredicted.set(tick, lastRender);
      lastRender = renderTick;
    });
    const compared = [...drawnWhenPredicted].filter(([tick]) => seen.has(tick) && tick > 120);
    expect(compared.length).toBeGreaterThan(100);
    for (const [tick, render] of compared) {
      const { viewTick, ownViewTick, rewoundToView } = seen.get(tick)!;
      // Sent as whole ticks behind the input's own: within half a tick of what was drawn.
      expect(Math.abs(viewTick - render)).toBeLessThanOrEqual(0.5 + 1e-9);
      expect(viewTick).toBeLessThan(tick);
      expect(ownViewTick).toBe(tick - 1);
      expect(rewoundToView).toBe(true);
    }
  });

  it('is clamped to the rewind window (300 ms by default: 18 ticks at 60 Hz before the newest simulated tick) for a client far behind', () => {
    const seen = new Map<number, Seen>();
    const game = loopbackGame({ clients: 1, conditions: { latencyMs: 250 }, hostSimulation: recording(seen) });
    game.run(6000);
    // Step for tick T runs with T - 1 the newest simulated tick.
    const ages = [...seen].filter(([tick]) => tick > 240).map(([tick, { viewTick }]) => tick - 1 - viewTick);
    expect(ages.length).toBeGreaterThan(100);
    expect(Math.max(...ages)).toBe(18);
    expect(Math.min(...ages)).toBe(18);
  });
});
