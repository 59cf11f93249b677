/**
 * Flag parsing for the benchmark scripts: `--name value` pairs and boolean `--name` switches, each
 * checked, so a typo is a clear error instead of a silently ignored option.
 */

export class UsageError extends Error {}

export interface FlagSpec {
  /** Flags that take a value. */
  readonly values: readonly string[];
  /** Flags that take none. */
  readonly switches?: readonly string[];
}

/** The flags in `argv` (without node and the script), by name without the dashes. */
export function parseFlags(argv: readonly string[], spec: FlagSpec): Map<string, string | true> {
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"`);
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (flags.has(name)) throw new UsageError(`--${name} given twice`);
    if (spec.switches?.includes(name)) {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      flags.set(name, true);
    } else if (spec.values.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
      flags.set(name, value);
    } else {
      const known = [...spec.values, ...(spec.switches ?? [])].map((f) => `--${f}`).join(', ');
      throw new UsageError(`unknown flag --${name}; known: ${known}`);
    }
  }
  return flags;
}

/** The number a flag holds, checked against [min, max] (and to be an integer when asked). */
export function numberFlag(flags: Map<string, string | true>, name: string, fallback: number, range: { min: number; max: number; integer?: boolean }): number {
  const raw = flags.get(name);
  if (raw === undefined) return fallback;
  const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
  const kind = range.integer ? 'an integer' : 'a number';
  if (!Number.isFinite(value) || (range.integer && !Number.isInteger(value)) || value < range.min || value > range.max) {
    throw new UsageError(`--${name} must be ${kind} from ${range.min} to ${range.max}, got "${String(raw)}"`);
  }
  return value;
}
