/**
 * State a game keeps outside its entities (a match clock, scores only the host needs): the host
 * rebuilds its state from the entities every tick, so such state lives only through
 * `fromEntities(entities, previous)`, and `previous` must always be the state of the same moment.
 * On the host it survives every tick and every join and leave; on a client, which never receives
 * it, its own copy is stepped once per predicted tick, corrections and replays included.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../engine/src/core/clock.js';
import { createClient, type Client } from '../../../engine/src/session/client/client.js';
import { createHost } from '../../../engine/src/session/host/host.js';
import type { Simulation } from '../../../engine/src/session/simulation.js';
import { LoopbackNetwork } from '../../../engine/src/transport/loopback/loopback-network.js';
import { movingSquare } from '../../../engine/examples/moving-square.js';
import type { SquareSchema, World } from '../../support/loopback-game.js';

/** The moving square with a match clock and scores that are never sent. */
interface Match extends World {
  /** Ticks this state has been stepped. */
  readonly elapsed: number;
  /** The tick of the last step. */
  readonly lastTick: number;
  /** Ticks each player spent moving, by player id. */
  readonly scores: Readonly<Record<number, number>>;
}

/** Every 30 ticks the host pushes every square: no client can predict it, so each is corrected. */
const PUSH_EVERY = 30;

/** The square's rules without its own saveState and loadState, which are for its `World`. */
const squareRules: Omit<Simulation<World, SquareSchema>, 'saveState' | 'loadState'> = movingSquare;

const match: Simulation<Match, SquareSchema> = {
  ...squareRules,
  initialState: () => ({ squares: [], elapsed: 0, lastTick: 0, scores: {} }),
  step: (state, inputs, dt, context) => {
    const moved = movingSquare.step(state, inputs, dt, context).squares;
    const squares = context.authoritative && context.tick % PUSH_EVERY === 0 ? moved.map((s) => ({ ...s, x: s.x + 1 })) : moved;
    const scores = { ...state.scores };
    for (const [playerId, input] of inputs) if (input.dx !== 0 || input.dy !== 0) scores[playerId] = (scores[playerId] ?? 0) + 1;
    return { squares, elapsed: state.elapsed + 1, lastTick: context.tick, scores };
  },
  addPlayer: (state, playerId, name) => ({ ...state, ...movingSquare.addPlayer(state, playerId, name) }),
  removePlayer: (state, playerId) => ({ ...state, ...movingSquare.removePlayer(state, playerId) }),
  // The rule: entities say what they carry, `previous` carries the rest.
  fromEntities: (entities, previous) => ({ ...previous, ...movingSquare.fromEntities(entities, previous) }),
};

function matchGame(latencyMs: number) {
  const clock = new ManualClock();
  const network = new LoopbackNetwork({ clock, seed: 3, conditions: { latencyMs, jitterMs: latencyMs / 5 } });
  const host = createHost({ simulation: match, transport: network.createHost('host'), clock });
  host.start();
  const join = (name: string): Client<Match, SquareSchema> => {
    const client = createClient({ simulation: match, transport: network.connect('host'), clock, name });
    client.start();
    return client;
  };
  const run = (ms: number, onFrame?: () => void) => {
    for (let t = 0; t < ms; t += 8) {
      clock.advance(8);
      onFrame?.();
    }
  };
  return { host, join, run };
}

describe('state outside entities', () => {
  it('survives every tick on the host, and every player joining and leaving', () => {
    const { host, join, run } = matchGame(30);
    host.setInput({ dx: 0.5, dy: 0 });
    const steady = join('steady');
    steady.setInput({ dx: 0, dy: 1 });
    run(3000);
    const visitor = join('visitor');
    run(3000);
    visitor.close();
    steady.setInput({ dx: 0, dy: 0 });
    run(4000);

    expect(host.tick).toBeGreaterThanOrEqual(590);
    expect(host.state.elapsed).toBe(host.tick);
    expect(host.state.lastTick).toBe(host.tick);
    // The host's own player moved on every tick; the client for about the six seconds it steered.
    expect(host.state.scores[0]).toBe(host.tick);
    expect(host.state.scores[1]).toBeGreaterThan(300);
    expect(host.state.scores[1]).toBeLessThan(400);
  });

  it("steps a client's own copy once per predicted tick, corrections and their replays included", () => {
    const { host, join, run } = matchGame(60);
    const client = join('client');
    client.setInput({ dx: 0, dy: 1 });
    let corrections = 0;
    client.on('correction', () => corrections++);
    // `lastTick - elapsed` is the tick the client's copy started from: the same on every frame.
    const starts = new Set<number>();
    run(5000, () => {
      const state = client.state;
      if (state && state.elapsed > 0) starts.add(state.lastTick - state.elapsed);
    });

    expect(host.tick).toBeGreaterThanOrEqual(290);
    expect(corrections).toBeGreaterThanOrEqual(5);
    expect(starts.size).toBe(1);
    // The client's copy counts only what the client knows: its own input, never the host's.
    expect(Object.keys(client.state!.scores)).toEqual(['1']);
  });
});
