/**
 * Collects the timers that code started while it ran inside `run()`, and the timers those timers'
 * callbacks start in turn, so that all of them can be cleared later.
 *
 * Why it exists: when the `peer` package's PeerServer is mounted it starts two self-rescheduling
 * `setTimeout` loops (message expiry every `cleanup_out_msgs` ms, and the broken-connection check
 * every 300 ms) and offers no way to stop them. Without this, a process that ever started a broker
 * could not exit on its own, and every closed test broker would keep ticking.
 *
 * How: for the synchronous duration of `run()` (and of each collected timer's callback) the global
 * `setTimeout` is swapped for one that records the timer; it is put back in a `finally`, so code
 * outside those moments never sees the swap. Timers are held through WeakRefs: a pending timer is
 * kept alive by Node's timer list anyway, while one its owner cleared (say, a WebSocket's close
 * timeout started during a connection check) must not be kept, with what it refers to, until close.
 */
import { clearTimeout, setTimeout as nodeSetTimeout } from 'node:timers';

type TimerCallback = (...args: unknown[]) => void;

/** The timers started by code run inside it; see the file comment for why. */
export class TimerScope {
  readonly #timers = new Set<WeakRef<NodeJS.Timeout>>();

  /** Timers started inside the scope that have not fired and are still referenced. */
  get pendingCount(): number {
    this.#prune();
    return this.#timers.size;
  }

  /** Runs `fn`, recording every `setTimeout` it (or a recorded timer's callback) makes. */
  run<T>(fn: () => T): T {
    const original: unknown = Reflect.get(globalThis, 'setTimeout');
    const collect = (callback: TimerCallback, delay?: number, ...args: unknown[]): NodeJS.Timeout => {
      const timer = nodeSetTimeout(() => {
        this.#timers.delete(ref);
        // A loop reschedules from inside its callback; running that inside the scope keeps the
        // next timer collected too.
        this.run(() => callback(...args));
      }, delay);
      const ref = new WeakRef(timer);
      this.#prune();
      this.#timers.add(ref);
      return timer;
    };
    Reflect.set(globalThis, 'setTimeout', collect);
    try {
      return fn();
    } finally {
      Reflect.set(globalThis, 'setTimeout', original);
    }
  }

  /** Clears every pending timer, which ends the loops they belonged to. */
  clear(): void {
    for (const ref of this.#timers) clearTimeout(ref.deref());
    this.#timers.clear();
  }

  #prune(): void {
    for (const ref of this.#timers) if (ref.deref() === undefined) this.#timers.delete(ref);
  }
}
