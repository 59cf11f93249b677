/**
 * Wire cost of an open-world scene with and without interest management, and how stale entities
 * get under a bandwidth budget. The scene is played by the real engine over loopback links of 50 ms
 * each way (as `wire.ts` does), with the host's `interest` and `bandwidth` options set per run, and
 * every message each client receives is also decoded by a {@link StalenessMeter}.
 *
 * - **kbps per client**: snapshot payload bytes at the host (`lastSnapshotBytes`), as in `wire.ts`;
 * - **staleness** (budget runs): ages of the client's copies of the entities within its player's
 *   interest radius, sampled at every snapshot tick of the measured window (see `staleness.ts`).
 */
import { ManualClock } from '../../../engine/src/core/clock.js';
import { quantizeSnapshot } from '../../../engine/src/protocol/snapshot.js';
import { createClient, type Client } from '../../../engine/src/session/client/client.js';
import { createHost } from '../../../engine/src/session/host/host.js';
import type { HostOptions } from '../../../engine/src/session/host/host-options.js';
import { LoopbackNetwork } from '../../../engine/src/transport/loopback/loopback-network.js';
import type { OpenWorld, InterestScene, WorldSchema } from '../scenes/world-64.js';
import { HostTruth, StalenessMeter } from './staleness.js';
import { kbps, quantile } from './stats.js';
import { WIRE_LATENCY_MS } from './wire.js';

export interface InterestRunOptions {
  readonly seed: number;
  readonly warmupMs: number;
  readonly measureMs: number;
  /** Send each player only what is within the scene's radius. */
  readonly interest: boolean;
  /** A per-client budget in kbps; also measures staleness. */
  readonly budgetKbps?: number;
  readonly lossPercent?: number;
  /** Clients that play (default: the scene's own count). */
  readonly clients?: number;
}

export interface Staleness {
  readonly maxMs: number;
  readonly p99Ms: number;
  readonly samples: number;
}

export interface InterestRun {
  readonly bytesPerSnapshot: number;
  readonly kbpsPerClient: number;
  readonly staleness?: Staleness;
  /** Parts a client refused (0 unless something is broken). */
  readonly refusedParts: number;
}

type WorldHost = HostOptions<OpenWorld, WorldSchema>;

/** The ids within `radius` of player `playerId`'s ship in `world`. */
export function withinRadius(world: OpenWorld, playerId: number, radius: number): number[] {
  const ship = world.ships.find((s) => s.id === playerId);
  if (!ship) return [];
  const r2 = radius * radius;
  const ids: number[] = [];
  for (const e of [...world.ships, ...world.npcs]) if ((e.x - ship.x) ** 2 + (e.y - ship.y) ** 2 <= r2) ids.push(e.id);
  return ids;
}

/** Plays the scene once with the given interest and budget, and measures it. */
export function measureInterestStream(scene: InterestScene<OpenWorld>, options: InterestRunOptions): InterestRun {
  const clock = new ManualClock();
  const loss = (options.lossPercent ?? 0) / 100;
  const network = new LoopbackNetwork({ clock, seed: options.seed, conditions: { latencyMs: WIRE_LATENCY_MS, loss } });
  const { simulation } = scene;
  const budget = options.budgetKbps;
  const host = createHost({
    simulation,
    transport: network.createHost('host'),
    clock,
    hostPlayer: false,
    tickRate: scene.tickRate,
    snapshotRate: scene.snapshotRate,
    maxPlayers: 64,
    ...(options.interest ? { interest: { radius: scene.radius } } : {}),
    ...(budget === undefined ? {} : { bandwidth: { kbps: budget } }),
  } satisfies WorldHost);
  const truth = new HostTruth();
  const meters: { client: Client<OpenWorld, WorldSchema>; meter: StalenessMeter }[] = [];
  for (let i = 0; i < (options.clients ?? scene.clients); i++) {
    const transport = network.connect('host');
    const meter = new StalenessMeter(simulation.schema, truth);
    if (budget !== undefined) transport.on('message', ({ data }) => meter.received(data));
    const client = createClient({ simulation, transport, clock, name: `bot ${i + 1}` });
    client.start();
    meters.push({ client, meter });
  }
  const every = scene.tickRate / scene.snapshotRate;
  let measuring = false;
  let bytes = 0;
  host.on('tick', ({ tick }) => {
    if (tick % every !== 0) return;
    if (budget !== undefined) truth.record(tick, quantizeSnapshot(simulation.schema, simulation.toEntities(host.state)));
    if (!measuring) return;
    bytes += host.stats().lastSnapshotBytes;
    if (budget === undefined) return;
    for (const { client, meter } of meters) {
      const { playerId } = client.stats();
      if (playerId !== undefined) meter.watch(tick, withinRadius(host.state, playerId, scene.radius));
    }
  });
  host.start();
  const run = (ms: number) => {
    for (let t = 0; t < ms; t += 8) {
      for (const { client } of meters) {
        const { playerId, tick } = client.stats();
        if (playerId !== undefined) client.setInput(scene.botInput(playerId, Math.max(0, tick + 1) / scene.tickRate));
      }
      clock.advance(Math.min(8, ms - t));
    }
  };
  run(options.warmupMs);
  const sentBefore = host.stats().snapshotsSent;
  measuring = true;
  run(options.measureMs);
  const snapshots = host.stats().snapshotsSent - sentBefore;
  host.close();
  const bytesPerSnapshot = snapshots === 0 ? 0 : bytes / snapshots;
  const refusedParts = meters.reduce((n, m) => n + m.meter.refused, 0);
  const figures = { bytesPerSnapshot, kbpsPerClient: kbps(bytesPerSnapshot, scene.snapshotRate), refusedParts };
  if (budget === undefined) return figures;
  const ages = meters.flatMap((m) => m.meter.ages());
  const tickMs = 1000 / scene.tickRate;
  return {
    ...figures,
    staleness: { maxMs: ages.reduce((a, b) => Math.max(a, b), 0) * tickMs, p99Ms: quantile(ages, 0.99, 'entity ages') * tickMs, samples: ages.length },
  };
}

export interface WorldWireOptions {
  readonly seed: number;
  readonly warmupMs: number;
  readonly measureMs: number;
  /** Clients that play and are measured (the rest of the players' ships fly on autopilot). */
  readonly clients: number;
}

/** The runs the `world-64` rows and targets come from. */
export interface WorldWire {
  readonly clients: number;
  readonly noInterest: InterestRun;
  readonly interest: InterestRun;
  readonly budget: InterestRun;
  readonly budgetLoss5: InterestRun;
}

/** The scene without interest, with it, and with it under the scene's budget (no loss, then 5%). */
export function measureWorldWire(scene: InterestScene<OpenWorld>, options: WorldWireOptions): WorldWire {
  const run = { seed: options.seed, warmupMs: options.warmupMs, measureMs: options.measureMs, clients: options.clients };
  return {
    clients: options.clients,
    noInterest: measureInterestStream(scene, { ...run, interest: false }),
    interest: measureInterestStream(scene, { ...run, interest: true }),
    budget: measureInterestStream(scene, { ...run, interest: true, budgetKbps: scene.budgetKbps }),
    budgetLoss5: measureInterestStream(scene, { ...run, interest: true, budgetKbps: scene.budgetKbps, lossPercent: 5 }),
  };
}
