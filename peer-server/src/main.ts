#!/usr/bin/env node
/**
 * The broker's command line: `npx tickwire-broker [--port 9000 ...]` where it is installed, or
 * `node --import tsx peer-server/src/main.ts` in this repository.
 * Settings come from flags and TICKWIRE_* variables (see config.ts and the README).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseBrokerConfig } from './config.js';
import { BROKER_USAGE } from './config-usage.js';
import { startBroker } from './broker.js';

async function main(argv: readonly string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(BROKER_USAGE);
    return;
  }
  const broker = await startBroker(parseBrokerConfig(argv, process.env));
  console.log(`tickwire broker listening on ${broker.url}`);
  const { staticDir } = broker.config;
  if (staticDir === undefined || !existsSync(join(staticDir, 'index.html'))) {
    const page = join(staticDir ?? 'dist/demo', 'index.html');
    console.warn(`tickwire broker: no page to serve at / (no ${page}); give --static-dir your game's built page, or in the tickwire repository run \`npm run build:demo\` for the demo`);
  }

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    // A second Ctrl-C means the operator does not want to wait for a clean close.
    if (stopping) process.exit(1);
    stopping = true;
    console.log(`tickwire broker: ${signal}, closing`);
    broker.close().then(
      () => {
        // No process.exit(): the broker's close leaves nothing running, so the process ends by itself.
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      },
      (error: unknown) => {
        console.error('tickwire broker: close failed', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`tickwire broker: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
