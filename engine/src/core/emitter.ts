/** Removes the listener that `on()` added; calling it twice is harmless. */
export type Unsubscribe = () => void;

/** A listener for one event of an event map. */
export type Listener<T> = (payload: T) => void;

/** What an {@link Emitter} takes. */
export interface EmitterOptions<Events extends object> {
  /**
   * Hears a listener's throw, and the event's other listeners still run. Without it the throw
   * goes to `emit`'s caller. An owner that emits from inside its own loop (a host's tick) sets it,
   * so that a listener's bug cannot leave the loop half done or stop it.
   */
  readonly onListenerError?: (error: unknown, event: keyof Events) => void;
}

/**
 * A typed event emitter: `Events` maps each event name to its payload type, so a misspelt event or
 * a payload of the wrong shape is a compile error. `on()` returns its own unsubscribe.
 */
export class Emitter<Events extends object> {
  private readonly listeners = new Map<keyof Events, Set<Listener<never>>>();

  constructor(private readonly options: EmitterOptions<Events> = {}) {}

  on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): Unsubscribe {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    const entry = listener as Listener<never>;
    set.add(entry);
    return () => {
      set.delete(entry);
    };
  }

  /** Calls every listener of `event` in the order they were added. */
  emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    const set = this.listeners.get(event);
    if (!set) return;
    const onError = this.options.onListenerError;
    for (const listener of [...set]) {
      if (!onError) {
        (listener as Listener<Events[K]>)(payload);
        continue;
      }
      try {
        (listener as Listener<Events[K]>)(payload);
      } catch (error) {
        onError(error, event);
      }
    }
  }

  /** How many listeners `event` has. */
  listenerCount(event: keyof Events): number {
    return this.listeners.get(event)?.size ?? 0;
  }

  removeAll(): void {
    this.listeners.clear();
  }
}
