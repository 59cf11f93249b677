/**
 * The benchmark results, in the exact shape `npm run bench -- --json FILE` writes (see the
 * README's Performance section), plus details only the printed table shows.
 */
import type { SceneWire } from '../measure/wire.js';

export interface WireEntry {
  readonly loss0: { readonly bytesPerSnapshot: number; readonly kbpsPerClient: number };
  readonly loss5: { readonly bytesPerSnapshot: number; readonly kbpsPerClient: number };
  readonly baselines: {
    readonly jsonFull: { readonly kbpsPerClient: number };
    readonly msgpackFull: { readonly kbpsPerClient: number };
    readonly colyseusSchema: { readonly kbpsPerClient: number };
  };
}

export interface HostTickEntry {
  readonly p50us: number;
  readonly p99us: number;
  readonly jsonFullP50us: number;
}

export interface BenchReport {
  readonly wire: Readonly<Record<string, WireEntry>>;
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
  readonly latencySamples: { readonly raw: number; readonly engine: number };
  readonly heapMinutes: readonly [number, number];
}

export interface BenchResult {
  readonly report: BenchReport;
  readonly details: BenchDetails;
}

const r = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** The wire figures of one scene, rounded for the report. */
export function wireEntry(wire: SceneWire): WireEntry {
  const figures = (f: { bytesPerSnapshot: number; kbpsPerClient: number }) => ({ bytesPerSnapshot: r(f.bytesPerSnapshot, 1), kbpsPerClient: r(f.kbpsPerClient, 1) });
  const kbps = (f: { kbpsPerClient: number }) => ({ kbpsPerClient: r(f.kbpsPerClient, 1) });
  return {
    loss0: figures(wire.loss0),
    loss5: figures(wire.loss5),
    baselines: { jsonFull: kbps(wire.baselines.jsonFull), msgpackFull: kbps(wire.baselines.msgpackFull), colyseusSchema: kbps(wire.baselines.colyseusSchema) },
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
