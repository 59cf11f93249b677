/**
 * Time, injected. Netcode never reads `Date.now()` or starts a timer on its own: it asks a `Clock`.
 * The system clock drives real games; the manual clock drives tests, which then run many simulated
 * seconds in milliseconds and never sleep.
 */

/** Cancels a timer started with {@link Clock.setTimer}; calling it twice is harmless. */
export type CancelTimer = () => void;

/** Time and timers, injected everywhere time matters: the system's, a Worker's, or a manual one in tests. */
export interface Clock {
  /** Milliseconds on a monotonic timeline (the origin is arbitrary). */
  now(): number;
  /** Calls `fn` once, `delayMs` from now. */
  setTimer(delayMs: number, fn: () => void): CancelTimer;
}

/** The real clock: `performance.now()` and `setTimeout`. */
export const systemClock: Clock = {
  now: () => performance.now(),
  setTimer(delayMs, fn) {
    const handle = setTimeout(fn, Math.max(0, delayMs));
    return () => clearTimeout(handle);
  },
};

interface PendingTimer {
  readonly at: number;
  readonly order: number;
  readonly fn: () => void;
  cancelled: boolean;
}

/**
 * A clock that moves only when told to. Timers fire in time order (ties in the order they were
 * set) while `advance` walks the clock forward, so a test is deterministic to the microsecond.
 */
export class ManualClock implements Clock {
  private time: number;
  private order = 0;
  private timers: PendingTimer[] = [];

  constructor(startMs = 0) {
    this.time = startMs;
  }

  now(): number {
    return this.time;
  }

  setTimer(delayMs: number, fn: () => void): CancelTimer {
    const timer: PendingTimer = { at: this.time + Math.max(0, delayMs), order: this.order++, fn, cancelled: false };
    this.timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  }

  /** Moves the clock forward by `ms`, firing every timer that falls due on the way. */
  advance(ms: number): void {
    if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError(`advance() takes a finite ms >= 0, got ${ms}`);
    const target = this.time + ms;
    for (let next = this.popDue(target); next; next = this.popDue(target)) {
      this.time = next.at;
      next.fn();
    }
    this.time = target;
  }

  /** Timers that have not fired and were not cancelled. */
  pendingTimers(): number {
    return this.timers.filter((t) => !t.cancelled).length;
  }

  private popDue(target: number): PendingTimer | undefined {
    let best = -1;
    for (let i = 0; i < this.timers.length; i++) {
      const t = this.timers[i]!;
      if (t.cancelled || t.at > target) continue;
      const b = this.timers[best];
      if (!b || t.at < b.at || (t.at === b.at && t.order < b.order)) best = i;
    }
    if (best < 0) {
      this.timers = this.timers.filter((t) => !t.cancelled);
      return undefined;
    }
    return this.timers.splice(best, 1)[0];
  }
}
