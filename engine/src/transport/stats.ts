import type { ChannelName } from './channels.js';

/** Traffic counters of one channel of one peer link. */
export interface ChannelStats {
  /** Whether the channel delivers in order, read from the open channel. */
  readonly ordered: boolean;
  /** Retransmissions allowed per message; `null` means reliable (unlimited). */
  readonly maxRetransmits: number | null;
  readonly bytesOut: number;
  readonly bytesIn: number;
  readonly messagesOut: number;
  readonly messagesIn: number;
  /** Messages that were not sent: the channel was closed or backed up. */
  readonly dropsOut: number;
  /** Messages that arrived but were refused: too large, or not binary. */
  readonly dropsIn: number;
  /** Bytes queued in the channel and not yet handed to the network. */
  readonly bufferedAmount: number;
}

/** What a transport knows about one peer link. */
export interface PeerStats {
  /** Smoothed round-trip time in ms, or `undefined` before the first sample. */
  readonly rttMs: number | undefined;
  readonly channels: Readonly<Record<ChannelName, ChannelStats>>;
  /**
   * Messages from the other side refused below the game's protocol: housekeeping that was malformed
   * or over its rate, and data too large or not binary. Past a limit the link is cut.
   */
  readonly refused: number;
}

/** Mutable counters behind {@link ChannelStats}; transports update these and expose snapshots. */
export class ChannelCounters {
  bytesOut = 0;
  bytesIn = 0;
  messagesOut = 0;
  messagesIn = 0;
  dropsOut = 0;
  dropsIn = 0;

  countOut(bytes: number): void {
    this.bytesOut += bytes;
    this.messagesOut++;
  }

  countIn(bytes: number): void {
    this.bytesIn += bytes;
    this.messagesIn++;
  }

  snapshot(ordered: boolean, maxRetransmits: number | null, bufferedAmount: number): ChannelStats {
    return {
      ordered,
      maxRetransmits,
      bufferedAmount,
      bytesOut: this.bytesOut,
      bytesIn: this.bytesIn,
      messagesOut: this.messagesOut,
      messagesIn: this.messagesIn,
      dropsOut: this.dropsOut,
      dropsIn: this.dropsIn,
    };
  }
}

/**
 * Round-trip time smoothed as TCP does (RFC 6298): a slow sample moves the estimate by an eighth,
 * so one late pong does not swing it.
 */
export class RttEstimator {
  private smoothed: number | undefined;

  add(sampleMs: number): void {
    if (!Number.isFinite(sampleMs) || sampleMs < 0) return;
    this.smoothed = this.smoothed === undefined ? sampleMs : this.smoothed + (sampleMs - this.smoothed) / 8;
  }

  get value(): number | undefined {
    return this.smoothed;
  }
}
