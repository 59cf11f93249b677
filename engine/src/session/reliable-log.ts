/**
 * The reliable game messages of one seat in one direction, counted from the seat's first, with the
 * newest kept as encoded bytes. The `control` channel delivers in order, so after a failed
 * connection the receiver's count says exactly which messages arrived; the sender replays the rest
 * on the new connection, and nothing is lost or delivered twice. What is kept is bounded in
 * messages and bytes; a gap larger than that cannot be replayed.
 */

/** The most messages, and bytes, kept for replay per seat and direction. */
export const REPLAY_LIMIT = { messages: 256, bytes: 256 * 1024 } as const;

export class ReliableLog {
  private count = 0;
  /** The newest messages; `kept[i]` is message number `count - kept.length + 1 + i`. */
  private kept: Uint8Array[] = [];
  private keptBytes = 0;

  /** Messages recorded so far. */
  get sent(): number {
    return this.count;
  }

  record(bytes: Uint8Array): void {
    this.count++;
    this.kept.push(bytes);
    this.keptBytes += bytes.byteLength;
    while (this.kept.length > REPLAY_LIMIT.messages || (this.keptBytes > REPLAY_LIMIT.bytes && this.kept.length > 1)) {
      this.keptBytes -= this.kept.shift()!.byteLength;
    }
  }

  /**
   * The messages after the first `received`, to send again; undefined when some of them are no
   * longer kept, or `received` is more than was ever sent.
   */
  after(received: number): readonly Uint8Array[] | undefined {
    if (!Number.isInteger(received) || received < 0 || received > this.count) return undefined;
    const missing = this.count - received;
    if (missing > this.kept.length) return undefined;
    return this.kept.slice(this.kept.length - missing);
  }
}

/** One seat's reliable game messages, seen from one side: what it sent (kept for replay) and how many it received. */
export class SeatMessages {
  readonly sent = new ReliableLog();
  received = 0;
}
