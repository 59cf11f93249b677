/**
 * Filling one snapshot up to a byte budget. Items come in ranks: what must go (removals, the
 * player's own entity, and what the client may already hold from a snapshot it has not
 * acknowledged: see `client-stream.ts`) is always taken, first, even past the budget: the encoded
 * snapshot is measured afterwards and trimmed from the end. Then the updates that wait, by
 * accumulated priority, highest first. A waiting item that does not fit is passed over for smaller
 * ones after it, except the first: the update that has waited longest is never passed over by one
 * that waited less, so the space freed as acks come in goes to it, and every entity is sent within
 * a bounded number of snapshots.
 */

/** The ranks of {@link BudgetItem}s, first to last. */
export const Rank = {
  /** An entity to remove from the client: a few bytes. */
  removal: 0,
  /** The player's own entity, which its client predicts. */
  own: 1,
  /** What the client may already hold from a snapshot it has not acknowledged, sent again as it was. */
  inFlight: 2,
  /** Every other update, by accumulated priority. */
  waiting: 3,
} as const;

/** One entity's update (or removal) competing for the budget. */
export interface BudgetItem {
  readonly id: number;
  /** About the bytes the item takes (a fraction of a byte is kept: records are bit-packed). */
  readonly bytes: number;
  /** Lower goes first (see {@link Rank}). */
  readonly rank: number;
  /** Accumulated priority: higher first within a rank. */
  readonly priority: number;
}

function byRankThenPriority(a: BudgetItem, b: BudgetItem): number {
  return a.rank - b.rank || b.priority - a.priority || a.id - b.id;
}

/**
 * Every item that must go, then the waiting items that fit in what is left of `budget` bytes
 * less `reserve`, in the order they were taken. Sorts `items`.
 */
export function fillBudget(items: BudgetItem[], budget: number, reserve = 0): BudgetItem[] {
  items.sort(byRankThenPriority);
  const chosen: BudgetItem[] = [];
  let left = budget;
  let firstWaiting = true;
  for (const item of items) {
    const waiting = item.rank === Rank.waiting;
    if (!waiting || item.bytes <= left - reserve) {
      chosen.push(item);
      left -= item.bytes;
    } else if (waiting && firstWaiting) {
      break;
    }
    if (waiting) firstWaiting = false;
  }
  return chosen;
}
