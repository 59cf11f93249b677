/** A repeating timer on an injected clock, for the sessions' sampling and reports. */
import type { CancelTimer, Clock } from 'tickwire';

/** Calls `fn` every `intervalMs` on `clock` until the returned function is called. */
export function repeat(clock: Clock, intervalMs: number, fn: () => void): CancelTimer {
  let stopped = false;
  let cancel: CancelTimer;
  const run = () => {
    if (stopped) return;
    // Set before calling, so a callback that throws does not end the repetition.
    cancel = clock.setTimer(intervalMs, run);
    fn();
  };
  cancel = clock.setTimer(intervalMs, run);
  return () => {
    stopped = true;
    cancel();
  };
}
