/**
 * How the clients' inputs fared on the host, from each player's input buffer. Late inputs are the
 * main cause of prediction corrections: the client predicted with its input, the host, which had
 * already simulated that tick, used the previous one instead. Missing counts every tick that
 * happened to (a late input, or a lost one the redundant copies did not cover).
 */
import type { InputBufferStats } from '../../netcode/input-buffer.js';
import type { PlayerId } from '../simulation.js';
import type { Seat } from './seat.js';

/** Inputs of one player, or of all of them. */
export interface InputCounts {
  /** Inputs that arrived after the host had simulated their tick, and were dropped. */
  readonly late: number;
  /** Ticks simulated without the player's own input: its previous input stood in. */
  readonly missing: number;
  /** Inputs that arrived again for a tick already held: normal, each is sent several times over. */
  readonly duplicate: number;
}

/** One connected player's input counts. */
export interface PlayerInputCounts extends InputCounts {
  readonly playerId: PlayerId;
}

export const NO_INPUT_COUNTS: InputCounts = { late: 0, missing: 0, duplicate: 0 };

/** The counts an input buffer kept. */
export function inputCountsOf(stats: Readonly<InputBufferStats>): InputCounts {
  return { late: stats.late, missing: stats.missing, duplicate: stats.duplicates };
}

export function addInputCounts(a: InputCounts, b: InputCounts): InputCounts {
  return { late: a.late + b.late, missing: a.missing + b.missing, duplicate: a.duplicate + b.duplicate };
}

/** The input figures of `HostStats`, from the totals and the per-player counts. */
export function inputStats({ total, byPlayer }: { total: InputCounts; byPlayer: readonly PlayerInputCounts[] }) {
  return { lateInputs: total.late, missingInputs: total.missing, duplicateInputs: total.duplicate, inputsByPlayer: byPlayer };
}

/** The counts of seats whose connection ended, kept so that a player's inputs count after it has gone, as its bytes do. */
export class InputTally {
  private departed = NO_INPUT_COUNTS;

  /** Keeps the counts of a seat whose connection ended. */
  depart(seat: Seat): void {
    this.departed = addInputCounts(this.departed, inputCountsOf(seat.inputs.stats));
  }

  /** Inputs counted since the host started, over every player (`total`), and for each of `seats`. */
  counts(seats: readonly Seat[]): { total: InputCounts; byPlayer: PlayerInputCounts[] } {
    let total = this.departed;
    const byPlayer: PlayerInputCounts[] = [];
    for (const seat of seats) {
      const counts = inputCountsOf(seat.inputs.stats);
      total = addInputCounts(total, counts);
      byPlayer.push({ playerId: seat.playerId, ...counts });
    }
    return { total, byPlayer };
  }
}
