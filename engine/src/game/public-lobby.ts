/**
 * A hosted lobby on the broker's public list, where `listLobbies` shows it and `quickJoin` finds it:
 * under a name and a game mode, with the host's players and seats kept up to date (listing-keeper.ts
 * says when it lists). `hostGame({ public })` does this; `publishLobby` does it for a host wired by
 * hand (`openPeerHost`, `createHost`, `createLobby`).
 */
import { systemClock, type Clock } from '../core/clock.js';
import type { Unsubscribe } from '../core/emitter.js';
import { NetError } from '../core/net-error.js';
import type { GameSchema } from '../protocol/schema.js';
import type { Host } from '../session/host/host.js';
import type { MessageTypes } from '../session/message-declaration.js';
import { checkLobbyMode, deleteListing, putListing } from '../transport/peerjs/lobby-listing.js';
import type { PeerHostTransport } from '../transport/peerjs/peerjs-host.js';
import { ListingKeeper, type PublicListingEvents } from './listing-keeper.js';

/** How a lobby shows on the public list. */
export interface PublicLobbyOptions {
  /** Shown in lobby lists: 1 to 48 characters (the broker drops invisible ones). */
  readonly name: string;
  /** The game mode quick play matches: 1 to 32 of a-z 0-9 . _ - (default `'default'`). */
  readonly mode?: string;
}

/** A lobby kept on the public list until its host closes or {@link PublicListing.stop} is called. */
export interface PublicListing {
  /** Whether the broker lists the lobby, as far as its last answer said. */
  readonly listed: boolean;
  /** True once the listing stopped: `stop`, the host closing, or the broker refusing the host for good. */
  readonly stopped: boolean;
  /** `listed` each time the broker lists it; `error` when listing failed (it is tried again by itself). */
  on<K extends keyof PublicListingEvents>(event: K, listener: (payload: PublicListingEvents[K]) => void): Unsubscribe;
  /** Takes the lobby off the list (its code still works for those who have it); resolves once the broker answered. */
  stop(): Promise<void>;
}

const MAX_NAME = 48;

/** Checks a public lobby's name and mode as the broker will, with `'default'` for a mode left out; throws `invalid_option`. */
export function checkPublicLobby(options: PublicLobbyOptions): Required<PublicLobbyOptions> {
  const name = typeof options.name === 'string' ? options.name.trim() : '';
  if (name === '' || [...name].length > MAX_NAME) {
    throw new NetError('invalid_option', `a public lobby's name must be 1 to ${MAX_NAME} characters, got ${JSON.stringify(options.name)}`);
  }
  return { name, mode: checkLobbyMode(options.mode ?? 'default', "a public lobby's mode") };
}

/**
 * Lists `host`'s lobby on its broker and keeps the listing up to date: its players and seats as they
 * change, listed again before the broker would drop it, after the broker comes back and under a new
 * code. Stops (and takes the lobby off the list) when the host closes or the broker refuses it. `transport` is the one `openPeerHost` returned
 * and `createLobby` registered. Throws `invalid_option` for a bad name or mode.
 */
export function publishLobby<State, Schema extends GameSchema, Messages extends MessageTypes>(
  host: Host<State, Schema, Messages>,
  transport: PeerHostTransport,
  options: PublicLobbyOptions & { readonly brokerUrl: string; readonly clock?: Clock },
): PublicListing {
  const { name, mode } = checkPublicLobby(options);
  const { credentials } = transport;
  const { brokerUrl } = options;
  const keeper = new ListingKeeper(
    {
      current: () => ({ code: transport.lobbyCode, fields: { name, mode, players: host.players().length, seats: host.tunables.maxPlayers } }),
      put: (code, fields) => putListing(brokerUrl, code, credentials, fields),
      // keepalive: the goodbye of a closing page still takes the lobby off the list.
      remove: (code) => deleteListing(brokerUrl, code, credentials, true),
    },
    options.clock ?? systemClock,
  );
  const stops = [
    host.on('playerJoined', () => keeper.refresh()),
    host.on('playerLeft', () => keeper.refresh()),
    transport.on('brokerLost', () => keeper.pause()),
    transport.on('brokerRestored', () => keeper.resume()),
    transport.on('lobbyCodeChanged', () => keeper.refresh()),
  ];
  const stop = (): Promise<void> => {
    for (const unsubscribe of stops.splice(0)) unsubscribe();
    return keeper.stop();
  };
  // A broker that refuses the host for good leaves its code leading nowhere: nothing to list.
  stops.push(host.on('closed', () => void stop()), transport.on('brokerRefused', () => void stop()));
  keeper.refresh();
  return {
    get listed() {
      return keeper.listed;
    },
    get stopped() {
      return keeper.stopped;
    },
    on: (event, listener) => keeper.on(event, listener),
    stop,
  };
}
