import { NetError } from '../core/net-error.js';
import { MAX_MESSAGE_BYTES, type ChannelName } from './channels.js';

/** Refuses, before anything reaches the network, a message larger than its channel takes. */
export function assertSendable(channel: ChannelName, data: Uint8Array): void {
  const limit = MAX_MESSAGE_BYTES[channel];
  if (data.byteLength > limit) {
    throw new NetError(
      'message_too_large',
      `a ${channel} message is at most ${limit} bytes; this one is ${data.byteLength} bytes`,
    );
  }
}
