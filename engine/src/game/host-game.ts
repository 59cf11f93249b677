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
import { createLobby, openPeerHost, type PeerHostOptions } from '../transport/peerjs/peerjs-host.js';
import { closeOnPageExit } from './page-exit.js';

/** Everything `createHost` takes but the transport, and where the broker is. */
export interface HostGameOptions<State, Schema extends GameSchema, Messages extends MessageTypes>
  extends Omit<HostOptions<State, Schema, Messages>, 'transport' | 'clock'>,
    Omit<PeerHostOptions, 'clock'> {
  /**
   * Drives the ticks (default: a clock whose timers run on a Worker, so a hidden tab keeps its tick
   * rate; where there is no Worker, the system clock).
   */
  readonly clock?: Clock;
}

/** A hosted game: the running host and the code its players join with. */
export interface HostedGame<State, Schema extends GameSchema, Messages extends MessageTypes> {
  readonly host: Host<State, Schema, Messages>;
  /** The lobby code: give it to the players (`joinGame({ code })`). */
  readonly code: string;
}

/**
 * Opens a host on the broker, registers a lobby and starts ticking; the host closes (saying
 * goodbye to every player) when the page goes away. Rejects with a `NetError` when the broker
 * cannot be reached or an option is wrong.
 */
export async function hostGame<State, Schema extends GameSchema, Messages extends MessageTypes = NoMessages>(
  options: HostGameOptions<State, Schema, Messages>,
): Promise<HostedGame<State, Schema, Messages>> {
  // A clock made here is this host's to dispose of (its Worker ends) once the host closes.
  const ownClock = options.clock === undefined ? workerClock() : undefined;
  const clock = options.clock ?? ownClock ?? systemClock;
  try {
    const transport = await openPeerHost(options);
    try {
      const host = createHost({ ...options, transport, clock });
      const code = await createLobby(transport);
      host.start();
      const forget = closeOnPageExit(() => host.close());
      host.on('closed', () => {
        forget();
        ownClock?.dispose();
      });
      return { host, code };
    } catch (error) {
      transport.close();
      throw error;
    }
  } catch (error) {
    ownClock?.dispose();
    throw error;
  }
}
