/**
 * The dedicated host's flags. The tunables are checked by the engine itself: a host is made with
 * them (on a loopback network, never started) and closed, so its defaults and its `invalid_option`
 * errors are the ones `createHost` will give; the option names in an error become flag names.
 */
import { createHost, isNetError, LoopbackNetwork, ManualClock, type HostTunables, type SnapshotReliability } from 'tickwire';
import { arenaSim } from '../src/sim/arena-sim.js';
import { brokerFlag, choiceFlag, COMMON_FLAGS, iceServersFlag, integerFlag, numberFlag, parseFlags, switchFlag, UsageError } from './args.js';

/** `--help`. */
export const HOST_USAGE = `Usage: npm run host -- [options]
       node --import tsx game-demo/headless/host.ts [options]

Runs the arena's authoritative host in Node, with no browser and no ship of its own, registers a
lobby with the broker and prints its code. Browsers and bots join it as they join a browser host;
the match is on from the start. Ctrl-C says goodbye to every player and exits.

  --tick-rate <hz>               simulation ticks per second, 20 to 120      (default 60)
  --snapshot-rate <hz>           snapshots per second, a divisor of the tick rate
                                                     (default the largest divisor up to 30)
  --snapshot-reliability <mode>  unreliable or reliable                     (default unreliable)
  --max-players <n>              seats, 1 to 64                             (default 8)
  --broker <url>                 the broker                    (default http://127.0.0.1:9000)
  --ice-servers <json>           STUN/TURN servers, a JSON array  (default: the broker's list)
  --stats-every <seconds>        a stats line this often, 0 for none        (default 5)
  --json                         print one JSON object per line
  --help                         show this text

SIGUSR2 prints a stats line at once and starts a new measuring window.`;

/** The dedicated host's settings, checked. */
export interface HostCliOptions {
  readonly help: boolean;
  readonly json: boolean;
  readonly broker: string;
  /** `undefined`: what the broker's `/api/config` lists. */
  readonly iceServers: RTCIceServer[] | undefined;
  readonly tunables: HostTunables;
  /** Seconds between stats lines; 0 for none. */
  readonly statsEvery: number;
}

const FLAG_OF_OPTION: Readonly<Record<string, string>> = {
  tickRate: '--tick-rate',
  snapshotRate: '--snapshot-rate',
  snapshotReliability: '--snapshot-reliability',
  maxPlayers: '--max-players',
};

/** The tunables a host made with `wanted` runs with; throws the engine's `NetError('invalid_option')`. */
function resolveHostTunables(wanted: Partial<HostTunables>): HostTunables {
  const network = new LoopbackNetwork({ clock: new ManualClock() });
  const host = createHost({ simulation: arenaSim, transport: network.createHost(), hostPlayer: false, ...wanted });
  host.close();
  return host.tunables;
}

function tunables(flags: ReturnType<typeof parseFlags>): HostTunables {
  const wanted: { -readonly [K in keyof HostTunables]?: HostTunables[K] } = {};
  const tickRate = integerFlag(flags, 'tick-rate');
  const snapshotRate = integerFlag(flags, 'snapshot-rate');
  const maxPlayers = integerFlag(flags, 'max-players');
  const snapshotReliability = choiceFlag<SnapshotReliability>(flags, 'snapshot-reliability', ['unreliable', 'reliable']);
  if (tickRate !== undefined) wanted.tickRate = tickRate;
  if (snapshotRate !== undefined) wanted.snapshotRate = snapshotRate;
  if (maxPlayers !== undefined) wanted.maxPlayers = maxPlayers;
  if (snapshotReliability !== undefined) wanted.snapshotReliability = snapshotReliability;
  try {
    return resolveHostTunables(wanted);
  } catch (error) {
    if (!isNetError(error, 'invalid_option')) throw error;
    throw new UsageError(error.message.replace(/\b(tickRate|snapshotRate|snapshotReliability|maxPlayers)\b/g, (option) => FLAG_OF_OPTION[option] ?? option));
  }
}

/** Reads the host's flags; throws `UsageError`. */
export function parseHostArgs(argv: readonly string[]): HostCliOptions {
  const flags = parseFlags(argv, {
    ...COMMON_FLAGS,
    'tick-rate': { type: 'string' },
    'snapshot-rate': { type: 'string' },
    'snapshot-reliability': { type: 'string' },
    'max-players': { type: 'string' },
    'stats-every': { type: 'string' },
  });
  return {
    help: switchFlag(flags, 'help'),
    json: switchFlag(flags, 'json'),
    broker: brokerFlag(flags),
    iceServers: iceServersFlag(flags),
    tunables: tunables(flags),
    statsEvery: numberFlag(flags, 'stats-every', { min: 0, max: 3600 }) ?? 5,
  };
}
