/**
 * The Worker behind `workerClock()`: a few lines of script loaded from a Blob URL (so a game needs
 * no bundler setup for it) that answer "wake me in N ms" with a message when the time comes. A
 * dedicated Worker's timers are not throttled when its page is hidden, unlike the page's own.
 */

/** Asks something outside the page's own timers to wake the clock. */
export interface WakePort {
  /** Wakes the clock after `delayMs`, replacing any earlier request; a negative delay cancels it. */
  wakeIn(delayMs: number): void;
  /** Stops for good and frees what the port holds. */
  close(): void;
}

/** What a port reports back to its clock. */
export interface WakeEvents {
  /** The requested time has come. */
  wake(): void;
  /** The port cannot wake the clock any more (the Worker failed to load or crashed). */
  fail(reason: string): void;
}

/** Makes a port that reports to `events`; throws when it cannot be made. */
export type WakePortFactory = (events: WakeEvents) => WakePort;

/** One timer at a time: each message replaces the pending one. */
const WORKER_SOURCE = 'let t;onmessage=(e)=>{clearTimeout(t);if(e.data>=0)t=setTimeout(()=>postMessage(0),e.data);};';

/** A dedicated Worker from a Blob URL; throws where Workers or Blob URLs are missing or refused. */
export const blobWorkerPort: WakePortFactory = (events) => {
  if (typeof Worker === 'undefined' || typeof Blob === 'undefined' || typeof URL.createObjectURL !== 'function') {
    throw new Error('this environment has no Worker');
  }
  const url = URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }));
  let worker: Worker;
  try {
    worker = new Worker(url, { name: 'tickwire clock' });
  } catch (error) {
    URL.revokeObjectURL(url);
    throw error;
  }
  worker.onmessage = () => events.wake();
  worker.onerror = (event) => {
    event.preventDefault();
    events.fail(`the timer Worker failed: ${event.message || 'it could not be loaded (a Content-Security-Policy without blob: in worker-src?)'}`);
  };
  return {
    wakeIn: (delayMs) => worker.postMessage(delayMs),
    close: () => {
      worker.terminate();
      URL.revokeObjectURL(url);
    },
  };
};
