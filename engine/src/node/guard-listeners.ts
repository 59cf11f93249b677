/**
 * Listeners that cannot end the process. In a browser, a listener that throws is reported and the
 * page goes on; in Node, node-datachannel dispatches through Node's `EventTarget`, which rethrows on
 * the next tick, and `ws` calls listeners from inside its socket's data handler: either way an
 * uncaught exception, and a dedicated host exits. Whatever a peer sends, a throw in some
 * listener (PeerJS's or the game's) must cost at most that one event, as it does in a browser.
 */

/** Hears a throw from a listener of `event`, in place of an uncaught exception. */
export type ListenerErrorHandler = (error: unknown, event: string) => void;

type Listener = EventListenerOrEventListenerObject;
type AddOrRemove = (this: unknown, type: string, listener: Listener | null, options?: unknown) => void;

interface ListenerMethods {
  addEventListener: AddOrRemove;
  removeEventListener: AddOrRemove;
}

const guarded = new WeakSet<object>();

/**
 * Wraps every listener added on instances of the class whose prototype is `proto` (the `on…`
 * handler properties included, since both libraries route them through `addEventListener`), so
 * that a throw goes to `report()`.
 */
export function guardListeners(proto: object, report: () => ListenerErrorHandler): void {
  if (guarded.has(proto)) return;
  guarded.add(proto);
  const methods = proto as ListenerMethods;
  const add = methods.addEventListener;
  const remove = methods.removeEventListener;
  // One wrapper per listener and event type, so that removing the listener removes its wrapper.
  const wrappers = new WeakMap<Listener, Map<string, EventListener>>();
  const wrapperOf = (type: string, listener: Listener): EventListener => {
    let byType = wrappers.get(listener);
    if (!byType) wrappers.set(listener, (byType = new Map()));
    let wrapper = byType.get(type);
    if (!wrapper) {
      wrapper = function (this: unknown, event: Event) {
        try {
          if (typeof listener === 'function') listener.call(this, event);
          else listener.handleEvent(event);
        } catch (error) {
          report()(error, type);
        }
      };
      byType.set(type, wrapper);
    }
    return wrapper;
  };
  Object.defineProperty(proto, 'addEventListener', {
    configurable: true,
    writable: true,
    value(this: unknown, type: string, listener: Listener | null, options?: unknown) {
      add.call(this, type, listener && wrapperOf(type, listener), options);
    },
  });
  Object.defineProperty(proto, 'removeEventListener', {
    configurable: true,
    writable: true,
    value(this: unknown, type: string, listener: Listener | null, options?: unknown) {
      remove.call(this, type, (listener && wrappers.get(listener)?.get(type)) ?? listener, options);
    },
  });
}
