/**
 * Runs every benchmark in turn and gathers the report. The durations come from a config, so a
 * smoke test can run the whole thing in seconds; `run.ts` passes the full ones.
 */
import { quantile } from './measure/stats.js';
import { jsonHostTick, tickwireHostTick, type HostTickOptions, type TickGcs } from './measure/host-tick.js';
import { projectionCost } from './measure/projection.js';
import { measureHeap, type HeapOptions } from './measure/heap.js';
import { measureLatency, type LatencyOptions, type LatencySamples } from './measure/latency.js';
import { measureWorldWire } from './measure/interest-wire.js';
import { measureSceneWire, type SceneWire, type WireOptions } from './measure/wire.js';
import { hostTickEntry, interestEntry, roundMb, roundMs, wireEntry, type BenchResult, type HostTickEntry, type InterestEntry, type SceneTick, type WireEntry } from './report/bench-report.js';
import { arena16 } from './scenes/arena-16.js';
import { bodies901 } from './scenes/bodies-901.js';
import { INTEREST_SCENES, SCENES } from './scenes/index.js';
import type { BenchScene } from './scenes/scene.js';
import type { GameSchema } from '../../engine/src/protocol/schema.js';

export interface BenchConfig {
  readonly seed: number;
  readonly wire: Omit<WireOptions, 'seed'>;
  /** The open worlds (`world-64`): clients that play and are measured, over the wire's durations. */
  readonly world: { readonly clients: number };
  readonly hostTick: Omit<HostTickOptions, 'seed'> & {
    readonly clients: readonly number[];
    /** Clients of the `bodies-901` host tick and projection row (default 1; 0 leaves the row out). */
    readonly bodiesClients?: number;
  };
  readonly latency: LatencyOptions;
  readonly heap: Omit<HeapOptions, 'seed'>;
}

export const FULL_CONFIG: BenchConfig = {
  seed: 1,
  wire: { warmupMs: 5000, measureMs: 30_000 },
  world: { clients: 16 },
  hostTick: { clients: [4, 16, 32], warmupTicks: 300, ticks: 3600 },
  latency: { rawSamples: 300, engineSeconds: 30, engineClients: 4 },
  heap: { readAtMinutes: [1, 10], players: 12, churnSeconds: 5 },
};

/** Seconds instead of minutes: for a smoke test of the whole pipeline, figures meaningless. */
export const QUICK_CONFIG: BenchConfig = {
  seed: 1,
  wire: { warmupMs: 1500, measureMs: 1000 },
  world: { clients: 4 },
  hostTick: { clients: [4, 16, 32], warmupTicks: 30, ticks: 60 },
  latency: { rawSamples: 20, engineSeconds: 1, engineClients: 2 },
  heap: { readAtMinutes: [0.05, 0.1], players: 4, churnSeconds: 1 },
};

export interface BenchDeps {
  readonly measureLatency: <S, G extends GameSchema>(scene: BenchScene<S, G>, options: LatencyOptions) => Promise<LatencySamples>;
  /** Progress, one line at a time. */
  readonly log: (line: string) => void;
}

/** The wire figures of the fixed scenes alone: what `npm run bench -- --only wire` measures. */
export function runWire(config: BenchConfig, deps: BenchDeps): { wire: Record<string, WireEntry>; wireBytes: Record<string, SceneWire['baselineBytes']> } {
  const { seed } = config;
  const wire: Record<string, WireEntry> = {};
  const wireBytes: Record<string, SceneWire['baselineBytes']> = {};
  for (const [name, make] of Object.entries(SCENES)) {
    deps.log(`wire: ${name}`);
    const measured = make(seed).use((scene) => measureSceneWire(scene, { seed, ...config.wire }));
    wire[name] = wireEntry(measured);
    wireBytes[name] = measured.baselineBytes;
  }
  return { wire, wireBytes };
}

