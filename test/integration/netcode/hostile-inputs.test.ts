/**
 * The demo's host fed a hostile client's inputs over the loopback transport: diagonal movement
 * vectors (longer than 1), values at and past the edges of their fields, NaN, Infinity, 1e308 and
 * strings where numbers belong, ticks far in the future, replays. Whatever arrives, every ship's
 * speed stays within the game's limit and every number in the state stays finite after every tick;
 * what is invalid is refused and counted. A payload naming another player changes nothing: who
 * sent a message is the connection's player, never a field in it.
 */
import { Packr } from 'msgpackr';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../engine/src/core/clock.js';
import { writeMessage } from '../../../engine/src/protocol/encode-message.js';
import { MessageKind } from '../../../engine/src/protocol/message-kinds.js';
import { MAX_VIEW_AGE } from '../../../engine/src/protocol/message-limits.js';
import { quantizeValues } from '../../../engine/src/protocol/quantize.js';
import { createHost } from '../../../engine/src/session/host/host.js';
import { createRng } from '../../../engine/src/core/rng.js';
import { LoopbackNetwork } from '../../../engine/src/transport/loopback/loopback-network.js';
import { arenaSim } from '../../../game-demo/src/sim/arena-sim.js';
import { ARENA_HEIGHT, ARENA_WIDTH } from '../../../game-demo/src/sim/level.js';
import { SHIP_SPEED } from '../../../game-demo/src/sim/rules.js';
import type { ArenaState } from '../../../game-demo/src/sim/state.js';
import { helloMessage } from '../../support/hello.js';

/** Every number anywhere in the state. */
function numbersIn(value: unknown, out: number[] = []): number[] {
  if (typeof value === 'number') out.push(value);
  else if (Array.isArray(value)) for (const item of value) numbersIn(item, out);
  else if (typeof value === 'object' && value !== null) for (const item of Object.values(value)) numbersIn(item, out);
  return out;
}

function checkState(state: ArenaState, tick: number): void {
  const bad = numbersIn(state).filter((n) => !Number.isFinite(n));
  expect(bad, `non-finite numbers at tick ${tick}`).toEqual([]);
  for (const ship of state.ships) {
    expect(Math.hypot(ship.vx, ship.vy), `ship ${ship.id} speed at tick ${tick}`).toBeLessThanOrEqual(SHIP_SPEED + 1e-6);
    expect(ship.x).toBeGreaterThanOrEqual(0);
    expect(ship.x).toBeLessThanOrEqual(ARENA_WIDTH);
    expect(ship.y).toBeGreaterThanOrEqual(0);
    expect(ship.y).toBeLessThanOrEqual(ARENA_HEIGHT);
  }
}

/** An input whose first value is a float64 -0 (msgpackr itself writes -0 as the integer 0). */
function withNegativeZero(packr: Packr, tick: number): Uint8Array {
  const bytes = packr.pack([MessageKind.input, tick, null, [[0.25, 1, 1]], [0]]);
  const at = bytes.findIndex((b, i) => b === 0xcb && bytes[i + 1] === 0x3f && bytes[i + 2] === 0xd0);
  bytes.set([0x80, 0, 0, 0, 0, 0, 0, 0], at + 1);
  return bytes;
}

function setup() {
  const clock = new ManualClock();
  const network = new LoopbackNetwork({ clock, conditions: { latencyMs: 10 } });
  const host = createHost({ simulation: arenaSim, transport: network.createHost('host'), clock, tickRate: 30, hostPlayer: { name: 'host' }, messages: { claim: 'reliable' } });
  host.start();
  const raw = network.connect('host');
  raw.send('control', writeMessage(helloMessage('mallory', { schema: arenaSim.schema, messages: { claim: 'reliable' } })));
  let ticks = 0;
  host.on('tick', ({ tick }) => {
    ticks++;
    checkState(host.state, tick);
  });
  clock.advance(100);
  return { clock, network, host, raw, ticks: () => ticks };
}

describe('hostile inputs to the demo host', () => {
  it('clamps movement to the ship speed and keeps every number finite, whatever the inputs', () => {
    const { clock, host, raw, ticks } = setup();
    const rng = createRng(7);
    const packr = new Packr({ useRecords: false });
    const mallory = host.players().find((p) => p.name === 'mallory')!.playerId;
    const hostile: unknown[] = [Number.NaN, Infinity, -Infinity, 1e308, -1e308, -0, 3, -1, 0.5, '1', null, true, [1], { dx: 1 }];
    let refusedSent = 0;
    for (let frame = 0; frame < 900; frame++) {
      const tick = host.tick + 1;
      // Valid on the wire, and as hostile as the protocol allows: full diagonals, fire every tick, the largest view age.
      const inputs = Array.from({ length: 4 }, () =>
        quantizeValues(arenaSim.schema.input, { dx: rng.chance(0.5) ? 1 : -1, dy: rng.chance(0.5) ? 1 : -1, fire: true }),
      );
      const viewAges = inputs.map(() => MAX_VIEW_AGE);
      raw.send('state', writeMessage({ kind: 'input', firstTick: tick, ackSnapshotTick: -1, inputs, viewAges }));
      if (frame % 20 === 0) {
        // Replayed, and from far in the future.
        raw.send('state', writeMessage({ kind: 'input', firstTick: Math.max(1, tick - 30), ackSnapshotTick: -1, inputs, viewAges }));
        raw.send('state', writeMessage({ kind: 'input', firstTick: tick + 1_000_000, ackSnapshotTick: -1, inputs, viewAges }));
      }
      if (frame % 60 === 0) {
        const value = hostile[(frame / 60) % hostile.length];
        raw.send('state', Object.is(value, -0) ? withNegativeZero(packr, tick) : packr.pack([MessageKind.input, tick, null, [[value, 1, 1]], [0]]));
        refusedSent++;
      }
      clock.advance(1000 / 30);
    }
    expect(ticks()).toBeGreaterThan(850);
    expect(host.stats().invalidMessages).toBe(refusedSent);
    const ship = host.state.ships.find((s) => s.id === mallory)!;
    expect(ship.shots).toBeGreaterThan(10);
    expect(host.players().map((p) => p.name)).toEqual(['host', 'mallory']);
  });

  it('attributes a message to the connection that sent it, whatever player id its payload names', () => {
    const { clock, host, raw } = setup();
    const seen: string[] = [];
    host.on('message', ({ type, payload, from }) => seen.push(`${type} from ${from}: ${JSON.stringify(payload)}`));
    raw.send('control', writeMessage({ kind: 'game', messageType: 0, sequence: 0, payload: { playerId: 0, from: 0, peerId: 'host' } }));
    clock.advance(100);
    const mallory = host.players().find((p) => p.name === 'mallory')!.playerId;
    expect(mallory).not.toBe(0);
    expect(seen).toEqual([`claim from ${mallory}: {"playerId":0,"from":0,"peerId":"host"}`]);
  });
});
