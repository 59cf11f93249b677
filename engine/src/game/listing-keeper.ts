/**
 * Keeps a lobby on the broker's public list. The broker drops a listing that is not listed again
 * within its TTL (it answers with it), so the keeper lists again every third of that, and at once
 * whenever the lobby changes (a player joins or leaves) or the broker is back after a loss. One
 * request is in flight at a time: a change meanwhile is sent right after it, with what is true
 * then. A failed listing is tried again after 1 s, 2 s, 4 s... up to the refresh interval, and
 * reported; while the broker is away nothing is tried (its return lists at once). Stopping waits
 * for the request in flight and takes the lobby off the list. Time comes from an injected clock.
 */
import type { CancelTimer, Clock } from '../core/clock.js';
import { Emitter, type Unsubscribe } from '../core/emitter.js';
import { isNetError, NetError } from '../core/net-error.js';
import type { ListingFields } from '../transport/peerjs/lobby-listing.js';

/** The events of a public listing. */
export interface PublicListingEvents {
  /** The broker lists the lobby now, as this says. */
  listed: { readonly code: string; readonly players: number; readonly seats: number };
  /** Listing failed; it is tried again by itself. */
  error: NetError;
}

/** The lobby as it is now, and the broker's side of listing it. */
export interface ListingSource {
  /** The lobby's code (undefined before it has one) and what the list should say of it. */
  current(): { readonly code: string | undefined; readonly fields: ListingFields };
  /** Lists `code`; resolves with how long the listing lasts (ms). */
  put(code: string, fields: ListingFields): Promise<number>;
  /** Takes `code` off the list. */
  remove(code: string): Promise<void>;
}

/** Refreshes at most this often, whatever TTL a broker answers with. */
const MIN_REFRESH_MS = 100;
const MAX_REFRESH_MS = 60_000;
/** Until the broker has said its TTL: a third of the default 30 s. */
const FIRST_REFRESH_MS = 10_000;

/** See the file comment. */
export class ListingKeeper {
  /** A listener's throw is the game's bug, not a failed listing: it is reported and the keeper goes on. */
  readonly #events = new Emitter<PublicListingEvents>({
    onListenerError: (error, event) => console.warn(`tickwire: a listener of the public listing's "${String(event)}" event threw`, error),
  });
  #listedCode: string | undefined;
  #refreshMs = FIRST_REFRESH_MS;
  #failures = 0;
  #inFlight: Promise<void> | undefined;
  #again = false;
  #paused = false;
  #stopped: Promise<void> | undefined;
  #cancelTimer: CancelTimer = () => undefined;

  constructor(
    private readonly source: ListingSource,
    private readonly clock: Clock,
  ) {}

  /** Whether the broker lists the lobby, as far as the last answer said. */
  get listed(): boolean {
    return this.#listedCode !== undefined;
  }

  /** True once {@link stop} was called. */
  get stopped(): boolean {
    return this.#stopped !== undefined;
  }

  on<K extends keyof PublicListingEvents>(event: K, listener: (payload: PublicListingEvents[K]) => void): Unsubscribe {
    return this.#events.on(event, listener);
  }

  /** Lists the lobby as it is now: at once, or right after the request in flight. */
  refresh(): void {
    if (this.#stopped || this.#paused) return;
    if (this.#inFlight) {
      this.#again = true;
      return;
    }
    this.#cancelTimer();
    this.#inFlight = this.#send().finally(() => {
      this.#inFlight = undefined;
      if (!this.#again) return;
      this.#again = false;
      this.refresh();
    });
  }

  /** The broker went away: nothing is tried until {@link resume}. */
  pause(): void {
    this.#paused = true;
    this.#listedCode = undefined;
    this.#cancelTimer();
  }

  /** The broker is back: lists at once. */
  resume(): void {
    this.#paused = false;
    this.refresh();
  }

  /** Stops refreshing and takes the lobby off the list (errors are left unsaid: the listing expires anyway). */
  stop(): Promise<void> {
    this.#stopped ??= (async () => {
      this.#cancelTimer();
      await this.#inFlight;
      const code = this.#listedCode;
      this.#listedCode = undefined;
      if (code !== undefined) await this.source.remove(code).catch(() => undefined);
    })();
    return this.#stopped;
  }

  async #send(): Promise<void> {
    const { code, fields } = this.source.current();
    let ttlMs: number;
    try {
      if (code === undefined) throw new NetError('lobby_not_found', 'the lobby has no code yet to list');
      ttlMs = await this.source.put(code, fields);
    } catch (error) {
      if (this.#stopped) return;
      this.#listedCode = undefined;
      this.#failures += 1;
      this.#schedule(Math.min(this.#refreshMs, 1000 * 2 ** Math.min(this.#failures - 1, 16)));
      this.#events.emit('error', isNetError(error) ? error : new NetError('broker_error', `could not list the lobby: ${String(error)}`, { cause: error }));
      return;
    }
    // Kept even when stopping meanwhile, so that stop() takes it off the list.
    this.#listedCode = code;
    if (this.#stopped) return;
    this.#failures = 0;
    this.#refreshMs = Math.min(MAX_REFRESH_MS, Math.max(MIN_REFRESH_MS, Math.floor(ttlMs / 3)));
    this.#schedule(this.#refreshMs);
    this.#events.emit('listed', { code, players: fields.players, seats: fields.seats });
  }

  #schedule(delayMs: number): void {
    this.#cancelTimer();
    if (this.#paused) return;
    this.#cancelTimer = this.clock.setTimer(delayMs, () => this.refresh());
  }
}
