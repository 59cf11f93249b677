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
  /**
   * For a log carried over from another host (host migration): how many messages were sent before
   * this host took over, none of them kept. The receiver's count, whatever it is, is then taken as
   * the truth (`rebase`): what the old host sent and it never got went with the old host.
   */
  private inherited: number | undefined;
  /** The newest messages; `kept[i]` is message number `count - kept.length + 1 + i`. */
  private kept: Uint8Array[] = [];
  private keptBytes = 0;

  /** Messages recorded so far. */
  get sent(): number {
    return this.count;
  }

  /** A log that continues one of `count` messages kept by another host. */
  static inherited(count: number): ReliableLog {
    const log = new ReliableLog();
    log.count = count;
    log.inherited = count;
    return log;
  }

  /**
   * Makes an inherited log agree with a receiver that got `received` of the messages sent before
   * the takeover: the messages recorded since follow on from there. Does nothing to any other log.
   */
  rebase(received: number): void {
    if (this.inherited === undefined || !Number.isInteger(received) || received < 0) return;
    this.count = received + (this.count - this.inherited);
    this.inherited = undefined;
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
  /**
   * On the host: reliable messages from the player that the game has been handed (the others are
   * still queued for the next tick). A host that takes the game over goes on from this count.
   */
  seen: number;

  constructor(
    readonly sent = new ReliableLog(),
    public received = 0,
  ) {
    this.seen = received;
  }
}
