/**
 * The dedicated host's flags. The tunables are checked by the engine itself: a host is made with
 * them (on a loopback network, never started) and closed, so its defaults and its `invalid_option`
 * errors are the ones `createHost` will give; the option names in an error become flag names.
 */
import { hostname } from 'node:os';
import { checkPublicLobby, createHost, isNetError, LoopbackNetwork, ManualClock, type HostTunables, type PublicLobbyOptions, type SnapshotReliability } from 'tickwire';
import { ARENA_MODE } from '../src/net/public-arena.js';
import { arenaSim } from '../src/sim/arena-sim.js';
import { brokerFlag, choiceFlag, COMMON_FLAGS, iceServersFlag, integerFlag, numberFlag, parseFlags, switchFlag, textFlag, UsageError, type Flags } from './args.js';

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
  --public                       list the lobby publicly: quick play fills it
  --name <text>                  its name on the public list, 1 to 48 characters
                                                     (default "arena on <this machine's name>")
  --mode <mode>                  its game mode on the public list, 1 to 32 of a-z 0-9 . _ -
                                                     (default arena, the demo's quick play)
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
  /** `--public`: the name and mode the lobby is listed under; undefined when it is not listed. */
  readonly publicLobby: Required<PublicLobbyOptions> | undefined;
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

/** `--public` with `--name` and `--mode`, checked as the engine checks them; the last two need the first. */
function publicLobby(flags: Flags): Required<PublicLobbyOptions> | undefined {
  const name = textFlag(flags, 'name');
  const mode = textFlag(flags, 'mode');
  if (!switchFlag(flags, 'public')) {
    if (name !== undefined || mode !== undefined) throw new UsageError(`--${name !== undefined ? 'name' : 'mode'} names the public listing: add --public`);
    return undefined;
  }
  try {
    return checkPublicLobby({ name: name ?? `arena on ${hostname()}`.slice(0, 48), mode: mode ?? ARENA_MODE });
  } catch (error) {
    if (!isNetError(error, 'invalid_option')) throw error;
    throw new UsageError(error.message.replace("a public lobby's name", '--name').replace("a public lobby's mode", '--mode'));
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
    public: { type: 'boolean' },
    name: { type: 'string' },
    mode: { type: 'string' },
  });
  return {
    help: switchFlag(flags, 'help'),
    json: switchFlag(flags, 'json'),
    broker: brokerFlag(flags),
    iceServers: iceServersFlag(flags),
    tunables: tunables(flags),
    publicLobby: publicLobby(flags),
    statsEvery: numberFlag(flags, 'stats-every', { min: 0, max: 3600 }) ?? 5,
  };
}
