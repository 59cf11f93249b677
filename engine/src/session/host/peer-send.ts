/** Sending to one peer through the host's transport, which every host piece that sends is given. */
import type { Message } from '../../protocol/messages.js';
import type { ChannelName } from '../../transport/channels.js';
import { sendMessage } from '../send-message.js';

/** The host transport's `send`: bytes to one peer on a channel; false when they could not go. */
export type PeerSend = (peerId: string, channel: ChannelName, data: Uint8Array) => boolean;

/** Encodes and sends one protocol message to `peerId`. */
export function sendTo(send: PeerSend, peerId: string, channel: ChannelName, message: Message): boolean {
  return sendMessage((c, data) => send(peerId, c, data), channel, message);
}
