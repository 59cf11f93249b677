/**
 * Saying goodbye when the page goes away. A tab that closes without a word leaves the others
 * waiting for a timeout (10 s); `pagehide` is the last event a page reliably gets, so the host or
 * client closes there and the others hear of it at once. Outside a browser there is no page: nothing
 * is registered.
 */

/** Calls `close` when the page is hidden for good; returns what removes the listener. */
export function closeOnPageExit(close: () => void): () => void {
  const target: EventTarget | undefined = typeof window === 'undefined' ? undefined : window;
  if (!target) return () => {};
  const listener = (): void => close();
  target.addEventListener('pagehide', listener);
  return () => target.removeEventListener('pagehide', listener);
}
