/**
 * The load test's flags.
 */
import { choiceFlag, numberFlag, parseFlags, switchFlag, textFlag, UsageError, type Flags } from './args.js';
import { BEHAVIOURS, type Behaviour } from './bot-brain.js';

/** `--help`. */
export const LOAD_USAGE = `Usage: npm run load -- [options]
       node --import tsx game-demo/headless/load.ts [options]

One dedicated host (a child process) and N bots (another child process) over real WebRTC, through
a broker started in this process on a free port. For each tick rate and each N: wait until every
bot is in, let the game settle, then measure the host's ticks, CPU and traffic over a window.

  --counts <list>       bot counts, comma separated, 1 to 64       (default 4,8,16,32)
  --rates <list>        tick rates, comma separated, 20 to 120     (default 30,60)
  --seconds <s>         length of each measuring window            (default 10)
  --warmup <s>          settling time before each window           (default 3)
  --behaviour <b>       the bots' behaviour: mixed, wander, chase   (default mixed)
  --json <file>         also write the results as JSON to this file
  --help                show this text`;

/** The load test's settings, checked. */
export interface LoadOptions {
  readonly help: boolean;
  readonly counts: readonly number[];
  readonly rates: readonly number[];
  readonly seconds: number;
  readonly warmup: number;
  readonly behaviour: Behaviour;
  readonly jsonFile: string | undefined;
}

function listFlag(flags: Flags, name: string, fallback: readonly number[], min: number, max: number): number[] {
  const text = textFlag(flags, name);
  if (text === undefined) return [...fallback];
  const values = text.split(',').map((part) => part.trim());
  if (values.some((v) => !/^\d{1,4}$/.test(v) || Number(v) < min || Number(v) > max)) {
    throw new UsageError(`--${name} must be integers from ${min} to ${max}, separated by commas, got "${text}"`);
  }
  return [...new Set(values.map(Number))].sort((a, b) => a - b);
}

/** Reads the load test's flags; throws `UsageError`. */
export function parseLoadArgs(argv: readonly string[]): LoadOptions {
  const flags = parseFlags(argv, {
    counts: { type: 'string' },
    rates: { type: 'string' },
    seconds: { type: 'string' },
    warmup: { type: 'string' },
    behaviour: { type: 'string' },
    json: { type: 'string' },
    help: { type: 'boolean' },
  });
  return {
    help: switchFlag(flags, 'help'),
    counts: listFlag(flags, 'counts', [4, 8, 16, 32], 1, 64),
    rates: listFlag(flags, 'rates', [30, 60], 20, 120),
    seconds: numberFlag(flags, 'seconds', { min: 1, max: 600 }) ?? 10,
    warmup: numberFlag(flags, 'warmup', { min: 0, max: 600 }) ?? 3,
    behaviour: choiceFlag(flags, 'behaviour', BEHAVIOURS) ?? 'mixed',
    jsonFile: textFlag(flags, 'json'),
  };
}
