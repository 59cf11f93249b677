/**
 * Who hosts the game if the host goes, in order: the clients with the best link first (round trip
 * in steps of `RTT_STEP_MS`, so that jitter does not reshuffle the order every second), and among
 * equals the one connected longest. A client whose round trip is not known yet comes last.
 */
import type { PlayerId } from '../simulation.js';

/** Round trips within one step count as equal. */
export const RTT_STEP_MS = 50;

export interface HeirCandidate {
  readonly playerId: PlayerId;
  /** The link's round trip, when the transport knows it. */
  readonly rttMs: number | undefined;
  /** When the player's seat was first given on this host (clock ms). */
  readonly since: number;
}

/** The candidates' ids, the successor first. */
export function rankHeirs(candidates: readonly HeirCandidate[]): PlayerId[] {
  const step = (c: HeirCandidate) => (c.rttMs === undefined ? Number.POSITIVE_INFINITY : Math.floor(c.rttMs / RTT_STEP_MS));
  return [...candidates].sort((a, b) => step(a) - step(b) || a.since - b.since || a.playerId - b.playerId).map((c) => c.playerId);
}
