/**
 * Bad values from the game's own code are reported, never changed in silence: entities from
 * `toEntities` (host and client) and inputs to `setInput` (host and client). What peers send is
 * dropped and counted as before, and never logged per message.
 */
import { describe, expect, it } from 'vitest';
import { isNetError, type NetError } from '../../../engine/src/core/net-error.js';
import { NO_TICK } from '../../../engine/src/protocol/message-limits.js';
import { createClient } from '../../../engine/src/session/client/client.js';
import { createHost } from '../../../engine/src/session/host/host.js';
import type { ValueChecks } from '../../../engine/src/session/options.js';
import { movingSquare } from '../../../engine/examples/moving-square.js';
import { loopbackGame, squareOf, type LoopbackGame, type Move, type SquareSimulation } from '../../support/loopback-game.js';
import { rawPeer } from './support/raw-peer.js';
import { thrownBy } from '../../support/thrown-by.js';

/** The moving square whose `toEntities` gives `x` of the squares in `bad` as the value there. */
function squareWithBadX(): { readonly simulation: SquareSimulation; readonly bad: Map<number, number> } {
  const bad = new Map<number, number>();
  const simulation: SquareSimulation = {
    ...movingSquare,
    toEntities: (world) => movingSquare.toEntities(world).map((e) => (bad.has(e.id) ? { ...e, values: { ...e.values, x: bad.get(e.id)! } } : e)),
  };
  return { simulation, bad };
}

function game(validate: ValueChecks, warnings: string[], sims: { host?: SquareSimulation; client?: SquareSimulation } = {}): LoopbackGame {
  return loopbackGame({
    clients: 1,
    conditions: { latencyMs: 20 },
    validate,
    warn: (message) => warnings.push(message),
    ...(sims.host ? { hostSimulation: sims.host } : {}),
    ...(sims.client ? { clientSimulation: () => sims.client! } : {}),
  });
}

