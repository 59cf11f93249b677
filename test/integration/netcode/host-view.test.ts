/**
 * `host.view()`: the host draws the way a client does, smoothly at any frame rate. At 20 ticks a
 * second the state moves in 50 ms steps; the view is one tick behind, blended between the two
 * newest ticks, so frames between two ticks move too, and never lead the simulation.
 */
import { describe, expect, it } from 'vitest';
import { loopbackGame, squareOf } from '../../support/loopback-game.js';

describe('host.view()', () => {
  it('draws the host’s own square between its two newest ticks, moving on every frame', () => {
    const game = loopbackGame({ clients: 0, tickRate: 20, snapshotRate: 20 });
    game.host.setInput({ dx: 1, dy: 0 });
    game.run(500);
    const drawn: number[] = [];
    const simulated: number[] = [];
    const renderTicks: number[] = [];
    // One frame every 10 ms for 200 ms: 20 frames across 4 ticks.
    for (let frame = 0; frame < 20; frame++) {
      game.clock.advance(10);
      const view = game.host.view();
      expect(view.tick).toBe(game.host.tick);
      // One tick behind, within the two newest ticks.
      expect(view.renderTick).toBeGreaterThanOrEqual(view.tick - 1);
      expect(view.renderTick).toBeLessThanOrEqual(view.tick);
      renderTicks.push(view.renderTick);
      drawn.push(view.entities.find((e) => e.id === 0)!.values.x);
      simulated.push(squareOf(game.host.state, 0)!.x);
    }
    // Moving at 120 units/s, a frame 10 ms later is 1.2 units on: every frame moved, none jumped a tick.
    for (let i = 1; i < drawn.length; i++) {
      expect(drawn[i]! - drawn[i - 1]!).toBeCloseTo(1.2, 1);
    }
    // The view is behind the simulation, by at most one tick of motion (6 units).
    drawn.forEach((x, i) => {
      expect(x).toBeLessThanOrEqual(simulated[i]!);
      expect(simulated[i]! - x).toBeLessThanOrEqual(6 + 1e-9);
    });
    // Frames between ticks draw between ticks: the render tick moves 0.2 of a tick per 10 ms frame.
    for (let i = 1; i < renderTicks.length; i++) expect(renderTicks[i]! - renderTicks[i - 1]!).toBeCloseTo(0.2, 5);
  });

  it('changes nothing: two views in a row are the same, and the state is untouched', () => {
    const game = loopbackGame({ clients: 1, tickRate: 30, conditions: { latencyMs: 20 } });
    game.host.setInput({ dx: 0, dy: 1 });
    game.clients[0]!.setInput({ dx: 1, dy: 0 });
    game.run(1000);
    game.clock.advance(5);
    const state = game.host.state;
    const first = game.host.view();
    expect(game.host.view()).toEqual(first);
    expect(game.host.state).toBe(state);
    expect(first.entities.map((e) => e.id).sort()).toEqual([0, game.clients[0]!.playerId]);
  });

  it('shows the newest tick when the host is stepped by hand rather than ticking on its clock', () => {
    const game = loopbackGame({ clients: 0, tickRate: 20 });
    game.host.stop();
    game.host.setInput({ dx: 1, dy: 0 });
    for (let i = 0; i < 3; i++) game.host.step();
    const view = game.host.view();
    expect(view.renderTick).toBe(game.host.tick);
    expect(view.entities.find((e) => e.id === 0)!.values.x).toBe(squareOf(game.host.state, 0)!.x);
  });
});
