/** The tuning tool's report, a few lines a developer reads while tuning. */
import type { NetsimOptions } from './netsim-options.js';
import { CONVERGE_LIMIT_MS, type NetsimResult } from './run-netsim.js';

export function printNetsim(options: NetsimOptions, r: NetsimResult, tookMs: number): string[] {
  const link = `${options.latencyMs} ms${options.jitterMs > 0 ? ` + up to ${options.jitterMs} ms jitter` : ''} each way, ${options.lossPercent}% loss each way`;
  const size = Number.isNaN(r.meanCorrection) ? 'none' : `mean size ${r.meanCorrection.toFixed(3)} units`;
  const converge = r.convergeMs === undefined ? `not within ${CONVERGE_LIMIT_MS / 1000} s` : `${Math.round(r.convergeMs)} ms after input stops`;
  return [
    `netsim: ${options.scene}, ${r.clients} client${r.clients === 1 ? '' : 's'}, tick ${r.tickRate} Hz, snapshots ${r.snapshotRate} Hz, ${link}`,
    `        ${options.seconds} s simulated in ${(tookMs / 1000).toFixed(1)} s, seed ${options.seed}`,
    `  bandwidth       ${r.kbpsPerClient.toFixed(1)} kbps per client (${r.bytesPerSnapshot.toFixed(0)} bytes per snapshot, payload only)`,
    `  corrections     ${r.correctionsPerSecond.toFixed(3)} per second per client, ${size}`,
    `  interpolation   ${r.interpolationDelayMs.toFixed(0)} ms delay chosen (${options.interpolationDelay === 'auto' ? 'auto' : 'fixed'}); buffer ran dry in ${(r.dryFraction * 100).toFixed(1)}% of frames (${r.dryPerSecond.toFixed(2)} frames/s)`,
    `  convergence     ${converge}`,
    `  round trip      ${r.rttMs.toFixed(0)} ms measured by the clients`,
  ];
}
