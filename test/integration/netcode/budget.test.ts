/**
 * A bandwidth budget end to end, over the loopback transport with loss: every snapshot the host
 * sends a client, all its parts together, stays within the budget (counted in bytes as sent), and
 * every entity within a player's radius keeps being updated: the ages of the client's copies,
 * measured from the packets it receives, stay bounded.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../engine/src/core/clock.js';
import { readMessage } from '../../../engine/src/protocol/parse-message.js';
import { quantizeSnapshot } from '../../../engine/src/protocol/snapshot.js';
import { createClient } from '../../../engine/src/session/client/client.js';
import { createHost } from '../../../engine/src/session/host/host.js';
import type { HostOptions } from '../../../engine/src/session/host/host-options.js';
import { LoopbackNetwork } from '../../../engine/src/transport/loopback/loopback-network.js';
import type { HostTransport } from '../../../engine/src/transport/transport.js';
import { withinRadius } from '../../bench/measure/interest-wire.js';
import { HostTruth, StalenessMeter } from '../../bench/measure/staleness.js';
import { arenaBot } from '../../bench/scenes/arena-16.js';
import { wanderingWorld, type OpenWorld, type WorldSchema } from '../../bench/scenes/world-64.js';

const simulation = wanderingWorld({ seed: 3, size: 4000, players: 4, npcs: 200 });
const RADIUS = 1200;

/** `inner`, adding the bytes of every snapshot part it sends to `sent`, by peer and tick. */
function counting(inner: HostTransport, sent: Map<string, number>): HostTransport {
  const send: HostTransport['send'] = (peerId, channel, data) => {
    const read = readMessage(data, 64 * 1024, { schema: simulation.schema });
    if (read.ok && read.value.kind === 'snapshot') sent.set(`${peerId}@${read.value.tick}`, (sent.get(`${peerId}@${read.value.tick}`) ?? 0) + data.byteLength);
    return inner.send(peerId, channel, data);
  };
  return new Proxy(inner, {
    get: (target, key) => {
      if (key === 'send') return send;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function play(options: Partial<HostOptions<OpenWorld, WorldSchema>>, loss: number) {
  const clock = new ManualClock();
  const network = new LoopbackNetwork({ clock, seed: 4, conditions: { latencyMs: 40, jitterMs: 5, loss } });
  const sent = new Map<string, number>();
  const host = createHost({ simulation, transport: counting(network.createHost('host'), sent), clock, hostPlayer: false, tickRate: 60, snapshotRate: 30, ...options });
  const errors: unknown[] = [];
  host.on('error', (e) => errors.push(e));
  const truth = new HostTruth();
  const meters = [0, 1, 2].map((i) => {
    const transport = network.connect('host');
    const meter = new StalenessMeter(simulation.schema, truth);
    transport.on('message', ({ data }) => meter.received(data));
    const client = createClient({ simulation, transport, clock, name: `p${i}` });
    client.start();
    return { client, meter };
  });
  host.on('tick', ({ tick }) => {
    if (tick % 2 !== 0) return;
    truth.record(tick, quantizeSnapshot(simulation.schema, simulation.toEntities(host.state)));
    if (tick < 180) return;
    for (const { client, meter } of meters) meter.watch(tick, withinRadius(host.state, client.stats().playerId!, RADIUS));
  });
  host.start();
  for (let t = 0; t < 15_000; t += 8) {
    for (const { client } of meters) {
      const { playerId, tick } = client.stats();
      if (playerId !== undefined) client.setInput(arenaBot(3, playerId, Math.max(0, tick + 1) / 60));
    }
    clock.advance(8);
  }
  const ages = meters.flatMap((m) => m.meter.ages());
  return { sent: [...sent.values()], ages, errors, refused: meters.reduce((n, m) => n + m.meter.refused, 0), clients: meters.map((m) => m.client) };
}

describe('bandwidth budget over loopback', () => {
  it('keeps every snapshot within the budget and every entity in the radius fresh, under 5% loss', () => {
    const budget = 180;
    const run = play({ interest: { radius: RADIUS }, bandwidth: { bytesPerSnapshot: budget } }, 0.05);
    expect(run.errors).toEqual([]);
    expect(run.refused).toBe(0);
    expect(run.sent.length).toBeGreaterThan(3 * 400);
    expect(Math.max(...run.sent)).toBeLessThanOrEqual(budget);
    // The budget is used, not left idle: most snapshots come within 40 bytes of it.
    expect(run.sent.filter((b) => b > budget - 40).length).toBeGreaterThan(run.sent.length / 2);
    // Ages in ticks (60 Hz): 99% of the time an entity in view was updated within a quarter of a
    // second, and none ever waited three quarters, lost packets and acks included.
    expect(run.ages.length).toBeGreaterThan(10_000);
    const sorted = [...run.ages].sort((a, b) => a - b);
    expect(sorted[Math.floor(sorted.length * 0.99)]).toBeLessThanOrEqual(16);
    expect(sorted.at(-1)).toBeLessThanOrEqual(45);
    for (const client of run.clients) expect(client.stats().invalidMessages).toBe(0);
  }, 60_000);

  it('caps the whole world without interest at the kbps asked, and starves nothing', () => {
    const run = play({ bandwidth: { kbps: 48 } }, 0);
    const budget = Math.floor((48 * 1000) / 8 / 30);
    expect(run.errors).toEqual([]);
    expect(Math.max(...run.sent)).toBeLessThanOrEqual(budget);
    expect(run.refused).toBe(0);
    // Without interest the whole world competes for 200 bytes: staler, but nothing starves.
    expect(Math.max(...run.ages)).toBeLessThan(15 * 60);
  }, 60_000);
});
