/**
 * `npm run bench`: wire cost (the open worlds with and without interest, and under a budget), host
 * CPU, WebRTC latency and memory, printed as tables with each target and whether it is met.
 * `--json FILE` also writes the report; `--quick` runs every measurement for a moment only (a smoke
 * test: the figures mean nothing); `--only host-tick` or `--only wire` runs those measurements
 * alone and prints their tables (no JSON).
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseFlags, UsageError } from './cli-args.js';
import { printHostTicks, printReport, printWire } from './report/print-report.js';
import { DEFAULT_DEPS, FULL_CONFIG, QUICK_CONFIG, runBench, runHostTicks, runWire } from './run-bench.js';

const USAGE = 'usage: npm run bench [-- [--json FILE] [--quick] [--only host-tick|wire]]';
/** What `--only` can pick. */
const PARTS = ['host-tick', 'wire'];

async function main(argv: readonly string[]): Promise<number> {
  let flags;
  try {
    flags = parseFlags(argv, { values: ['json', 'only'], switches: ['quick'] });
    const only = flags.get('only');
    if (only !== undefined && !PARTS.includes(String(only))) throw new UsageError(`--only must be one of ${PARTS.join(', ')}, got "${String(only)}"`);
    if (only !== undefined && flags.has('json')) throw new UsageError('--json writes the whole report: leave out --only');
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`bench: ${error.message}\n${USAGE}`);
    return 2;
  }
  if (typeof (globalThis as { gc?: unknown }).gc !== 'function') console.error('bench: run node with --expose-gc for the heap figures (npm run bench does)');
  const quick = flags.has('quick');
  if (flags.get('only') === 'wire') {
    const { wire, wireBytes } = runWire(quick ? QUICK_CONFIG : FULL_CONFIG, DEFAULT_DEPS);
    console.log(printWire(wire, wireBytes).join('\n'));
    return 0;
  }
  if (flags.has('only')) {
    const ticks = await runHostTicks(quick ? QUICK_CONFIG : FULL_CONFIG, DEFAULT_DEPS);
    const details = { jsonFullP99us: ticks.jsonFullP99us, snapshotTickP50us: ticks.snapshotTickP50us, hostTickGcs: ticks.gcs, sceneTicks: ticks.scenes };
    console.log(printHostTicks(ticks.entries, details).join('\n'));
    return 0;
  }
  const result = await runBench(quick ? QUICK_CONFIG : FULL_CONFIG, DEFAULT_DEPS);
  const cpu = cpus();
  const info = {
    date: new Date().toISOString().slice(0, 10),
    machine: `${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown cpu'}), Node ${process.version}`,
    command: `npm run bench${argv.length > 0 ? ` -- ${argv.join(' ')}` : ''}`,
  };
  console.log(printReport(result, info).join('\n'));
  const file = flags.get('json');
  if (typeof file === 'string') writeFileSync(file, `${JSON.stringify(result.report, null, 2)}\n`);
  return 0;
}

// PeerJS and the WebRTC stack keep handles open after closing; the results are out, so exit.
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