describe("the game's own bad values", () => {
  it('on the host: a NaN in an entity is said once, counted every tick, sent as 0, and the host ticks on', () => {
    const warnings: string[] = [];
    const { simulation, bad } = squareWithBadX();
    const g = game('warn', warnings, { host: simulation });
    g.run(500);
    const id = g.clients[0]!.playerId!;
    bad.set(id, Number.NaN);
    const from = g.host.tick;
    g.run(1000);
    const ticks = g.host.tick - from;
    expect(ticks).toBeGreaterThanOrEqual(59);
    expect(warnings).toEqual([
      `tickwire: entity "square" ${id} field "x" = NaN, not a finite number; sent as 0 (range -1000..1000). Further NaN or infinite values of square.x are counted in stats().valueProblems, not logged.`,
    ]);
    expect(g.host.stats().valueProblems).toBe(ticks);
    expect(squareOf(g.host.state, id)!.x).toBe(0);
    bad.set(id, 5000);
    g.run(100);
    expect(warnings).toHaveLength(2);
    expect(warnings[1]).toContain('= 5000, out of range; sent as 1000 (range -1000..1000)');
    // The client's own game gave good values all along: nothing to say there.
    expect(g.clients[0]!.stats().valueProblems).toBe(0);
  });

  it("on a client: a bad value in its own prediction is said and counted on the client, not the host", () => {
    const warnings: string[] = [];
    const { simulation, bad } = squareWithBadX();
    const g = game('warn', warnings, { client: simulation });
    g.run(500);
    const client = g.clients[0]!;
    bad.set(client.playerId!, -Infinity);
    g.run(500);
    expect(warnings).toEqual([
      `tickwire: entity "square" ${client.playerId} field "x" = -Infinity, not a finite number; sent as 0 (range -1000..1000). Further NaN or infinite values of square.x are counted in stats().valueProblems, not logged.`,
    ]);
    expect(client.stats().valueProblems).toBeGreaterThan(0);
    expect(g.host.stats().valueProblems).toBe(0);
  });

  it("with validate: 'throw', a bad entity value throws invalid_value from the tick: an error event, and the host goes on", () => {
    const warnings: string[] = [];
    const { simulation, bad } = squareWithBadX();
    const g = game('throw', warnings, { host: simulation });
    const errors: NetError[] = [];
    g.host.on('error', ({ error }) => errors.push(error));
    g.run(500);
    bad.set(0, Number.NaN);
    g.host.step();
    bad.clear();
    const tick = g.host.tick;
    g.run(500);
    expect(g.host.tick).toBeGreaterThan(tick + 25);
    expect(errors).toHaveLength(1);
    const cause = errors[0]!.cause;
    expect(isNetError(cause, 'invalid_value')).toBe(true);
    expect((cause as Error).message).toContain('entity "square" 0 field "x" = NaN');
    expect(warnings).toEqual([]);
    expect(g.host.stats().valueProblems).toBe(1);
  });

  it("refuses setInput(null) or a non-object at once on both sides, and both go on", () => {
    const g = game('warn', []);
    g.run(500);
    const client = g.clients[0]!;
    for (const bad of [null, undefined, 7, 'right', [1, 0]]) {
      expect(isNetError(thrownBy(() => g.host.setInput(bad as unknown as Move)), 'invalid_input')).toBe(true);
      expect(isNetError(thrownBy(() => client.setInput(bad as unknown as Move)), 'invalid_input')).toBe(true);
    }
    client.setInput({ dx: 1, dy: 0 });
    const tick = g.host.tick;
    g.run(500);
    expect(g.host.tick).toBeGreaterThan(tick + 25);
    expect(squareOf(client.state, client.playerId)!.x).toBeGreaterThan(0);
  });

  it('says a bad input once per field and kind, counts every one, and sends it held to the schema', () => {
    const warnings: string[] = [];
    const g = game('warn', warnings);
    g.run(500);
    const client = g.clients[0]!;
    client.setInput({ dx: Number.NaN, dy: 0 });
    client.setInput({ dx: Number.NaN, dy: 0 });
    client.setInput({ dx: 1 } as Move);
    g.host.setInput({ dx: 0, dy: -3 });
    expect(warnings).toEqual([
      'tickwire: input field "dx" = NaN, not a finite number; sent as 0 (range -1..1). Further NaN or infinite values of input.dx are counted in stats().valueProblems, not logged.',
      'tickwire: input field "dy" is missing; sent as 0 (range -1..1). Further missing values of input.dy are counted in stats().valueProblems, not logged.',
      'tickwire: input field "dy" = -3, out of range; sent as -1 (range -1..1). Further out-of-range values of input.dy are counted in stats().valueProblems, not logged.',
    ]);
    expect(client.stats().valueProblems).toBe(3);
    expect(g.host.stats().valueProblems).toBe(1);
    g.run(1000);
    client.setInput({ dx: 0, dy: 0 });
    g.run(1000);
    expect(client.stats().corrections).toBe(0);
    expect(squareOf(g.host.state, client.playerId)).toEqual(squareOf(client.state, client.playerId));
  });

  it("with validate: 'throw', setInput throws invalid_value and keeps the input it had", () => {
    const g = game('throw', []);
    g.run(500);
    const client = g.clients[0]!;
    client.setInput({ dx: 1, dy: 0 });
    g.host.setInput({ dx: 1, dy: 0 });
    expect(isNetError(thrownBy(() => client.setInput({ dx: 0, dy: Number.NaN })), 'invalid_value')).toBe(true);
    expect(isNetError(thrownBy(() => g.host.setInput({ dx: 2, dy: 0 })), 'invalid_value')).toBe(true);
    const before = { host: squareOf(g.host.state, 0)!.x, client: squareOf(client.state, client.playerId)!.x };
    g.run(500);
    expect(squareOf(g.host.state, 0)!.x).toBeGreaterThan(before.host);
    expect(squareOf(client.state, client.playerId)!.x).toBeGreaterThan(before.client);
    expect([client.stats().valueProblems, g.host.stats().valueProblems]).toEqual([1, 1]);
  });

  it("with validate: 'off', says nothing and still counts", () => {
    const warnings: string[] = [];
    const g = game('off', warnings);
    g.run(300);
    g.clients[0]!.setInput({ dx: 9, dy: 0 });
    g.host.setInput({ dx: Number.NaN, dy: 0 });
    expect(warnings).toEqual([]);
    expect([g.clients[0]!.stats().valueProblems, g.host.stats().valueProblems]).toEqual([1, 1]);
  });

  it("refuses a bad validate on createHost and createClient with invalid_option", () => {
    const g = game('warn', []);
    const validate = 'loud' as unknown as ValueChecks;
    const host = thrownBy(() => createHost({ simulation: movingSquare, transport: g.network.createHost('other'), clock: g.clock, validate }));
    const client = thrownBy(() => createClient({ simulation: movingSquare, transport: g.network.connect('host'), clock: g.clock, validate }));
    for (const error of [host, client]) {
      expect(isNetError(error, 'invalid_option')).toBe(true);
      expect((error as Error).message).toBe("validate must be 'warn', 'throw' or 'off', got loud");
    }
  });

  it('drops a peer’s out-of-range input and counts it, without a word', () => {
    const warnings: string[] = [];
    const g = game('warn', warnings);
    const mallory = rawPeer(g.network, g.clock, 'mallory');
    mallory.hello('mallory');
    g.run(200);
    expect(mallory.welcome()).toBeDefined();
    const invalid = g.host.stats().invalidMessages;
    for (let i = 0; i < 5; i++) {
      mallory.send('state', { kind: 'input', ackSnapshotTick: NO_TICK, firstTick: g.host.tick + 2, inputs: [Int32Array.of(100_000, 0)], viewAges: [0] });
      g.run(16);
    }
    g.run(100);
    expect(g.host.stats().invalidMessages).toBe(invalid + 5);
    expect(g.host.stats().valueProblems).toBe(0);
    expect(warnings).toEqual([]);
  });
});