export async function runBench(config: BenchConfig, deps: BenchDeps): Promise<BenchResult> {
  const { seed } = config;
  const { wire, wireBytes } = runWire(config, deps);
  const arena = arena16(seed);
  const ticks = await runHostTicks(config, deps);
  deps.log('latency: real WebRTC');
  const rtt = await deps.measureLatency(arena, config.latency);
  deps.log(`heap: ${config.heap.readAtMinutes.at(-1)} simulated minutes`);
  const [early, late] = measureHeap(arena, { seed, ...config.heap });
  // The open worlds last: their hundreds of megabytes would otherwise weigh on the timings and the heap.
  const interest: Record<string, InterestEntry> = {};
  for (const [name, make] of Object.entries(INTEREST_SCENES)) {
    deps.log(`wire: ${name}, with and without interest`);
    const scene = make(seed);
    interest[name] = interestEntry(measureWorldWire(scene, { seed, ...config.wire, ...config.world }), scene);
  }
  const [firstMinute, lastMinute] = config.heap.readAtMinutes;
  return {
    report: {
      wire,
      interest,
      hostTick: { 'arena-16': ticks.entries },
      latency: {
        rawRttMs: { p50: roundMs(quantile(rtt.raw, 0.5, 'raw round trips')), p99: roundMs(quantile(rtt.raw, 0.99, 'raw round trips')) },
        engineRttMs: { p50: roundMs(quantile(rtt.engine, 0.5, 'engine ping/pong')), p99: roundMs(quantile(rtt.engine, 0.99, 'engine ping/pong')) },
      },
      heap: { mb1min: roundMb(early!), mb10min: roundMb(late!) },
    },
    details: {
      wireBytes,
      jsonFullP99us: ticks.jsonFullP99us,
      snapshotTickP50us: ticks.snapshotTickP50us,
      hostTickGcs: ticks.gcs,
      sceneTicks: ticks.scenes,
      latencySamples: { raw: rtt.raw.length, engine: rtt.engine.length },
      heapMinutes: [firstMinute!, lastMinute!],
    },
  };
}

/** The host tick figures alone: what `npm run bench -- --only host-tick` measures. */
export interface HostTickResults {
  /** `arena-16`, by client count. */
  readonly entries: Record<string, HostTickEntry>;
  readonly jsonFullP99us: Record<string, number>;
  readonly snapshotTickP50us: Record<string, { tickwire: number; jsonFull: number }>;
  readonly gcs: Record<string, TickGcs>;
  /** Other scenes' host tick, by scene name. */
  readonly scenes: Record<string, SceneTick>;
}

/** The host tick of `arena-16` at each client count, beside a naive JSON host, then `bodies-901`'s. */
export async function runHostTicks(config: BenchConfig, deps: BenchDeps): Promise<HostTickResults> {
  const { seed } = config;
  const arena = arena16(seed);
  const results: HostTickResults = { entries: {}, jsonFullP99us: {}, snapshotTickP50us: {}, gcs: {}, scenes: {} };
  for (const clients of config.hostTick.clients) {
    deps.log(`host tick: arena-16 with ${clients} clients`);
    const options = { seed, ...config.hostTick };
    const engine = await tickwireHostTick(arena, clients, options);
    const json = jsonHostTick(arena, clients, options);
    results.entries[String(clients)] = hostTickEntry(engine.p50us, engine.p99us, json.p50us);
    results.jsonFullP99us[String(clients)] = Math.round(json.p99us);
    results.snapshotTickP50us[String(clients)] = { tickwire: Math.round(engine.snapshotTickP50us), jsonFull: Math.round(json.snapshotTickP50us) };
    results.gcs[String(clients)] = engine.gcsPer1000Ticks;
  }
  const bodiesClients = config.hostTick.bodiesClients ?? 1;
  if (bodiesClients > 0) {
    deps.log(`host tick: bodies-901 with ${bodiesClients} client${bodiesClients === 1 ? '' : 's'}`);
    const bodies = bodies901(seed);
    const tick = await tickwireHostTick(bodies, bodiesClients, { seed, ...config.hostTick });
    const projection = projectionCost(bodies, config.hostTick);
    results.scenes[bodies.name] = {
      clients: bodiesClients,
      p50us: Math.round(tick.p50us),
      p99us: Math.round(tick.p99us),
      gcsPer1000Ticks: tick.gcsPer1000Ticks,
      projectionP50us: Math.round(projection.p50us),
      projectionP99us: Math.round(projection.p99us),
    };
  }
  return results;
}

export const DEFAULT_DEPS: BenchDeps = {
  measureLatency,
  log: (line) => process.stderr.write(`bench: ${line}\n`),
};
