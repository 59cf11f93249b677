/**
 * The load test's results: one row per tick rate and bot count, the table printed at the end (in
 * Markdown, to paste into the README) and the JSON written with `--json`.
 */
import { fixed } from './printer.js';

/** One configuration, measured over one window. */
export interface LoadRow {
  readonly tickRate: number;
  readonly bots: number;
  /** Length of the measuring window, seconds. */
  readonly seconds: number;
  /** Ticks the host simulated per second. */
  readonly ticksPerSecond: number;
  /** Time in `host.step()`, ms. */
  readonly tickP50Ms: number;
  readonly tickP99Ms: number;
  readonly tickMaxMs: number;
  /** The host process's CPU time (process.cpuUsage in the host's child process), percent of one core. */
  readonly hostCpuPercent: number;
  /** The bots' process, every bot together, percent of one core. */
  readonly botsCpuPercent: number;
  /**
   * Everything else on the machine in the window (the broker, the load test's own process, and any
   * other work), percent of one core; `undefined` where `/proc/stat` is missing. Much more than a few
   * percent means the figures were disturbed.
   */
  readonly otherCpuPercent: number | undefined;
  /** Host to each client and back, both channels, kilobits per second. */
  readonly kbpsOutPerClient: number;
  readonly kbpsInPerClient: number;
  /** Mean bytes of one client's snapshot. */
  readonly snapshotBytes: number;
  readonly snapshotsSkipped: number;
  /** The bots' mean round trip to the host, ms. */
  readonly rttMs: number | undefined;
  /** Prediction corrections per bot per second. */
  readonly correctionsPerBotSecond: number;
  /**
   * Whether the bots kept up (their mean RTT under `BOT_RTT_LIMIT_MS`). Bots whose process is out
   * of CPU send late and few inputs, which leaves the host less to do: such a row says nothing
   * about the host.
   */
  readonly botsKeptUp: boolean;
}

/** The tick time a host must stay under (99th percentile) to count as keeping up. */
export const TICK_P99_LIMIT_MS = 8;

/** On one machine the round trip is a few ms; far beyond that the bots' own process is the bottleneck. */
export const BOT_RTT_LIMIT_MS = 50;

/** Whether the host kept its tick rate (within 2%) with ticks under the limit, under bots that kept up. */
export function keepsUp(row: LoadRow): boolean {
  return row.botsKeptUp && row.ticksPerSecond >= row.tickRate * 0.98 && row.tickP99Ms < TICK_P99_LIMIT_MS;
}

/** The largest bot count at `tickRate` that kept up, with every smaller count measured keeping up too. */
export function largestKeepingUp(rows: readonly LoadRow[], tickRate: number): number | undefined {
  let largest: number | undefined;
  for (const row of rows.filter((r) => r.tickRate === tickRate).sort((a, b) => a.bots - b.bots)) {
    if (!keepsUp(row)) break;
    largest = row.bots;
  }
  return largest;
}

/** The rows as a Markdown table. */
export function formatTable(rows: readonly LoadRow[]): string {
  const header = ['tick rate', 'bots', 'tick p50', 'tick p99', 'ticks/s', 'host CPU', 'bots CPU', 'other CPU', 'out/client', 'in/client', 'snapshot', 'RTT', 'corrections', 'kept up'];
  const units = ['Hz', '', 'ms', 'ms', '', '%', '%', '%', 'kbps', 'kbps', 'bytes', 'ms', 'per bot/s', ''];
  const cells = rows.map((r) => [
    String(r.tickRate),
    String(r.bots),
    fixed(r.tickP50Ms, 2),
    fixed(r.tickP99Ms, 2),
    fixed(r.ticksPerSecond),
    fixed(r.hostCpuPercent, 0),
    fixed(r.botsCpuPercent, 0),
    fixed(r.otherCpuPercent, 0),
    fixed(r.kbpsOutPerClient),
    fixed(r.kbpsInPerClient),
    fixed(r.snapshotBytes, 0),
    fixed(r.rttMs),
    fixed(r.correctionsPerBotSecond, 2),
    keepsUp(r) ? 'yes' : r.botsKeptUp ? 'no' : 'bots did not',
  ]);
  const head = header.map((h, i) => (units[i] ? `${h} (${units[i]})` : h));
  const line = (values: readonly string[]) => `| ${values.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...cells.map(line)].join('\n');
}

/** What `--json` writes. */
export interface LoadReport {
  readonly date: string;
  readonly command: string;
  readonly machine: { readonly cores: number; readonly cpu: string; readonly node: string; readonly platform: string };
  readonly settings: { readonly seconds: number; readonly warmup: number; readonly behaviour: string };
  readonly rows: readonly LoadRow[];
  /** The largest bot count that kept 60 Hz with tick p99 under 8 ms, and the largest count tried. */
  readonly largestAt60Hz: { readonly bots: number | undefined; readonly tried: number; readonly tickP99LimitMs: number } | undefined;
  /** Configurations that could not be measured, and why. */
  readonly failures: readonly { readonly tickRate: number; readonly bots: number; readonly error: string }[];
}
