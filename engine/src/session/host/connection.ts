/**
 * One link to the host, from the transport's `peerJoined` until its `peerLeft` is read: what the
 * host keeps about it whether or not it was let in. Once the handshake lets it in, it holds its seat.
 */
import { TokenBucket } from '../../core/token-bucket.js';
import type { ChannelName } from '../../transport/channels.js';
import { BacklogWatch } from './backpressure.js';
import type { RateLimit } from './rate-limits.js';
import type { Seat } from './seat.js';

export class Connection {
  /** The player this connection plays, once the handshake let it in. */
  seat: Seat | undefined;
  /** Messages from this peer that failed validation. */
  invalidMessages = 0;
  /** When the host last heard from this peer (clock ms). */
  lastHeardAt: number;
  /** When the connection arrived (clock ms): the handshake's deadline counts from here. */
  readonly connectedAt: number;
  /** Why the host is disconnecting this peer, once it decided to (told to the other players). */
  dropReason: string | undefined;
  /** Messages refused (over the rate limit, invalid, or not allowed yet), each counting towards a disconnect. */
  strikes = 0;
  /** Per-channel rate limits on what this peer sends. */
  readonly buckets: Readonly<Record<ChannelName, TokenBucket>>;
  /** How long the host's reliable backlog to this peer has been too long. */
  readonly backlog = new BacklogWatch();

  constructor(
    readonly peerId: string,
    now: number,
    limits: Readonly<Record<ChannelName, RateLimit>>,
  ) {
    this.lastHeardAt = now;
    this.connectedAt = now;
    this.buckets = {
      control: new TokenBucket(limits.control.perSecond, limits.control.burst, now),
      state: new TokenBucket(limits.state.perSecond, limits.state.burst, now),
    };
  }
}
