/**
 * `npm run bots -- --code K7QX2M --count 8`: bots that join a lobby and play the arena, to try a
 * game with eight players when you are alone, or to load a host (see `load.ts`). Each bot is the
 * demo's own client session (`src/net/client-session.ts`), steered by `bot-brain.ts`.
 */
// tickwire/node: installs WebRTC (node-datachannel) and WebSocket (ws) so PeerJS runs in Node.
import { resolveLobby } from 'tickwire/node';
import { describeStartError } from '../src/net/errors.js';
import { EXIT, runProgram } from './args.js';
import { describeBotLine, type BotLine } from './bot-lines.js';
import { BOTS_USAGE, parseBotsArgs } from './bots-args.js';
import { Fleet } from './fleet.js';
import { LinePrinter } from './printer.js';
import { exitAfter, onStopSignals } from './signals.js';

/** Goodbyes take up to a second; anything still running after this is cut. */
const FORCE_EXIT_MS = 5000;

async function main(argv: readonly string[]): Promise<number | undefined> {
  if (argv.includes('--help')) {
    console.log(BOTS_USAGE);
    return EXIT.ok;
  }
  const options = parseBotsArgs(argv);
  // One look first, so a wrong code or a broker that is not there is one clear message, not one per bot.
  try {
    await resolveLobby(options.broker, options.code);
  } catch (error) {
    console.error(`tickwire bots: ${describeStartError(error, options.code)}`);
    return EXIT.failed;
  }
  // Once every bot is done the process ends by itself, or at the deadline if a connection lingers.
  const fleet = new Fleet(options, new LinePrinter<BotLine>(options.json, describeBotLine), () => exitAfter(FORCE_EXIT_MS));
  let stopped = false;
  onStopSignals((signal) => {
    stopped = true;
    fleet.stop(signal);
    process.exitCode = EXIT.ok;
    exitAfter(FORCE_EXIT_MS);
  });
  const joined = await fleet.join();
  if (joined === 0 && !stopped) {
    console.error(`tickwire bots: no bot could join lobby ${options.code}`);
    exitAfter(FORCE_EXIT_MS);
    return EXIT.failed;
  }
  return undefined;
}

runProgram('tickwire bots', main);
