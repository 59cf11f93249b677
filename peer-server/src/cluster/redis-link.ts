/**
 * The broker's two connections to the shared Redis: one for commands, one for its subscription
 * (a subscribed connection takes no other commands). The link is `up` while both are ready, and
 * says so once on each change, in the log and to its listeners. node-redis reconnects by itself
 * and subscribes again; commands fail at once while it is down (no offline queue), so the broker
 * answers from its own memory instead of waiting.
 */
import { createClient } from 'redis';
import { forgetScripts } from './lua-script.js';

/** A node-redis client as `createClient` makes it. */
export type RedisClient = ReturnType<typeof createClient>;

/** Waits between reconnect tries: quick at first, then every second. */
const reconnectDelay = (retries: number): number => Math.min(50 * 2 ** retries, 1000);
/** A command that takes longer has found a Redis in trouble; the broker moves on without it. */
const COMMAND_TIMEOUT_MS = 2000;
const CONNECT_TIMEOUT_MS = 2000;

/** host:port of a Redis URL, without the password it may carry. */
export function redisAddress(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || '6379'}`;
}

/** See the file comment. */
export class RedisLink {
  readonly commands: RedisClient;
  readonly subscriber: RedisClient;
  readonly #address: string;
  readonly #onUp = new Set<() => void>();
  readonly #onDown = new Set<() => void>();
  #up = false;
  #closed = false;
  #lastError = 'not connected yet';

  constructor(url: string) {
    this.#address = redisAddress(url);
    const socket = { reconnectStrategy: reconnectDelay, connectTimeout: CONNECT_TIMEOUT_MS };
    this.commands = createClient({ url, socket, disableOfflineQueue: true, commandOptions: { timeout: COMMAND_TIMEOUT_MS } });
    // The subscriber keeps its offline queue: a subscription asked for while down is made once up.
    this.subscriber = createClient({ url, socket });
    this.commands.on('connect', () => forgetScripts(this.commands));
    for (const client of [this.commands, this.subscriber]) {
      client.on('ready', () => this.#update());
      client.on('end', () => this.#update());
      client.on('reconnecting', () => this.#update());
      client.on('error', (error: unknown) => {
        this.#lastError = error instanceof Error ? error.message : String(error);
        this.#update();
      });
    }
  }

  /** Whether both connections are ready now. */
  get up(): boolean {
    return this.#up;
  }

  /** Calls `listener` each time the link comes up (after being down, or the first time). */
  onUp(listener: () => void): void {
    this.#onUp.add(listener);
  }

  /** Calls `listener` each time the link goes down. */
  onDown(listener: () => void): void {
    this.#onDown.add(listener);
  }

  /**
   * Connects; resolves once up, or after `withinMs` with the link still trying: a broker starts
   * with its Redis down and serves alone until it is back.
   */
  async open(withinMs: number): Promise<void> {
    for (const client of [this.commands, this.subscriber]) {
      client.connect().catch((error: unknown) => {
        this.#lastError = error instanceof Error ? error.message : String(error);
      });
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, withinMs);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.onUp(done);
    });
    if (!this.#up) console.warn(`tickwire broker: Redis at ${this.#address} is unreachable (${this.#lastError}); serving only this broker's peers until it is back`);
  }

  /** Disconnects both connections at once, dropping what is in flight. */
  close(): void {
    this.#closed = true;
    this.#onUp.clear();
    this.#onDown.clear();
    for (const client of [this.commands, this.subscriber]) if (client.isOpen) client.destroy();
  }

  #update(): void {
    if (this.#closed) return;
    const up = this.commands.isReady && this.subscriber.isReady;
    if (up === this.#up) return;
    this.#up = up;
    if (up) {
      console.log(`tickwire broker: Redis at ${this.#address} is up; sharing lobbies and signaling with the other brokers`);
      for (const listener of this.#onUp) listener();
    } else {
      console.warn(`tickwire broker: Redis at ${this.#address} is down (${this.#lastError}); serving only this broker's peers until it is back`);
      for (const listener of this.#onDown) listener();
    }
  }
}
