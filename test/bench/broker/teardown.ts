/**
 * Everything the bench starts is stopped at the end, whatever happened: after the tables, after an
 * error, and on SIGINT or SIGTERM (a second one exits at once). A setup still starting when the
 * signal comes is awaited and then stopped, so no redis-server, broker or haproxy outlives the
 * bench. Should the process end some other way (an exception thrown from a callback), the
 * processes that each setup started are killed by pid as it exits.
 */
import { childProcesses } from './child-processes.js';

/** What `interrupted` rejects with. */
export class Interrupted extends Error {
  constructor(readonly signal: NodeJS.Signals) {
    super(`${signal}: stopped everything the bench started`);
  }
}

export class Teardown {
  readonly #stops: Array<() => Promise<void>> = [];
  readonly #starting = new Set<Promise<unknown>>();
  readonly #pids = new Set<number>();
  #interrupted: ((signal: NodeJS.Signals) => void) | undefined;
  /** Rejects when SIGINT or SIGTERM comes; race the bench against it. */
  readonly interrupted: Promise<never>;

  constructor() {
    this.interrupted = new Promise<never>((_resolve, reject) => {
      this.#interrupted = (signal) => reject(new Interrupted(signal));
    });
    // Only a rejection that nobody raced against would be unhandled; it is reported where raced.
    this.interrupted.catch(() => undefined);
    process.on('exit', this.#killLeftovers);
  }

  /** Listens for SIGINT and SIGTERM: the first rejects `interrupted`, a second exits at once. */
  listen(): void {
    let signalled = false;
    const onSignal = (signal: NodeJS.Signals): void => {
      if (signalled) process.exit(130);
      signalled = true;
      this.#interrupted?.(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }

  /** Waits for a setup to start and registers its `stop`, and the processes it started. */
  async track<T extends { stop(): Promise<void> }>(starting: Promise<T>): Promise<T> {
    const before = new Set(childProcesses().keys());
    this.#starting.add(starting);
    try {
      const started = await starting;
      this.#stops.push(() => started.stop());
      for (const pid of childProcesses().keys()) if (!before.has(pid)) this.#pids.add(pid);
      return started;
    } finally {
      this.#starting.delete(starting);
    }
  }

  /** Stops every setup, newest first, after any still starting has settled; reports stop failures. */
  async run(): Promise<void> {
    await Promise.allSettled([...this.#starting]);
    for (const stop of this.#stops.splice(0).reverse()) {
      await stop().catch((error: unknown) => console.error(`bench:broker: stopping a setup failed: ${String(error)}`));
    }
  }

  readonly #killLeftovers = (): void => {
    // Only pids that are still this process's children: one that was reaped may be someone else's now.
    const alive = childProcesses();
    for (const pid of this.#pids) {
      if (!alive.has(pid)) continue;
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  };
}
