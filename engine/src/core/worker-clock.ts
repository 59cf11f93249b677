/**
 * A browser clock that keeps time in a hidden tab. Browsers throttle a hidden page's timers (to
 * about one wake-up a second, and after some minutes hidden to one a minute), which would stall a
 * host's tick and its heartbeats and time its players out. A dedicated Worker's timers are not
 * throttled that way, so this clock asks one to wake it.
 *
 * The Worker only says "now": the queue of timers, their order and their callbacks stay on the
 * page's thread, and `now()` is the page's `performance.now()`. The port is asked to wake the clock
 * at the earliest pending timer; a wake runs every timer due by then, in time order (ties in the
 * order they were set), and asks again for the next. A timer set by a callback runs at a later
 * wake, as with `setTimeout`. Where no Worker can run (Node, a Content-Security-Policy that refuses
 * `blob:` workers) or once the Worker fails or the clock is disposed, timers run on the fallback
 * clock (the system clock unless told otherwise) and `source` says so.
 */
import { systemClock, type CancelTimer, type Clock } from './clock.js';
import { blobWorkerPort, type WakePort, type WakePortFactory } from './timer-worker.js';

/** What drives a clock's timers now: a Worker, or the fallback clock (the page's own timers). */
export type TimerSource = 'worker' | 'fallback';

/** What `workerClock` takes; every option has a default a page can use as is. */
export interface WorkerClockOptions {
  /** Makes what wakes the clock (default: a dedicated Worker from a Blob URL). */
  readonly port?: WakePortFactory;
  /** Milliseconds on a monotonic timeline (default: `performance.now()`). */
  readonly now?: () => number;
  /** Runs the timers when no Worker can (default: the system clock). */
  readonly fallback?: Clock;
}

interface PendingTimer {
  readonly at: number;
  readonly order: number;
  readonly fn: () => void;
  done: boolean;
  /** Set once the timer has moved to the fallback clock. */
  cancelFallback: CancelTimer | undefined;
}

/** A clock whose timers a dedicated Worker wakes, so a hidden tab keeps time (see the file's header). */
export class WorkerClock implements Clock {
  private readonly readNow: () => number;
  private readonly fallback: Clock;
  private port: WakePort | undefined;
  /** Pending timers on the port, sorted by time, then by the order they were set. */
  private queue: PendingTimer[] = [];
  private order = 0;
  /** When the port has been asked to wake the clock, if it has. */
  private wakeAt: number | undefined;
  private reason: string | undefined;

  constructor(options: WorkerClockOptions = {}) {
    this.readNow = options.now ?? (() => performance.now());
    this.fallback = options.fallback ?? systemClock;
    try {
      this.port = (options.port ?? blobWorkerPort)({ wake: () => this.onWake(), fail: (reason) => this.toFallback(reason) });
    } catch (error) {
      this.reason = error instanceof Error ? error.message : String(error);
    }
  }

  /** What drives the timers now. */
  get source(): TimerSource {
    return this.port ? 'worker' : 'fallback';
  }

  /** Why the timers run on the fallback clock, when they do. */
  get fallbackReason(): string | undefined {
    return this.reason;
  }

  now(): number {
    return this.readNow();
  }

  setTimer(delayMs: number, fn: () => void): CancelTimer {
    // Without a Worker, exactly the fallback's timer: two timers set with the same delay keep their order.
    if (!this.port) return this.fallback.setTimer(delayMs, fn);
    const timer: PendingTimer = { at: this.now() + Math.max(0, delayMs), order: this.order++, fn, done: false, cancelFallback: undefined };
    this.enqueue(timer);
    return () => this.cancel(timer);
  }

  /** Stops the Worker; pending timers, and any set later, run on the fallback clock. */
  dispose(): void {
    this.toFallback('the clock was disposed');
  }

  /** Timers waiting for the Worker (not those moved to the fallback clock). */
  pendingTimers(): number {
    return this.queue.length;
  }

  private enqueue(timer: PendingTimer): void {
    let lo = 0;
    let hi = this.queue.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.queue[mid]!.at <= timer.at) lo = mid + 1;
      else hi = mid;
    }
    this.queue.splice(lo, 0, timer);
    this.arm();
  }

  private cancel(timer: PendingTimer): void {
    if (timer.done) return;
    timer.done = true;
    timer.cancelFallback?.();
    const index = this.queue.indexOf(timer);
    if (index >= 0) this.queue.splice(index, 1);
  }

  private onWake(): void {
    this.wakeAt = undefined;
    const now = this.now();
    // Timers set by the callbacks of this wake wait for the next one, as with setTimeout.
    const setBefore = this.order;
    try {
      while (this.port && this.queue[0] && this.queue[0].at <= now && this.queue[0].order < setBefore) {
        const timer = this.queue.shift()!;
        timer.done = true;
        timer.fn();
      }
    } finally {
      // Also after a callback threw: the timers after it still run, at the next wake.
      if (this.port) this.arm();
    }
  }

  /** Asks the port to wake the clock at the earliest timer, unless it will wake by then anyway. */
  private arm(): void {
    const first = this.queue[0];
    if (!first || !this.port || (this.wakeAt !== undefined && this.wakeAt <= first.at)) return;
    this.wakeAt = first.at;
    this.port.wakeIn(Math.max(0, first.at - this.now()));
  }

  private toFallback(reason: string): void {
    const port = this.port;
    if (!port) return;
    this.port = undefined;
    this.reason = reason;
    this.wakeAt = undefined;
    port.close();
    // In order, in whole milliseconds from one reading of the time: timers due together stay in order.
    const now = this.now();
    for (const timer of this.queue) {
      timer.cancelFallback = this.fallback.setTimer(Math.max(0, Math.ceil(timer.at - now)), () => {
        timer.done = true;
        timer.fn();
      });
    }
    this.queue = [];
  }
}

/**
 * A clock for a browser host: timers driven by a dedicated Worker, so the host keeps ticking and
 * its transport keeps its heartbeats in a hidden tab. Where there is no Worker (Node) it runs on the
 * system clock; `source` and `fallbackReason` say which. Call `dispose()` when done with it.
 */
export function workerClock(options: WorkerClockOptions = {}): WorkerClock {
  return new WorkerClock(options);
}
