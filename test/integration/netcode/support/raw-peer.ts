/**
 * A link to a host with no tickwire client on it: what a stranger with the lobby code has. It sends
 * whatever messages a test hands it and keeps what the host sends back, decoded, and how the link
 * ended, so tests can hold the host to what it does with hostile or broken peers.
 */
import type { ManualClock } from '../../../../engine/src/core/clock.js';
import { writeMessage } from '../../../../engine/src/protocol/encode-message.js';
import type { Message, WelcomeMessage } from '../../../../engine/src/protocol/messages.js';
import { readMessage } from '../../../../engine/src/protocol/parse-message.js';
import type { ChannelName } from '../../../../engine/src/transport/channels.js';
import type { LoopbackNetwork } from '../../../../engine/src/transport/loopback/loopback-network.js';
import type { ClientTransport } from '../../../../engine/src/transport/transport.js';
import { movingSquare } from '../../../../engine/examples/moving-square.js';
import { helloMessage, type HelloOptions } from '../../../support/hello.js';

export interface RawPeer {
  readonly link: ClientTransport;
  /** What the host sent, in order of arrival. */
  readonly received: Message[];
  /** How the link ended (`code: message`) and when (clock ms); undefined while it is open. */
  readonly ended: { readonly at: number; readonly reason: string } | undefined;
  /** Sends a message as it is, valid or not for this point of the handshake. */
  send(channel: ChannelName, message: Message): boolean;
  /** Sends a `hello` of the current protocol. */
  hello(name: string, resumeToken?: string): boolean;
  /** The welcome the host sent, if it did. */
  welcome(): WelcomeMessage | undefined;
}

/** `game` says what the peer's hellos declare (by default the moving square with no message types). */
export function rawPeer(network: LoopbackNetwork, clock: ManualClock, peerId: string, game: HelloOptions = {}): RawPeer {
  const link = network.connect('host', { peerId });
  const received: Message[] = [];
  let ended: RawPeer['ended'];
  link.on('message', ({ data }) => {
    const parsed = readMessage(data, 64 * 1024, { schema: movingSquare.schema });
    if (!parsed.ok) throw new Error(`the host sent ${peerId} a message that does not parse: ${parsed.reason}`);
    received.push(parsed.value);
  });
  link.on('closed', ({ code, message }) => {
    ended = { at: clock.now(), reason: `${code}: ${message}` };
  });
  const send = (channel: ChannelName, message: Message): boolean => link.send(channel, writeMessage(message));
  return {
    link,
    received,
    get ended() {
      return ended;
    },
    send,
    hello: (name, resumeToken = '') => send('control', helloMessage(name, { ...game, resumeToken })),
    welcome: () => received.find((m): m is WelcomeMessage => m.kind === 'welcome'),
  };
}
