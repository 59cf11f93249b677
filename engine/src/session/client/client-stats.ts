/** What `client.stats()` reports. */
import type { PlayerId } from '../simulation.js';

/** A client's figures, from `client.stats()`: clock, snapshots, corrections, refusals. */
export interface ClientStats {
  readonly playerId: PlayerId | undefined;
  /** As in `view()`: -1 (`NO_TICK`) until known. */
  readonly tick: number;
  /** As in `view()`: -1 (`NO_TICK`) until known. */
  readonly renderTick: number;
  readonly rttMs: number;
  readonly jitterMs: number;
  readonly leadMs: number;
  readonly interpolationDelayMs: number;
  readonly snapshotsApplied: number;
  readonly lastSnapshotBytes: number;
  readonly corrections: number;
  readonly lastCorrectionSize: number;
  /**
   * Frames (one every `frameMs`, whether or not the game drew) whose render tick was past the
   * newest snapshot, so remote entities were extrapolated or held.
   */
  readonly interpolationDry: number;
  /**
   * Messages from the host that failed validation or could not be applied. A snapshot part that is
   * merely late or a duplicate is not counted: the network does that, not the host.
   */
  readonly invalidMessages: number;
  /**
   * Host migration: the tick of the newest checkpoint of the game this client holds as one of the
   * first heirs, or -1 (`NO_TICK`) when it holds none.
   */
  readonly checkpointTick: number;
  /**
   * Reliable game messages to the host that a reconnection could not replay (more were sent while
   * the link was down than the client keeps: 256 messages or 256 KiB).
   */
  readonly unreplayedMessages: number;
  /**
   * Values in the inputs given to `setInput` and in the entities of the client's own predictions
   * that had to be changed to be sent (NaN, out of range, an unknown enum value, a missing field);
   * see the `validate` option.
   */
  readonly valueProblems: number;
}
