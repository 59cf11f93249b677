/**
 * A host whose game throws: each throw is an `error` event naming the function and the tick, the
 * tick keeps the state it had and still counts, the snapshots keep going out, and only a function
 * that throws on ten calls in a row stops the host (`stopped`), which `start()` undoes.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isNetError } from '../../../engine/src/core/net-error.js';
import { ManualClock } from '../../../engine/src/core/clock.js';
import { createClient } from '../../../engine/src/session/client/client.js';
import { createHost } from '../../../engine/src/session/host/host.js';
import { MAX_FAILURES_IN_A_ROW } from '../../../engine/src/session/game-fence.js';
import type { GameErrorEvent, StoppedEvent } from '../../../engine/src/session/session-events.js';
import { field, type EntityOf } from '../../../engine/src/protocol/schema.js';
import type { Simulation } from '../../../engine/src/session/simulation.js';
import { LoopbackNetwork } from '../../../engine/src/transport/loopback/loopback-network.js';
import { movingSquare } from '../../../engine/examples/moving-square.js';
import { loopbackGame, squareOf, type LoopbackGame, type World } from '../../support/loopback-game.js';
import { faultySquare, type FaultyFunction } from './support/faulty-square.js';

/** A game of the host (its square drifting right) and two clients, settled in. */
function hostWithFaults() {
  const faults = faultySquare();
  const game = loopbackGame({ clients: 2, hostSimulation: faults.simulation, conditions: { latencyMs: 20 } });
  game.host.setInput({ dx: 1, dy: 0 });
  game.run(1000);
  const log: string[] = [];
  const errors: GameErrorEvent[] = [];
  const stopped: StoppedEvent[] = [];
  const states = new Map<number, World>([[game.host.tick, game.host.state]]);
  game.host.on('error', (event) => {
    errors.push(event);
    log.push(`error ${event.callback} ${event.tick}`);
  });
  game.host.on('stopped', (event) => stopped.push(event));
  game.host.on('tick', ({ tick }) => {
    log.push(`tick ${tick}`);
    states.set(tick, game.host.state);
  });
  return { faults, game, log, errors, stopped, states };
}

/** The ticks of the snapshots `client` applies from now on. */
function snapshotTicks(game: LoopbackGame, client: number): number[] {
  const ticks: number[] = [];
  game.clients[client]!.on('snapshot', ({ tick }) => ticks.push(tick));
  return ticks;
}

/** What makes the host call `fn` next: a tick for the per-tick functions, a player coming or going for the others. */
function trigger(game: LoopbackGame, fn: FaultyFunction): void {
  if (fn === 'addPlayer') createClient({ simulation: movingSquare, transport: game.network.connect('host'), clock: game.clock, name: 'late' }).start();
  if (fn === 'removePlayer') game.clients[0]!.close();
}

