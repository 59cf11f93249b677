/**
 * Network events wait here until the next tick boundary. Socket callbacks only enqueue; the
 * session drains the queue inside its own step, so no callback ever touches simulation state in
 * the middle of a tick. The queue is bounded: past `limit`, new events are dropped and counted.
 */
export class EventQueue<T> {
  private items: T[] = [];
  private droppedCount = 0;

  constructor(private readonly limit = 10_000) {}

  push(item: T): void {
    if (this.items.length >= this.limit) {
      this.droppedCount++;
      return;
    }
    this.items.push(item);
  }

  /** Hands every queued event to `handle`, in arrival order, including ones queued meanwhile. */
  drain(handle: (item: T) => void): void {
    while (this.items.length > 0) {
      const batch = this.items;
      this.items = [];
      for (const item of batch) handle(item);
    }
  }

  get dropped(): number {
    return this.droppedCount;
  }
}
