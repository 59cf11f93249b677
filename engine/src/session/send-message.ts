import { writeMessage } from '../protocol/encode-message.js';
import type { Message } from '../protocol/messages.js';
import type { ChannelName } from '../transport/channels.js';

/** Anything that sends bytes on a channel: a client transport, or a host transport bound to one peer. */
export type ChannelSender = (channel: ChannelName, data: Uint8Array) => boolean;

/** Encodes and sends one protocol message; false when the transport could not send it. */
export function sendMessage(send: ChannelSender, channel: ChannelName, message: Message): boolean {
  return send(channel, writeMessage(message));
}
