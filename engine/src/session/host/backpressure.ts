/**
 * Backpressure on the host's sending side. A snapshot that would queue behind others in a peer's
 * `state` channel is already stale when it leaves, so while the channel holds more than a small
 * amount, unreliable sends to that peer are skipped (the next snapshot deltas against whatever the
 * peer acknowledged, so nothing is lost). Reliable messages cannot be skipped: a peer whose
 * `control` backlog stays over its high-water mark for a while cannot keep up, and is disconnected
 * with a reason long before the browser's own queue limit would close the channel on its own.
 */
import type { PeerStats } from '../../transport/stats.js';

/** When the host skips unreliable sends to a slow client, and when it drops one that cannot keep up with reliable ones. */
export interface BackpressureLimits {
  /** Unreliable sends are skipped while the `state` channel holds more than this (bytes). */
  readonly stateBufferedBytes: number;
  /** A `control` backlog over this (bytes)... */
  readonly controlHighWaterBytes: number;
  /** ...for this long (ms) disconnects the peer. */
  readonly controlHighWaterMs: number;
}

export const DEFAULT_BACKPRESSURE: BackpressureLimits = {
  stateBufferedBytes: 16 * 1024,
  controlHighWaterBytes: 1024 * 1024,
  controlHighWaterMs: 5000,
};

/** True when unreliable sends to this peer should be skipped now. */
export function stateCongested(stats: PeerStats | undefined, limits: BackpressureLimits): boolean {
  return stats !== undefined && stats.channels.state.bufferedAmount > limits.stateBufferedBytes;
}

/** Tracks how long one peer's reliable backlog has stayed over the high-water mark. */
export class BacklogWatch {
  private overSince: number | undefined;

  /** True when the backlog has been over the mark for longer than allowed. */
  overloaded(stats: PeerStats | undefined, nowMs: number, limits: BackpressureLimits): boolean {
    if (stats === undefined || stats.channels.control.bufferedAmount <= limits.controlHighWaterBytes) {
      this.overSince = undefined;
      return false;
    }
    this.overSince ??= nowMs;
    return nowMs - this.overSince > limits.controlHighWaterMs;
  }
}
