/**
 * Housekeeping between two transports, carried on PeerJS's own reliable data connection (JSON) so
 * it never mixes with the game's bytes on `control` and `state`:
 *
 * - `ready`: my negotiated channels are open; you may send on them.
 * - `bye`: I am closing the link, and why.
 * - `ping` / `pong`: a round trip for the RTT statistic; `pong` echoes the sender's clock reading.
 */
export type MetaMessage =
  | { readonly t: 'ready' }
  | { readonly t: 'bye'; readonly reason: string }
  | { readonly t: 'ping'; readonly at: number }
  | { readonly t: 'pong'; readonly at: number };

/** Longest goodbye reason kept; the rest is cut. */
export const MAX_REASON_LENGTH = 200;

function field(value: object, key: string): unknown {
  return (value as Record<string, unknown>)[key];
}

/** Checks a value that arrived from the other side; `undefined` when it is not a meta message. */
export function parseMetaMessage(value: unknown): MetaMessage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const t = field(value, 't');
  if (t === 'ready') return { t };
  if (t === 'bye') {
    const reason = field(value, 'reason');
    return { t, reason: typeof reason === 'string' ? reason.slice(0, MAX_REASON_LENGTH) : 'no reason given' };
  }
  if (t === 'ping' || t === 'pong') {
    const at = field(value, 'at');
    return typeof at === 'number' && Number.isFinite(at) ? { t, at } : undefined;
  }
  return undefined;
}
