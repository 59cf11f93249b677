/**
 * The benchmark results, in the exact shape `npm run bench -- --json FILE` writes (see the
 * README's Performance section), plus details only the printed table shows.
 */
import type { TickGcs } from '../measure/host-tick.js';
import type { InterestRun, WorldWire } from '../measure/interest-wire.js';
import type { SceneWire } from '../measure/wire.js';

/** One loss setting of a scene: its bytes, and how far the clients' views were from the host's (`view-error.ts`). */
export interface WireFiguresEntry {
  readonly bytesPerSnapshot: number;
  readonly kbpsPerClient: number;
  readonly viewErrorMax: number;
  readonly viewErrorP99: number;
}

export interface WireEntry {
  readonly loss0: WireFiguresEntry;
  readonly loss5: WireFiguresEntry;
  readonly baselines: {
    readonly jsonFull: { readonly kbpsPerClient: number };
    readonly msgpackFull: { readonly kbpsPerClient: number };
    readonly colyseusSchema: { readonly kbpsPerClient: number };
    readonly colyseusQuantized: { readonly kbpsPerClient: number };
  };
}

export interface HostTickEntry {
  readonly p50us: number;
  readonly p99us: number;
  readonly jsonFullP50us: number;
}

/** One run of an open-world scene: bytes, and under a budget the ages of entities in view. */
export interface InterestFigures {
  readonly bytesPerSnapshot: number;
  readonly kbpsPerClient: number;
  /** Under a budget: the oldest copy of an entity within the player's radius, and the 99th percentile, ms. */
  readonly stalenessMaxMs?: number;
  readonly stalenessP99Ms?: number;
}

/** An open-world scene (`world-64`) with and without interest management, and under its budget. */
export interface InterestEntry {
  readonly clients: number;
  readonly radius: number;
  readonly budgetKbps: number;
  readonly noInterest: InterestFigures;
  readonly interest: InterestFigures;
  readonly budget: InterestFigures;
  readonly budgetLoss5: InterestFigures;
}

export interface BenchReport {
  readonly wire: Readonly<Record<string, WireEntry>>;
  /** Open-world scenes, when measured (`run-scene.ts --scene world-64`). */
  readonly interest?: Readonly<Record<string, InterestEntry>>;
  readonly hostTick: { readonly 'arena-16': Readonly<Record<string, HostTickEntry>> };
  readonly latency: {
    readonly rawRttMs: { readonly p50: number; readonly p99: number };
    readonly engineRttMs: { readonly p50: number; readonly p99: number };
  };
  readonly heap: { readonly mb1min: number; readonly mb10min: number };
}

/** What the table shows besides the report. */
export interface BenchDetails {
  readonly wireBytes: Readonly<Record<string, SceneWire['baselineBytes']>>;
  readonly jsonFullP99us: Readonly<Record<string, number>>;
  /** Medians of the ticks that send snapshots, by client count. */
  readonly snapshotTickP50us: Readonly<Record<string, { readonly tickwire: number; readonly jsonFull: number }>>;
  /** Garbage collections per 1000 ticks of the arena-16 host tick, by client count. */
  readonly hostTickGcs: Readonly<Record<string, TickGcs>>;
  /** The host tick of other scenes, by scene name. */
  readonly sceneTicks: Readonly<Record<string, SceneTick>>;
  readonly latencySamples: { readonly raw: number; readonly engine: number };
  readonly heapMinutes: readonly [number, number];
}

/** One scene's host tick at one client count, and its projection cost (`measure/projection.ts`), in µs. */
export interface SceneTick {
  readonly clients: number;
  readonly p50us: number;
  readonly p99us: number;
  readonly gcsPer1000Ticks: TickGcs;
  readonly projectionP50us: number;
  readonly projectionP99us: number;
}

export interface BenchResult {
  readonly report: BenchReport;
  readonly details: BenchDetails;
}

const r = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** The wire figures of one scene, rounded for the report. */
export function wireEntry(wire: SceneWire): WireEntry {
  const figures = (f: WireFiguresEntry): WireFiguresEntry => ({
    bytesPerSnapshot: r(f.bytesPerSnapshot, 1),
    kbpsPerClient: r(f.kbpsPerClient, 1),
    viewErrorMax: r(f.viewErrorMax, 4),
    viewErrorP99: r(f.viewErrorP99, 4),
  });
  const kbps = (f: { kbpsPerClient: number }) => ({ kbpsPerClient: r(f.kbpsPerClient, 1) });
  return {
    loss0: figures(wire.loss0),
    loss5: figures(wire.loss5),
    baselines: {
      jsonFull: kbps(wire.baselines.jsonFull),
      msgpackFull: kbps(wire.baselines.msgpackFull),
      colyseusSchema: kbps(wire.baselines.colyseusSchema),
      colyseusQuantized: kbps(wire.baselines.colyseusQuantized),
    },
  };
}

function interestFigures(run: InterestRun): InterestFigures {
  const bytes = { bytesPerSnapshot: r(run.bytesPerSnapshot, 1), kbpsPerClient: r(run.kbpsPerClient, 1) };
  return run.staleness ? { ...bytes, stalenessMaxMs: r(run.staleness.maxMs, 0), stalenessP99Ms: r(run.staleness.p99Ms, 0) } : bytes;
}

/** The figures of an open-world scene, rounded for the report. */
export function interestEntry(wire: WorldWire, scene: { readonly radius: number; readonly budgetKbps: number }): InterestEntry {
  return {
    clients: wire.clients,
    radius: scene.radius,
    budgetKbps: scene.budgetKbps,
    noInterest: interestFigures(wire.noInterest),
    interest: interestFigures(wire.interest),
    budget: interestFigures(wire.budget),
    budgetLoss5: interestFigures(wire.budgetLoss5),
  };
}

export function hostTickEntry(p50us: number, p99us: number, jsonFullP50us: number): HostTickEntry {
  return { p50us: r(p50us, 0), p99us: r(p99us, 0), jsonFullP50us: r(jsonFullP50us, 0) };
}

export function roundMs(value: number): number {
  return r(value, 3);
}

export function roundMb(value: number): number {
  return r(value, 2);
}
