/**
 * Joining in one call: the lobby code resolved with the broker, the PeerJS link, the client
 * session started, a way back when the connection drops, and the goodbye when the page closes.
 * Everything it wires is public on its own (`joinPeerLobby`, `createClient`).
 */
import type { GameSchema } from '../protocol/schema.js';
import { createClient, type Client } from '../session/client/client.js';
import type { ClientOptions } from '../session/client/client-options.js';
import type { MessageTypes, NoMessages } from '../session/message-declaration.js';
import { connectPeerClient } from '../transport/peerjs/peerjs-client.js';
import { resolveLobby } from '../transport/peerjs/broker-client.js';
import { NetError } from '../core/net-error.js';
import type { ClientTransport } from '../transport/transport.js';
import type { PeerTransportOptions } from '../transport/peerjs/peer-options.js';
import { closeOnPageExit } from './page-exit.js';
import type { HostOptions } from '../session/host/host-options.js';
import type { Succession } from '../session/migration/succession.js';
import { takeOverGame } from './take-over-game.js';

/** Everything `createClient` takes but the transport, where the broker is, and the lobby code. */
export interface JoinGameOptions<State, Schema extends GameSchema, Messages extends MessageTypes>
  extends Omit<ClientOptions<State, Schema, Messages>, 'transport' | 'reconnect'>,
    Omit<PeerTransportOptions, 'clock'> {
  /** The lobby code the host gave out. */
  readonly code: string;
  /** Come back as the same player when the connection drops (default true). */
  readonly reconnect?: boolean;
  /**
   * Host migration: the host options this player's host runs with if it takes the game over (its
   * rates and seat window come from the old host; its simulation, messages and version from these
   * options); `false` never to take a game over. Default: take over with the defaults, naming
   * this player's own name.
   */
  readonly successor?: SuccessorOptions<State, Schema, Messages> | false;
}

/** The host options of a player that takes a game over (see `JoinGameOptions.successor`). */
export type SuccessorOptions<State, Schema extends GameSchema, Messages extends MessageTypes> = Omit<
  HostOptions<State, Schema, Messages>,
  'simulation' | 'messages' | 'version' | 'transport' | 'clock' | 'takeOver' | 'migrationCredential' | 'hostMigration' | 'hostPlayer'
>;

/**
 * Connects to the lobby's host and starts the client: it says hello, and `joined` (or `refused`)
 * follows. Events are delivered on the client's frames, never before this resolves, so listeners
 * added right after it miss nothing. Rejects with a `NetError` when the code names no lobby or no
 * link can be opened.
 */
export async function joinGame<State, Schema extends GameSchema, Messages extends MessageTypes = NoMessages>(
  options: JoinGameOptions<State, Schema, Messages>,
): Promise<Client<State, Schema, Messages>> {
  const { reconnect = true, successor = {}, ...rest } = options;
  // The client's clock (when it has one) drives the link's timers too.
  let hostId: string | undefined;
  /** The host a migration left: until the broker has seen it go, the code may still lead to it. */
  let goneHostId: string | undefined;
  const open = async (): Promise<ClientTransport> => {
    const resolved = await resolveLobby(rest.brokerUrl, rest.code);
    if (resolved === goneHostId) throw new NetError('host_gone', `the host of lobby "${rest.code}" is gone, and nobody has taken the game over yet`);
    const transport = await connectPeerClient({ ...rest, hostId: resolved });
    hostId = resolved;
    return transport;
  };
  const succession = (handed: Succession<State>) =>
    takeOverGame<State, Schema, Messages>(
      {
        ...rest,
        host: {
          ...(successor === false ? {} : successor),
          simulation: options.simulation,
          ...(options.messages === undefined ? {} : { messages: options.messages }),
          ...(options.version === undefined ? {} : { version: options.version }),
        },
      },
      handed,
    );
  const client = createClient({
    ...rest,
    transport: await open(),
    ...(reconnect ? { reconnect: open } : {}),
    ...(successor === false ? {} : { succession }),
  });
  // Only a host that said it was leaving is gone for sure; one whose link failed may be there still.
  client.on('hostMigrating', ({ reason }) => {
    goneHostId = reason.code === 'closed' ? hostId : undefined;
  });
  client.start();
  const forget = closeOnPageExit(() => client.close());
  client.on('disconnected', forget);
  return client;
}
