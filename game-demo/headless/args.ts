/**
 * Command-line flags of the headless peers. `node:util`'s parser runs strict (an unknown flag or a
 * missing value is an error), then every value is checked here, so a typo stops the program with a
 * message naming the flag instead of being ignored or turning into NaN.
 */
import { parseArgs } from 'node:util';
import { parseIceServers } from 'tickwire-broker';

/** A flag the program cannot use. The CLIs print it with their usage and exit with status 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The local broker `npm start` runs. */
export const DEFAULT_BROKER = 'http://127.0.0.1:9000';

/** Exit statuses shared by the headless programs. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** The parsed flags, by name without the dashes. */
export type Flags = Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;

/** Which flags a program takes: `string` ones take a value, `boolean` ones are switches. */
export type FlagSpec = Readonly<Record<string, { readonly type: 'string' | 'boolean' }>>;

/** Parses `argv` (without node and the script) against `spec`; throws `UsageError`. */
export function parseFlags(argv: readonly string[], spec: FlagSpec): Flags {
  try {
    return parseArgs({ args: [...argv], options: { ...spec }, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** The text of a flag that takes a value, or `undefined` when it was not given. */
export function textFlag(flags: Flags, name: string): string | undefined {
  const value = flags[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new UsageError(`--${name} takes a value`);
  return value;
}

/** Whether a switch was given. */
export function switchFlag(flags: Flags, name: string): boolean {
  return flags[name] === true;
}

/**
 * An integer flag, in [min, max] when a range is given (otherwise the caller checks the range);
 * "12abc", "1e3" and " 7" are refused rather than read loosely.
 */
export function integerFlag(flags: Flags, name: string, range?: { readonly min: number; readonly max: number }): number | undefined {
  const text = textFlag(flags, name);
  if (text === undefined) return undefined;
  const value = /^-?\d{1,9}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(value)) throw new UsageError(`--${name} must be an integer${range ? ` from ${range.min} to ${range.max}` : ''}, got "${text}"`);
  if (range && (value < range.min || value > range.max)) throw new UsageError(`--${name} must be an integer from ${range.min} to ${range.max}, got "${text}"`);
  return value;
}

/** A number flag in [min, max] (seconds, say). */
export function numberFlag(flags: Flags, name: string, range: { readonly min: number; readonly max: number }): number | undefined {
  const text = textFlag(flags, name);
  if (text === undefined) return undefined;
  const value = /^\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isFinite(value) || value < range.min || value > range.max) {
    throw new UsageError(`--${name} must be a number from ${range.min} to ${range.max}, got "${text}"`);
  }
  return value;
}

/** One of a few words. */
export function choiceFlag<T extends string>(flags: Flags, name: string, choices: readonly T[]): T | undefined {
  const text = textFlag(flags, name);
  if (text === undefined) return undefined;
  const choice = choices.find((c) => c === text);
  if (choice === undefined) throw new UsageError(`--${name} must be one of ${choices.join(', ')}, got "${text}"`);
  return choice;
}

/** `--broker`: the broker's base URL (http or https), default the local broker. */
export function brokerFlag(flags: Flags): string {
  const text = textFlag(flags, 'broker') ?? DEFAULT_BROKER;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--broker must be an http(s) URL such as ${DEFAULT_BROKER}, got "${text}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--broker must use http or https, got "${text}"`);
  return url.origin;
}

/**
 * `--ice-servers`: a JSON array of STUN/TURN servers, checked as the broker checks its own; left
 * out, peers use what the broker's `/api/config` lists.
 */
export function iceServersFlag(flags: Flags): RTCIceServer[] | undefined {
  const text = textFlag(flags, 'ice-servers');
  if (text === undefined) return undefined;
  try {
    return parseIceServers(text, '--ice-servers').map(({ urls, ...rest }) => ({ ...rest, urls: typeof urls === 'string' ? urls : [...urls] }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** The flags both programs take. */
export const COMMON_FLAGS: FlagSpec = {
  broker: { type: 'string' },
  'ice-servers': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean' },
};

/**
 * Runs a program's `main` and turns its outcome into the exit status: what `main` returns, `usage`
 * (with the message) for bad flags, `failed` (with the error) for anything else.
 */
export function runProgram(name: string, main: (argv: readonly string[]) => Promise<number | undefined>): void {
  main(process.argv.slice(2)).then(
    (status) => {
      if (status !== undefined) process.exitCode = status;
    },
    (error: unknown) => {
      if (error instanceof UsageError) {
        console.error(`${name}: ${error.message}\nRun with --help for the flags.`);
        process.exitCode = EXIT.usage;
        return;
      }
      console.error(`${name}: failed`, error);
      process.exitCode = EXIT.failed;
    },
  );
}
