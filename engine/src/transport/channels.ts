/**
 * The two channels every peer link has, and what each may carry.
 *
 * - `control`: reliable and ordered. Handshake, join and leave, chat, game events, RPCs.
 * - `state`: unordered with no retransmits. Snapshots from the host, inputs from clients; a lost
 *   message is never resent, the next one supersedes it.
 */
export const CHANNELS = ['control', 'state'] as const;

/** A data channel: `control` (reliable, ordered) or `state` (unordered, no retransmits). */
export type ChannelName = (typeof CHANNELS)[number];

/**
 * The largest message each channel takes, in bytes. A `state` message must fit one SCTP packet
 * (Chrome's dcSCTP leaves 1163 bytes of payload) so that losing a packet loses one message;
 * `control` messages stay well under the browsers' own limits.
 */
export const MAX_MESSAGE_BYTES: Readonly<Record<ChannelName, number>> = {
  control: 64 * 1024,
  state: 1150,
};

/** The SCTP stream ids of the pre-negotiated channels, the same on both sides. */
export const CHANNEL_STREAM_IDS: Readonly<Record<ChannelName, number>> = {
  control: 8,
  state: 9,
};

export function isChannelName(value: unknown): value is ChannelName {
  return value === 'control' || value === 'state';
}
