/**
 * How fast each connection may send, per channel. Every message over its channel's rate is refused
 * and counts as a strike (connections.ts), so a flood costs its sender the link.
 */
import type { ChannelName } from '../../transport/channels.js';

/** How many messages per second a peer may send on a channel, and how many at once. */
export interface RateLimit {
  readonly perSecond: number;
  readonly burst: number;
}

/**
 * Defaults: an honest client sends one input message per frame (up to about 125 a second) and a
 * handful of control messages; these leave room for game messages on top.
 */
export const DEFAULT_RATE_LIMITS: Readonly<Record<ChannelName, RateLimit>> = {
  control: { perSecond: 100, burst: 200 },
  state: { perSecond: 300, burst: 300 },
};
