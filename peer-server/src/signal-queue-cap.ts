/**
 * A bound on the signaling messages the `peer` package holds for peer ids that are not connected.
 * PeerServer queues an offer or ICE candidate for an absent id (it may be about to connect, or to
 * reconnect after a broker restart) and forgets the queue `expire_timeout` after it began, checking
 * every `cleanup_out_msgs`; it has no size limit of its own. This mirrors its queues by count: a
 * queue's count ends when its peer connects or when PeerServer has certainly dropped it.
 */

interface Held {
  count: number;
  readonly since: number;
}

export interface SignalQueueCapOptions {
  readonly perPeer: number;
  readonly total: number;
  /** How long after its first message a queue is certainly gone, in ms. */
  readonly forgetAfterMs: number;
  /** Milliseconds on a monotonic timeline; injectable for tests. */
  readonly now?: () => number;
}

/** Counts held messages per absent peer id and says when one more would go over the cap. */
export class SignalQueueCap {
  readonly #held = new Map<string, Held>();
  readonly #options: SignalQueueCapOptions;
  readonly #now: () => number;
  #total = 0;

  constructor(options: SignalQueueCapOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => performance.now());
  }

  /** Messages held now, over all absent peers. */
  get total(): number {
    this.#expire();
    return this.#total;
  }

  /** Whether one more message for absent `peerId` may be held; counts it when it may. */
  admit(peerId: string): boolean {
    this.#expire();
    const held = this.#held.get(peerId);
    if ((held?.count ?? 0) >= this.#options.perPeer || this.#total >= this.#options.total) return false;
    if (held) held.count += 1;
    else this.#held.set(peerId, { count: 1, since: this.#now() });
    this.#total += 1;
    return true;
  }

  /** `peerId` connected: PeerServer delivered (and emptied) its queue. */
  release(peerId: string): void {
    const held = this.#held.get(peerId);
    if (!held) return;
    this.#held.delete(peerId);
    this.#total -= held.count;
  }

  #expire(): void {
    const cutoff = this.#now() - this.#options.forgetAfterMs;
    // Insertion order is the order queues began in, so the oldest come first.
    for (const [peerId, held] of this.#held) {
      if (held.since > cutoff) break;
      this.release(peerId);
    }
  }
}
