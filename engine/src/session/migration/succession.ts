/**
 * What a client hands over when it is the heir whose turn it is to host (host migration): where the
 * game was, the broker's credential for the lobby, and the old host's rates, so that the new host
 * runs the game as it ran. Whoever builds the client turns it into a running host (`joinGame` does
 * it over the broker; see `ClientOptions.succession`).
 */
import type { SnapshotReliability } from '../options.js';
import type { CheckpointListing } from './checkpoint.js';
import type { TakeOver } from './take-over.js';

/** What `ClientOptions.succession` is handed to make the new host from. */
export interface Succession<State> {
  readonly takeOver: TakeOver<State>;
  /**
   * The host said it was leaving (else its link failed or it went silent, and it may yet be alive):
   * a broker that still sees it is worth asking again for a moment.
   */
  readonly hostLeft: boolean;
  /** What the broker asks of the host that takes the lobby over (empty without a broker). */
  readonly credential: string;
  readonly tickRate: number;
  readonly snapshotRate: number;
  readonly snapshotReliability: SnapshotReliability;
  /** How long the old host kept a failed player's seat, in ms: the new host keeps them as long. */
  readonly reconnectWindowMs: number;
  /** The name and game mode the lobby was on the broker's public list under; undefined when it was not listed. */
  readonly listing: CheckpointListing | undefined;
}
