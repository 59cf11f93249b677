/**
 * The relay measurement, for one placement of socket pairs on brokers:
 *   1. saturated: each pair keeps `inFlightPerPair` candidates in flight; after a warm-up, a fixed
 *      window counts the candidates relayed per second (the capacity), with the relay times seen
 *      under that load (mostly time spent queued behind the other candidates in flight) and where
 *      the CPU went;
 *   2. paced: `pacedPerSecond` over all pairs, far below capacity, after a short warm-up of its
 *      own: relay times with nothing queued, the figure one relay costs.
 * After each phase every candidate sent must have arrived: a drop would mean a limit or a fault
 * measured instead of the relay, and stops the bench.
 */
import { CpuMeter, type CpuWindow } from './cpu-meter.js';
import { RateWindow } from './rate-window.js';
import { RelayLoad, type PairPlacement } from './relay-load.js';
import { SampleSeries } from './sample-series.js';

export interface RelayOptions {
  readonly inFlightPerPair: number;
  readonly warmupMs: number;
  readonly windowMs: number;
  readonly pacedPerSecond: number;
  readonly pacedMs: number;
}

export interface Percentiles {
  readonly p50: number;
  readonly p99: number;
  readonly samples: number;
}

export interface RelayFigures {
  readonly setup: string;
  readonly pairs: number;
  readonly perSecond: number;
  readonly loaded: Percentiles;
  readonly paced: Percentiles;
  /** Where the CPU went during the saturated window; undefined without /proc. */
  readonly cpu: CpuWindow | undefined;
  /** Where the CPU went while paced. */
  readonly pacedCpu: CpuWindow | undefined;
}

/** How long everything in flight may take to arrive once sending stops. */
const DRAIN_MS = 15_000;

function percentiles(series: SampleSeries): Percentiles {
  return { p50: series.quantile(0.5), p99: series.quantile(0.99), samples: series.offered };
}

/** Phase 1: the capacity, the relay times under it, and where the CPU went. */
async function saturated(load: RelayLoad, setup: string, labels: ReadonlyMap<number, string>, options: RelayOptions) {
  const window = new RateWindow(`candidates relayed (${setup})`);
  const loaded = new SampleSeries(`relay times under full load (${setup})`);
  let counting = false;
  load.onRelay = (ms) => {
    if (!counting) return;
    window.add();
    loaded.add(ms);
  };
  load.saturate(options.inFlightPerPair);
  await load.watch(options.warmupMs);
  const meter = CpuMeter.start(labels);
  window.open();
  counting = true;
  await load.watch(options.windowMs);
  counting = false;
  const counted = window.close();
  const cpu = meter.stop();
  load.stop();
  await load.drained(DRAIN_MS);
  return { perSecond: counted.perSecond, loaded: percentiles(loaded), cpu };
}

/** Phase 2: relay times at a rate far below capacity. */
async function paced(load: RelayLoad, setup: string, labels: ReadonlyMap<number, string>, options: RelayOptions) {
  const times = new SampleSeries(`relay times at ${options.pacedPerSecond}/s (${setup})`);
  let recording = false;
  load.onRelay = (ms) => (recording ? times.add(ms) : undefined);
  load.pace(options.pacedPerSecond);
  await load.watch(Math.min(1000, options.pacedMs / 5));
  recording = true;
  const meter = CpuMeter.start(labels);
  await load.watch(options.pacedMs);
  recording = false;
  const pacedCpu = meter.stop();
  load.stop();
  await load.drained(DRAIN_MS);
  return { paced: percentiles(times), pacedCpu };
}

/**
 * Measures `setup` with one pair per placement; ids come from `issue`, child processes are named
 * by `labels` (pid to name) in the CPU figures.
 */
export async function measureRelay(
  setup: string,
  placements: readonly PairPlacement[],
  issue: () => string,
  labels: ReadonlyMap<number, string>,
  options: RelayOptions,
): Promise<RelayFigures> {
  const load = await RelayLoad.open(placements, issue);
  try {
    const full = await saturated(load, setup, labels, options);
    const light = await paced(load, setup, labels, options);
    return { setup, pairs: placements.length, ...full, ...light };
  } finally {
    load.close();
  }
}
