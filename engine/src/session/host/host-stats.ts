/** What `host.stats()` reports. */
import type { PlayerInputCounts } from './input-counts.js';

/** A host's figures, from `host.stats()`: ticks, snapshots, refusals and inputs. */
export interface HostStats {
  readonly tick: number;
  readonly players: number;
  /** Bytes of the last snapshot sent to each client, summed. */
  readonly lastSnapshotBytes: number;
  readonly snapshotsSent: number;
  /** Snapshots not sent because the client's `state` channel was backed up. */
  readonly snapshotsSkipped: number;
  /** Ticks the host did not simulate because it fell too far behind (a stalled or throttled timer) and skipped ahead. */
  readonly ticksSkipped: number;
  /** Messages from peers that failed validation. */
  readonly invalidMessages: number;
  /** Network events dropped because the queue was full. */
  readonly droppedEvents: number;
  /** Messages refused because their sender was over its rate limit. */
  readonly rateLimitedMessages: number;
  /** Connections refused and cut because they were not let in within `handshakeTimeoutMs`. */
  readonly handshakeTimeouts: number;
  /** Client inputs that arrived after their tick was simulated (dropped): the main cause of corrections. */
  readonly lateInputs: number;
  /** Ticks simulated without a client's own input (late or lost): its previous input stood in. */
  readonly missingInputs: number;
  /** Client inputs received again for a tick already held: normal, inputs are sent several times over. */
  readonly duplicateInputs: number;
  /** The same three counts for each connected client, by player id. */
  readonly inputsByPlayer: readonly PlayerInputCounts[];
  /**
   * Values in the game's entities and in the host's own inputs that had to be changed to be sent (NaN,
   * out of range, an unknown enum value, a missing field); see the `validate` option.
   */
  readonly valueProblems: number;
}
