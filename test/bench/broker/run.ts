/**
 * `npm run bench:broker`: relayed signaling per second and relay times on one broker alone and on
 * three brokers sharing a Redis, and join times through the load balancer, printed as tables with
 * the targets and what limits each figure. `--quick` runs every phase for a moment (a smoke run:
 * the figures mean nothing). Exits non-zero, saying why, when a package is missing, a series is
 * empty or anything fails; every process it started is stopped first, on Ctrl-C too.
 */
import { cpus } from 'node:os';
import { parseFlags, UsageError } from '../cli-args.js';
import { printBrokerBench } from './print-broker-bench.js';
import { FULL_CONFIG, QUICK_CONFIG, runBrokerBench } from './run-broker-bench.js';
import { requireBenchPackages } from './system-check.js';
import { Interrupted, Teardown } from './teardown.js';

const USAGE = 'usage: npm run bench:broker [-- --quick]';

async function main(argv: readonly string[]): Promise<number> {
  let quick: boolean;
  try {
    quick = parseFlags(argv, { values: [], switches: ['quick'] }).has('quick');
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`bench:broker: ${error.message}\n${USAGE}`);
    return 2;
  }
  requireBenchPackages();
  const teardown = new Teardown();
  teardown.listen();
  try {
    const log = (line: string): void => void process.stderr.write(`bench:broker: ${line}\n`);
    const result = await Promise.race([runBrokerBench(quick ? QUICK_CONFIG : FULL_CONFIG, teardown, log), teardown.interrupted]);
    const cpu = cpus();
    const info = {
      date: new Date().toISOString().slice(0, 10),
      machine: `${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown cpu'}), Node ${process.version}`,
      command: `npm run bench:broker${argv.length > 0 ? ` -- ${argv.join(' ')}` : ''}`,
    };
    console.log(printBrokerBench(result, info).join('\n'));
    return 0;
  } finally {
    await teardown.run();
  }
}

// PeerJS and node-datachannel keep handles open after closing; the results are out, so exit.
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof Interrupted) {
      console.error(`bench:broker: ${error.message}`);
      process.exit(130);
    }
    console.error(`bench:broker failed: ${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof Error && error.cause !== undefined) console.error('caused by:', error.cause);
    process.exit(1);
  },
);
