/** Removes the listener that `on()` added; calling it twice is harmless. */
export type Unsubscribe = () => void;

/** A listener for one event of an event map. */
export type Listener<T> = (payload: T) => void;

/**
 * A typed event emitter: `Events` maps each event name to its payload type, so a misspelt event or
 * a payload of the wrong shape is a compile error. `on()` returns its own unsubscribe.
 */
export class Emitter<Events extends object> {
  private readonly listeners = new Map<keyof Events, Set<Listener<never>>>();

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
    for (const listener of [...set]) (listener as Listener<Events[K]>)(payload);
  }

  /** How many listeners `event` has. */
  listenerCount(event: keyof Events): number {
    return this.listeners.get(event)?.size ?? 0;
  }

  removeAll(): void {
    this.listeners.clear();
  }
}
