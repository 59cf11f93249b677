/**
 * The clock every timer of one hosted game runs on. By default a Worker wakes it (the engine's
 * `workerClock()`), so a hidden tab keeps its tick; where there is no Worker (Node, or a page that
 * refuses `blob:` workers) it is the system clock, and `source()` says why. `'page'` asks for the
 * page's own timers, to compare.
 */
import { systemClock, workerClock, type Clock } from 'tickwire';
import type { TimerSource } from './host-net.js';

export interface HostClock {
  readonly clock: Clock;
  /** What drives the timers now. */
  source(): TimerSource;
  /** Stops the Worker; timers still pending move to the page's timers. */
  dispose(): void;
}

export function hostClock(timers: 'worker' | 'page'): HostClock {
  if (timers === 'page') return { clock: systemClock, source: () => ({ timers: 'page', fallbackReason: undefined }), dispose: () => undefined };
  const clock = workerClock();
  return {
    clock,
    source: () => ({ timers: clock.source === 'worker' ? 'worker' : 'page', fallbackReason: clock.fallbackReason }),
    dispose: () => clock.dispose(),
  };
}
