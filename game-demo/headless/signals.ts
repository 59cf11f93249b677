/**
 * How the headless programs end: the first Ctrl-C (SIGINT) or SIGTERM starts a clean close, a second
 * one exits at once; once closed, the process ends by itself when nothing is left running, with a
 * deadline in case something lingers.
 */
import { EXIT } from './args.js';

/** Calls `stop` on the first SIGINT or SIGTERM; a second one exits at once with status 1. */
export function onStopSignals(stop: (signal: NodeJS.Signals) => void): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals): void => {
    // A second Ctrl-C means the operator does not want to wait for the goodbyes.
    if (stopping) process.exit(EXIT.failed);
    stopping = true;
    stop(signal);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}

/**
 * Ends the process after `ms` with the exit status set so far, unless it has ended by itself by
 * then (the timer does not keep it alive).
 */
export function exitAfter(ms: number): void {
  setTimeout(() => process.exit(), ms).unref();
}