describe('a host whose game throws once', () => {
  it.each<FaultyFunction>(['step', 'toEntities', 'fromEntities', 'addPlayer', 'removePlayer'])('in %s: one error naming it and its tick; the host ticks on and snapshots keep going out', (fn) => {
    const { faults, game, log, errors, stopped, states } = hostWithFaults();
    // Client 1 stays whatever the fault: client 0 is the one that leaves.
    const seen = snapshotTicks(game, 1);
    faults.once(fn);
    trigger(game, fn);
    game.run(1000);

    expect(faults.thrown).toBe(1);
    expect(errors).toHaveLength(1);
    const [event] = errors;
    expect(event!.callback).toBe(fn);
    expect(isNetError(event!.error, 'game_error')).toBe(true);
    expect(event!.error.message).toContain(`the game's ${fn} threw: ${fn} failed on purpose`);
    expect((event!.error.cause as Error).message).toBe(`${fn} failed on purpose`);
    // The error belongs to the tick that follows it, and the ticks go on after it.
    const at = log.indexOf(`error ${fn} ${event!.tick}`);
    expect(log[at + 1]).toBe(`tick ${event!.tick}`);
    expect(game.host.tick).toBeGreaterThanOrEqual(event!.tick + 55);
    expect(seen.filter((tick) => tick > event!.tick).length).toBeGreaterThanOrEqual(25);
    expect(stopped).toEqual([]);

    const before = states.get(event!.tick - 1)!;
    const after = states.get(event!.tick)!;
    if (fn === 'addPlayer') {
      // The player has its seat, but nothing the failed addPlayer would have put in the state.
      const late = game.host.players().find((p) => p.name === 'late');
      expect(late).toBeDefined();
      expect(squareOf(game.host.state, late!.playerId)).toBeUndefined();
      expect(after.squares.map((s) => s.id)).toEqual(before.squares.map((s) => s.id));
    } else if (fn === 'removePlayer') {
      // Gone from the game, still in the state the failed removePlayer would have changed.
      expect(game.host.players().map((p) => p.playerId)).toEqual([0, 2]);
      expect(squareOf(game.host.state, 1)).toBeDefined();
    } else {
      // The failed tick kept the state it had; the next one moved the host's square again.
      expect(after).toBe(before);
      expect(squareOf(states.get(event!.tick + 1), 0)!.x).toBeGreaterThan(squareOf(after, 0)!.x);
    }
  });
});

describe('a host whose game throws on every tick', () => {
  it.each<FaultyFunction>(['step', 'toEntities', 'fromEntities'])(`in %s: stopped after exactly ${MAX_FAILURES_IN_A_ROW} errors; start() ticks again once it is fixed`, (fn) => {
    const { faults, game, errors, stopped } = hostWithFaults();
    const first = game.host.tick + 1;
    faults.always(fn);
    game.run(1000);

    expect(errors.map((e) => `${e.callback} ${e.tick}`)).toEqual(Array.from({ length: MAX_FAILURES_IN_A_ROW }, (_, i) => `${fn} ${first + i}`));
    expect(stopped).toEqual([{ reason: 'game_errors', message: expect.stringContaining(`${MAX_FAILURES_IN_A_ROW} calls in a row failed (${fn})`) }]);
    expect(game.host.tick).toBe(first + MAX_FAILURES_IN_A_ROW - 1);
    const frozenAt = squareOf(game.host.state, 0)!.x;

    faults.fix();
    const seen = snapshotTicks(game, 0);
    game.host.start();
    game.run(500);
    expect(errors).toHaveLength(MAX_FAILURES_IN_A_ROW);
    expect(game.host.tick).toBeGreaterThanOrEqual(first + MAX_FAILURES_IN_A_ROW + 28);
    expect(squareOf(game.host.state, 0)!.x).toBeGreaterThan(frozenAt);
    expect(seen.length).toBeGreaterThanOrEqual(10);
  });

  it('a snapshot that can never be sent stops the host too, though every step in between works', () => {
    // 700 entities of 31 fields of 33 bits each (values near 2^31): about 90 KB, more than 64 packets,
    // so no client's full snapshot can be split.
    const wall = Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`f${i}`, field.int(0, 2 ** 31 - 1)]));
    const schema = { ...movingSquare.schema, entities: { ...movingSquare.schema.entities, wall } };
    const walls: EntityOf<typeof schema, 'wall'>[] = Array.from({ length: 700 }, (_, i) => ({ id: 1000 + i, type: 'wall', values: Object.fromEntries(Object.keys(wall).map((name, f) => [name, 2 ** 31 - 1 - f])) }));
    let walled = false;
    const simulation: Simulation<World, typeof schema> = {
      ...movingSquare,
      schema,
      toEntities: (world) => [...movingSquare.toEntities(world), ...(walled ? walls : [])],
      fromEntities: (entities, previous) => movingSquare.fromEntities(entities.filter((e) => e.type === 'square'), previous),
    };
    // Not `loopbackGame`: its games are the moving square's schema, and this one has walls too.
    const clock = new ManualClock();
    const network = new LoopbackNetwork({ clock, seed: 1 });
    const host = createHost({ simulation, transport: network.createHost('host'), clock });
    host.start();
    createClient({ simulation, transport: network.connect('host'), clock, name: 'client 1' }).start();
    const run = (ms: number): void => {
      for (let t = 0; t < ms; t += 8) clock.advance(8);
    };
    run(500);
    const errors: GameErrorEvent[] = [];
    const stopped: StoppedEvent[] = [];
    host.on('error', (event) => errors.push(event));
    host.on('stopped', (event) => stopped.push(event));
    walled = true;
    run(1000);
    expect(errors.length).toBe(MAX_FAILURES_IN_A_ROW);
    expect(new Set(errors.map((e) => e.callback))).toEqual(new Set(['snapshot']));
    expect(errors[0]!.error.message).toContain("the game's state could not be sent as a snapshot");
    expect(stopped).toHaveLength(1);
    // Snapshots go out every other tick at 60 Hz: the ticks between them worked and did not end the run.
    expect(errors.map((e) => e.tick)).toEqual(errors.map((_, i) => errors[0]!.tick + 2 * i));
    expect(host.tick).toBe(errors.at(-1)!.tick);
  });
});

