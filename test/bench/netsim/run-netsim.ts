/**
 * The tuning tool's run: a scene played by the real engine over loopback links with the given
 * conditions, on a manual clock, and what a developer tuning a game wants to know about it.
 */
import type { GameSchema } from '../../../engine/src/protocol/schema.js';
import { loopbackSession } from '../measure/loopback-session.js';
import { kbps, mean } from '../measure/stats.js';
import type { BenchScene } from '../scenes/scene.js';
import { convergeAfterStop } from './convergence.js';
import type { NetsimOptions } from './netsim-options.js';

export interface NetsimResult {
  readonly clients: number;
  readonly tickRate: number;
  readonly snapshotRate: number;
  readonly bytesPerSnapshot: number;
  readonly kbpsPerClient: number;
  /** Per client per second. */
  readonly correctionsPerSecond: number;
  /** Mean distance of a correction, in the scene's units; NaN without any. */
  readonly meanCorrection: number;
  readonly interpolationDelayMs: number;
  /** Share of frames that drew remote entities past the newest snapshot. */
  readonly dryFraction: number;
  /** Dry frames per client per second. */
  readonly dryPerSecond: number;
  readonly rttMs: number;
  /** Undefined when the views did not settle within `CONVERGE_LIMIT_MS`. */
  readonly convergeMs: number | undefined;
}

const WARMUP_MS = 3000;
export const CONVERGE_LIMIT_MS = 10_000;

export function runNetsim<State, Schema extends GameSchema>(scene: BenchScene<State, Schema>, options: NetsimOptions): NetsimResult {
  const clients = options.clients ?? scene.clients;
  const session = loopbackSession(scene, {
    clients,
    seed: options.seed,
    tickRate: options.tickRate,
    ...(options.snapshotRate === undefined ? {} : { snapshotRate: options.snapshotRate }),
    conditions: { latencyMs: options.latencyMs, jitterMs: options.jitterMs, loss: options.lossPercent / 100 },
    interpolationDelay: options.interpolationDelay,
  });
  const { host } = session;
  const every = host.tunables.tickRate / host.tunables.snapshotRate;
  let measuring = false;
  let bytes = 0;
  const corrections: number[] = [];
  host.on('tick', ({ tick }) => {
    if (measuring && tick % every === 0) bytes += host.stats().lastSnapshotBytes;
  });
  for (const client of session.clients) client.on('correction', ({ size }) => measuring && corrections.push(size));
  session.run(WARMUP_MS);
  const sentBefore = host.stats().snapshotsSent;
  const dryBefore = session.clients.map((c) => c.stats().interpolationDry);
  measuring = true;
  const windowMs = options.seconds * 1000;
  // A client counts a dry frame once per frame it runs (every 8 ms, the session's step), drawn or not.
  let frames = 0;
  session.run(windowMs, () => {
    frames++;
  });
  measuring = false;
  const snapshots = host.stats().snapshotsSent - sentBefore;
  const stats = session.clients.map((c) => c.stats());
  const dry = stats.reduce((sum, s, i) => sum + s.interpolationDry - dryBefore[i]!, 0);
  const bytesPerSnapshot = snapshots === 0 ? 0 : bytes / snapshots;
  const result = {
    clients,
    tickRate: host.tunables.tickRate,
    snapshotRate: host.tunables.snapshotRate,
    bytesPerSnapshot,
    kbpsPerClient: kbps(bytesPerSnapshot, host.tunables.snapshotRate),
    correctionsPerSecond: corrections.length / options.seconds / clients,
    meanCorrection: mean(corrections),
    interpolationDelayMs: mean(stats.map((s) => s.interpolationDelayMs)),
    dryFraction: dry / (frames * clients),
    dryPerSecond: dry / options.seconds / clients,
    rttMs: mean(stats.map((s) => s.rttMs)),
  };
  const convergeMs = convergeAfterStop(scene, session, CONVERGE_LIMIT_MS);
  host.close();
  return { ...result, convergeMs };
}
