/**
 * `npm run netsim`: plays a benchmark scene with the real engine over the loopback transport on a
 * simulated clock, with the tick rate, snapshot rate and link conditions you give it, and prints
 * bandwidth, corrections, interpolation delay and dry frames, and time to converge. See the
 * README's tuning guide.
 */
import { UsageError } from './cli-args.js';
import { NETSIM_USAGE, netsimOptions } from './netsim/netsim-options.js';
import { printNetsim } from './netsim/print-netsim.js';
import { runNetsim } from './netsim/run-netsim.js';
import { sceneByName } from './scenes/index.js';

function main(argv: readonly string[]): number {
  let options;
  try {
    options = netsimOptions(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`netsim: ${error.message}\n${NETSIM_USAGE}`);
    return 2;
  }
  const started = performance.now();
  const result = sceneByName(options.scene, options.seed).use((scene) => runNetsim(scene, options));
  console.log(printNetsim(options, result, performance.now() - started).join('\n'));
  return 0;
}

process.exitCode = main(process.argv.slice(2));
