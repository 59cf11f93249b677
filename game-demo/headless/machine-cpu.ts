/**
 * The whole machine's CPU time, from Linux's `/proc/stat`, so the load test can show how busy the
 * machine was besides the host and the bots (the broker, the test's own process, anything else
 * running). Elsewhere there is no such file, and the figure is left out.
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** Jiffies since boot: busy (everything but idle and I/O wait) and in total, over every core. */
export interface MachineCpu {
  readonly busy: number;
  readonly total: number;
}

/** The machine's CPU counters now, or `undefined` where Linux's `/proc/stat` is missing. */
export function readMachineCpu(): MachineCpu | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const fields = line.trim().split(/\s+/).slice(1).map(Number);
    if (!line.startsWith('cpu ') || fields.length < 5 || fields.some((f) => !Number.isFinite(f))) return undefined;
    const total = fields.reduce((a, b) => a + b, 0);
    return { busy: total - fields[3]! - fields[4]!, total };
  } catch {
    return undefined;
  }
}

/** CPU used by the whole machine between two readings, percent of one core (200 is both cores of a 2-core machine). */
export function machineCpuPercent(from: MachineCpu | undefined, to: MachineCpu | undefined): number | undefined {
  if (!from || !to || to.total <= from.total) return undefined;
  return ((to.busy - from.busy) / (to.total - from.total)) * cpus().length * 100;
}
