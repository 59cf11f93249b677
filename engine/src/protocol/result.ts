/**
 * The outcome of reading something that came off the network: either a value, or the reason it was
 * refused. Bad input is expected (lossy links, old clients, hostile peers), so decoding and
 * validation return this instead of throwing; a caller counts the drop and moves on.
 */
export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

/** A successful {@link ParseResult}. */
export function accept<T>(value: T): ParseResult<T> {
  return { ok: true, value };
}

/** A refused {@link ParseResult}; `reason` is for logs and counters, not for switching on. */
export function refuse<T = never>(reason: string): ParseResult<T> {
  return { ok: false, reason };
}
