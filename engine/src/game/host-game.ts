/**
 * Hosting in one call: the broker, the PeerJS transport, the host session on a clock that keeps
 * ticking in a hidden tab, a lobby code, and the goodbye when the page closes. Everything it wires
 * is public on its own (`openPeerHost`, `createHost`, `createLobby`, `workerClock`) for a game that
 * needs it otherwise.
 */
import { systemClock, type Clock } from '../core/clock.js';
import { workerClock } from '../core/worker-clock.js';
import type { GameSchema } from '../protocol/schema.js';
import { createHost, type Host } from '../session/host/host.js';
import type { HostOptions } from '../session/host/host-options.js';
import type { MessageTypes, NoMessages } from '../session/message-declaration.js';
import type { Unsubscribe } from '../core/emitter.js';
import { createLobby, openPeerHost, type PeerHostOptions } from '../transport/peerjs/peerjs-host.js';
import type { LobbyEvents } from '../transport/transport.js';
import { closeOnPageExit } from './page-exit.js';
import { checkPublicLobby, publishLobby, type PublicListing, type PublicLobbyOptions } from './public-lobby.js';

/** Everything `createHost` takes but the transport, and where the broker is. */
export interface HostGameOptions<State, Schema extends GameSchema, Messages extends MessageTypes>
  extends Omit<HostOptions<State, Schema, Messages>, 'transport' | 'clock'>,
    Omit<PeerHostOptions, 'clock'> {
  /**
   * Drives the ticks (default: a clock whose timers run on a Worker, so a hidden tab keeps its tick
   * rate; where there is no Worker, the system clock).
   */
  readonly clock?: Clock;
  /**
   * Lists the lobby on the broker's public list under this name and game mode, where `listLobbies`
   * shows it and `quickJoin` finds it, with its players and seats kept up to date (default: not listed).
   */
  readonly public?: PublicLobbyOptions;
}

/** A hosted game: the running host and the code its players join with. */
export interface HostedGame<State, Schema extends GameSchema, Messages extends MessageTypes> {
  readonly host: Host<State, Schema, Messages>;
  /** The lobby code now: give it to the players (`joinGame({ code })`). See `lobbyCodeChanged`. */
  readonly code: string;
  /** The lobby's public listing, when `public` was given; it stops when the host closes. */
  readonly listing: PublicListing | undefined;
  /**
   * The host's standing with the broker ({@link LobbyEvents}): `brokerLost` and `brokerRestored`
   * (nobody new can join meanwhile), `brokerRefused` (final: nobody new can join any more; host
   * again to take new players) and `lobbyCodeChanged` (show the new code).
   */
  on<K extends keyof LobbyEvents>(event: K, listener: (payload: LobbyEvents[K]) => void): Unsubscribe;
}

/**
 * Opens a host on the broker, registers a lobby and starts ticking; the host closes (saying
 * goodbye to every player) when the page goes away, or with `hostMigration` leaves the game to its
 * successor, which takes the lobby over (the players' `joinGame` clients do it on their own). Rejects with a `NetError` when the broker
 * cannot be reached or an option is wrong.
 */
export async function hostGame<State, Schema extends GameSchema, Messages extends MessageTypes = NoMessages>(
  options: HostGameOptions<State, Schema, Messages>,
): Promise<HostedGame<State, Schema, Messages>> {
  const publicFields = options.public ? checkPublicLobby(options.public) : undefined;
  // A clock made here is this host's to dispose of (its Worker ends) once the host closes.
  const ownClock = options.clock === undefined ? workerClock() : undefined;
  const clock = options.clock ?? ownClock ?? systemClock;
  try {
    const transport = await openPeerHost(options);
    try {
      const migration = options.hostMigration === true;
      let listing: PublicListing | undefined;
      const host = createHost({
        ...options,
        transport,
        clock,
        // The successor takes the lobby over with this credential, and lists it again while it is listed.
        ...(migration ? { migrationCredential: () => transport.migrationCredential ?? '', migrationListing: () => (listing?.stopped === false ? publicFields : undefined) } : {}),
      });
      const code = await createLobby(transport, { migration });
      host.start();
      // With host migration a closing page leaves the game to the successor; without, it ends it.
      const forget = closeOnPageExit(() => (migration ? host.leave() : host.close()));
      host.on('closed', () => {
        forget();
        ownClock?.dispose();
      });
      if (publicFields) listing = publishLobby(host, transport, { ...publicFields, brokerUrl: options.brokerUrl, clock });
      return {
        host,
        listing,
        get code() {
          return transport.lobbyCode ?? code;
        },
        on: (event, listener) => transport.on(event, listener),
      };
    } catch (error) {
      transport.close();
      throw error;
    }
  } catch (error) {
    ownClock?.dispose();
    throw error;
  }
}
