/**
 * `npm run host`: the arena's authoritative host in Node, with no browser. It is the demo's own
 * host session (`src/net/host-session.ts`: the same lobby settings, `netstats` reports and
 * `hello` handling a browser host has), with no ship of its own (`hostPlayer: false`: nobody sits
 * at a dedicated host), so the match starts at once and every seat is for players who join.
 * It prints the lobby code (again if the broker gives a new one after a restart), each join and
 * leave, and a stats line every few seconds. Exit status:
 * 0 after Ctrl-C, 1 when the lobby cannot be opened (the broker is unreachable), 2 for bad flags.
 */
// tickwire/node: installs WebRTC (node-datachannel) and WebSocket (ws) so PeerJS runs in Node.
import 'tickwire/node';
import type { PublicListing, PublicLobbyOptions } from 'tickwire';
import { describeStartError } from '../src/net/errors.js';
import { hostSession, type HostedSession } from '../src/net/host-session.js';
import { EXIT, runProgram } from './args.js';
import { HOST_USAGE, parseHostArgs, type HostCliOptions } from './host-args.js';
import { describeHostLine, type HostLine } from './host-lines.js';
import { HostStats } from './host-stats.js';
import { LinePrinter } from './printer.js';
import { exitAfter, onStopSignals } from './signals.js';

/** The engine lets go of the broker a second after its goodbyes; anything still running after this is cut. */
const FORCE_EXIT_MS = 5000;

function run(session: HostedSession, options: HostCliOptions): void {
  const printer = new LinePrinter<HostLine>(options.json, describeHostLine);
  const { host } = session;
  const stats = new HostStats(session);
  const names = new Map<number, string>();
  session.startMatch();
  const { tickRate, snapshotRate, snapshotReliability, maxPlayers } = host.tunables;
  const printLobby = (code: string, previous?: string) => {
    const joinLink = `${options.broker}/?join=${code}`;
    const line = { event: 'lobby', code, broker: options.broker, joinLink, tickRate, snapshotRate, snapshotReliability, maxPlayers } as const;
    printer.print(previous === undefined ? line : { ...line, previous });
  };
  printLobby(session.code);
  session.on('code', ({ code, previous }) => printLobby(code, previous));
  host.on('playerJoined', ({ playerId, name }) => {
    names.set(playerId, name);
    printer.print({ event: 'joined', playerId, name, players: host.players().length });
  });
  host.on('playerLeft', ({ playerId, reason }) => {
    printer.print({ event: 'left', playerId, name: names.get(playerId) ?? '', reason: reason.code, message: reason.message, players: host.players().length });
    names.delete(playerId);
  });
  host.on('playerAway', ({ playerId, reason }) => printer.print({ event: 'away', playerId, name: names.get(playerId) ?? '', message: reason.message }));
  host.on('playerReturned', ({ playerId, name }) => printer.print({ event: 'returned', playerId, name, message: '' }));
  host.on('refused', ({ reason, message }) => printer.print({ event: 'warning', message: `turned a player away: ${reason} (${message})` }));
  session.on('warning', ({ message }) => printer.print({ event: 'warning', message }));
  if (session.listing && options.publicLobby) printListing(session.listing, options.publicLobby, printer);
  session.on('warningCleared', () => printer.print({ event: 'notice', message: `back on the broker: code ${session.code} takes new players again` }));
  const report = () => printer.print(stats.take());
  const timer = options.statsEvery > 0 ? setInterval(report, options.statsEvery * 1000) : undefined;
  process.on('SIGUSR2', report);
  onStopSignals((signal) => {
    const players = host.players().length;
    printer.print({ event: 'closing', message: `${signal}: telling ${players} player${players === 1 ? '' : 's'} the game is over, and closing` });
    clearInterval(timer);
    process.off('SIGUSR2', report);
    session.close();
    process.exitCode = EXIT.ok;
    exitAfter(FORCE_EXIT_MS);
  });
}

/** Says when the lobby goes on the public list and when listing it fails, once each time, not at every refresh. */
function printListing(listing: PublicListing, { name, mode }: Required<PublicLobbyOptions>, printer: LinePrinter<HostLine>): void {
  let state: 'listed' | 'failing' | undefined;
  listing.on('listed', () => {
    if (state === 'listed') return;
    state = 'listed';
    printer.print({ event: 'notice', message: `listed publicly as "${name}" (mode ${mode}): quick play fills this lobby` });
  });
  listing.on('error', (error) => {
    if (state === 'failing') return;
    state = 'failing';
    printer.print({ event: 'warning', message: `the lobby is not on the public list (${error.message}); trying again` });
  });
}

async function main(argv: readonly string[]): Promise<number | undefined> {
  if (argv.includes('--help')) {
    console.log(HOST_USAGE);
    return EXIT.ok;
  }
  const options = parseHostArgs(argv);
  let session: HostedSession;
  try {
    const settings = options.publicLobby ? { ...options.tunables, publicLobby: options.publicLobby } : options.tunables;
    session = await hostSession(options.broker, settings, options.iceServers ? { iceServers: options.iceServers } : {});
  } catch (error) {
    console.error(`tickwire host: ${describeStartError(error)}`);
    exitAfter(FORCE_EXIT_MS);
    return EXIT.failed;
  }
  run(session, options);
  return undefined;
}

runProgram('tickwire host', main);
