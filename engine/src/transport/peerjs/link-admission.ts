/**
 * Which offers a host takes: links are capped (all of them, and those still opening, so strangers
 * cannot hold every slot a joiner needs), a peer already in gets no second link, and a sender whose
 * signaling was refused too often is barred. Refusals are remembered for a bounded number of
 * senders; a barred stranger forgotten that way must still get a fresh id from the broker first.
 */

/** Links still opening at once; past it offers are refused until one opens or times out. */
export const MAX_OPENING_LINKS = 16;
/** Signaling messages refused from one sender before everything from it is. */
export const MAX_SIGNAL_REFUSALS = 10;
/** Senders whose refusals are remembered; past it the oldest is forgotten. */
const REMEMBERED_SENDERS = 1024;

/** The host's links as an offer finds them. */
export interface HeldLinks {
  /** Links held, joined or opening. */
  readonly total: number;
  /** Links not ready yet. */
  readonly opening: number;
  /** The sender's own link, if it has one. */
  readonly sender: 'none' | 'opening' | 'ready';
}

export class LinkAdmission {
  private readonly refusals = new Map<string, number>();

  constructor(private readonly maxLinks: number) {}

  /** Whether to take an offer from `src`; a link still opening may be replaced by its own peer's retry. */
  admits(src: string, held: HeldLinks): boolean {
    if (this.barred(src) || held.sender === 'ready') return false;
    return held.sender === 'opening' || (held.total < this.maxLinks && held.opening < MAX_OPENING_LINKS);
  }

  barred(src: string): boolean {
    return (this.refusals.get(src) ?? 0) > MAX_SIGNAL_REFUSALS;
  }

  /** Counts a refused message from `src`; true exactly when this one bars it. */
  refuse(src: string): boolean {
    const count = (this.refusals.get(src) ?? 0) + 1;
    // Newest last, so that the first key is the sender heard from longest ago.
    this.refusals.delete(src);
    this.refusals.set(src, count);
    if (this.refusals.size > REMEMBERED_SENDERS) {
      for (const oldest of this.refusals.keys()) {
        this.refusals.delete(oldest);
        break;
      }
    }
    return count === MAX_SIGNAL_REFUSALS + 1;
  }
}