describe('a host whose game throws as it is made', () => {
  it.each<FaultyFunction>(['addPlayer', 'toEntities', 'fromEntities'])('in %s: createHost throws a game_error naming it (there is no loop yet to keep going)', (fn) => {
    const faults = faultySquare();
    faults.once(fn);
    let thrown: unknown;
    try {
      loopbackGame({ clients: 0, hostSimulation: faults.simulation });
    } catch (error) {
      thrown = error;
    }
    expect(isNetError(thrown, 'game_error')).toBe(true);
    expect((thrown as Error).message).toBe(`the game's ${fn} threw: ${fn} failed on purpose`);
  });
});

describe("a throw in the game's own listeners", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('is reported as an error of `listener`, never stops the host, and the other listeners still hear the event', () => {
    const { game, errors, stopped } = hostWithFaults();
    const start = game.host.tick;
    let heard = 0;
    game.host.on('tick', () => {
      throw new Error('a listener bug');
    });
    game.host.on('tick', () => heard++);
    game.run(1000);
    expect(game.host.tick).toBeGreaterThanOrEqual(start + 59);
    expect(heard).toBe(game.host.tick - start);
    expect(errors).toHaveLength(heard);
    expect(errors[0]).toMatchObject({ callback: 'listener', tick: start + 1 });
    expect(errors[0]!.error.message).toBe("a 'tick' listener threw: a listener bug");
    expect(stopped).toEqual([]);
  });

  it("that hears `error` goes to the console, and the host ticks on", () => {
    const said = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { faults, game } = hostWithFaults();
    game.host.on('error', () => {
      throw new Error('the error listener is broken too');
    });
    const start = game.host.tick;
    faults.once('step');
    game.run(500);
    expect(game.host.tick).toBeGreaterThanOrEqual(start + 29);
    expect(said).toHaveBeenCalledTimes(1);
    expect(said.mock.calls[0]![0]).toBe("tickwire: a 'error' listener threw: the error listener is broken too");
  });

  it('with nobody listening for `error`, the first few go to the console', () => {
    const said = vi.spyOn(console, 'error').mockImplementation(() => {});
    const faults = faultySquare();
    const game = loopbackGame({ clients: 1, hostSimulation: faults.simulation });
    game.run(500);
    for (let i = 0; i < 8; i++) {
      faults.once('step');
      game.run(100);
    }
    expect(said).toHaveBeenCalledTimes(5);
    expect(said.mock.calls[0]![0]).toMatch(/^tickwire: the game's step threw: step failed on purpose$/);
    expect(said.mock.calls[4]![0]).toContain('(further ones are not said)');
  });
});
