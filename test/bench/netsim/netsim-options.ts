/** The flags of `npm run netsim`, checked. */
import { isNetError } from '../../../engine/src/core/net-error.js';
import { resolveHostTunables } from '../../../engine/src/session/options.js';
import { numberFlag, parseFlags, UsageError } from '../cli-args.js';
import { SCENE_NAMES } from '../scenes/index.js';

export interface NetsimOptions {
  readonly scene: string;
  readonly tickRate: number;
  /** Undefined: the scene's own rate when it divides the tick rate, else the engine's default. */
  readonly snapshotRate: number | undefined;
  /** One-way delay of each direction, ms. */
  readonly latencyMs: number;
  /** Extra one-way delay, uniform in [0, jitterMs]. */
  readonly jitterMs: number;
  /** Loss of each direction, percent. */
  readonly lossPercent: number;
  /** Simulated seconds measured (after a few seconds of joining). */
  readonly seconds: number;
  /** Undefined: the scene's own number of clients. */
  readonly clients: number | undefined;
  readonly seed: number;
  /** The clients' interpolation delay: `'auto'` or ms. */
  readonly interpolationDelay: 'auto' | number;
}

export const NETSIM_USAGE = `usage: npm run netsim -- [--scene ${SCENE_NAMES.join('|')}] [--tick HZ] [--snapshot HZ]
       [--latency MS] [--jitter MS] [--loss PERCENT] [--seconds S] [--clients N] [--seed N] [--interp auto|MS]
  --latency and --jitter are one-way, for each direction; --loss applies to each direction.`;

/** The options `argv` asks for; throws `UsageError` naming the bad flag. */
export function netsimOptions(argv: readonly string[]): NetsimOptions {
  const flags = parseFlags(argv, { values: ['scene', 'tick', 'snapshot', 'latency', 'jitter', 'loss', 'seconds', 'clients', 'seed', 'interp'] });
  const scene = flags.get('scene') ?? 'arena-16';
  if (typeof scene !== 'string' || !SCENE_NAMES.includes(scene)) throw new UsageError(`--scene must be one of ${SCENE_NAMES.join(', ')}, got "${String(scene)}"`);
  const tickRate = numberFlag(flags, 'tick', 60, { min: 20, max: 120, integer: true });
  const snapshotRate = flags.has('snapshot') ? numberFlag(flags, 'snapshot', 0, { min: 1, max: 120, integer: true }) : undefined;
  try {
    resolveHostTunables({ tickRate, ...(snapshotRate === undefined ? {} : { snapshotRate }) });
  } catch (error) {
    if (isNetError(error, 'invalid_option')) throw new UsageError(error.message.replace(/^snapshotRate/, '--snapshot').replace(/^tickRate/, '--tick'));
    throw error;
  }
  return {
    scene,
    tickRate,
    snapshotRate,
    latencyMs: numberFlag(flags, 'latency', 50, { min: 0, max: 5000 }),
    jitterMs: numberFlag(flags, 'jitter', 0, { min: 0, max: 5000 }),
    lossPercent: numberFlag(flags, 'loss', 0, { min: 0, max: 100 }),
    seconds: numberFlag(flags, 'seconds', 30, { min: 1, max: 3600 }),
    clients: flags.has('clients') ? numberFlag(flags, 'clients', 1, { min: 1, max: 63, integer: true }) : undefined,
    seed: numberFlag(flags, 'seed', 1, { min: 0, max: 2 ** 32 - 1, integer: true }),
    interpolationDelay: interpolationDelay(flags.get('interp')),
  };
}

function interpolationDelay(raw: string | true | undefined): 'auto' | number {
  if (raw === undefined || raw === 'auto') return 'auto';
  const ms = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
  if (!(ms >= 0 && ms <= 1000)) throw new UsageError(`--interp must be auto or a number of ms from 0 to 1000, got "${String(raw)}"`);
  return ms;
}
