/**
 * The bots' flags.
 */
import { brokerFlag, choiceFlag, COMMON_FLAGS, iceServersFlag, integerFlag, numberFlag, parseFlags, switchFlag, textFlag, UsageError } from './args.js';
import { BEHAVIOURS, type Behaviour } from './bot-brain.js';

/** `--help`. */
export const BOTS_USAGE = `Usage: npm run bots -- --code <code> [options]
       node --import tsx game-demo/headless/bots.ts --code <code> [options]

Joins a lobby with bots that play the arena: each is a demo client (prediction, interpolation,
the demo's own rules) steered by a simple brain. Ctrl-C makes every bot leave, then exits.

  --code <code>            the lobby code to join (required)
  --count <n>              how many bots, 1 to 64                             (default 4)
  --behaviour <b>          mixed (wander, chase and shoot what comes near),
                           wander (roam, never shoot) or chase (hunt the nearest) (default mixed)
  --name <prefix>          bots are called "<prefix> 1", "<prefix> 2", ...       (default bot)
  --seed <n>               seeds the bots' choices                               (default 1)
  --report-every <seconds> each bot's RTT and corrections this often, 0 for none (default 5)
  --broker <url>           the broker                        (default http://127.0.0.1:9000)
  --ice-servers <json>     STUN/TURN servers, a JSON array    (default: the broker's list)
  --json                   print one JSON object per line
  --help                   show this text

SIGUSR2 prints the reports at once and starts a new measuring window.
Exit status: 0 after Ctrl-C or once the host has ended the game for every bot; 1 when the
broker cannot be reached, the code names no lobby, or no bot could join; 2 for bad flags.`;

/** The bots' settings, checked. */
export interface BotsCliOptions {
  readonly help: boolean;
  readonly json: boolean;
  readonly broker: string;
  /** `undefined`: what the broker's `/api/config` lists. */
  readonly iceServers: RTCIceServer[] | undefined;
  /** As typed, trimmed and upper-cased. */
  readonly code: string;
  readonly count: number;
  readonly behaviour: Behaviour;
  readonly namePrefix: string;
  readonly seed: number;
  /** Seconds between reports; 0 for none. */
  readonly reportEvery: number;
}

/** Reads the bots' flags; throws `UsageError`. */
export function parseBotsArgs(argv: readonly string[]): BotsCliOptions {
  const flags = parseFlags(argv, {
    ...COMMON_FLAGS,
    code: { type: 'string' },
    count: { type: 'string' },
    behaviour: { type: 'string' },
    name: { type: 'string' },
    seed: { type: 'string' },
    'report-every': { type: 'string' },
  });
  const help = switchFlag(flags, 'help');
  const code = textFlag(flags, 'code')?.trim().toUpperCase() ?? '';
  if (code === '' && !help) throw new UsageError('--code is required: the lobby code the host printed or shows');
  const namePrefix = (textFlag(flags, 'name') ?? 'bot').trim();
  // A player's name is at most 32 characters; leave room for " 64".
  if (namePrefix === '' || namePrefix.length > 28) throw new UsageError(`--name must be 1 to 28 characters, got "${namePrefix}"`);
  return {
    help,
    json: switchFlag(flags, 'json'),
    broker: brokerFlag(flags),
    iceServers: iceServersFlag(flags),
    code,
    count: integerFlag(flags, 'count', { min: 1, max: 64 }) ?? 4,
    behaviour: choiceFlag(flags, 'behaviour', BEHAVIOURS) ?? 'mixed',
    namePrefix,
    seed: integerFlag(flags, 'seed', { min: 0, max: 2 ** 31 - 1 }) ?? 1,
    reportEvery: numberFlag(flags, 'report-every', { min: 0, max: 3600 }) ?? 5,
  };
}
