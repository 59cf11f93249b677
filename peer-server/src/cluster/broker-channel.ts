/**
 * What brokers publish on each other's channels (`keys.brokerChannel(id)`), as compact text so a
 * signal is relayed without being parsed twice:
 *   `s<dst> <message>`   a signal for peer `dst`, in PeerServer's JSON form, ready to send as is
 *   `l<host> <code>`     host `host`, connected to the receiving broker, has lobby `code`
 *   `l<host> <code> <generation>`   the same for a lobby opened with host migration, at that
 *                        takeover generation (so the broker can answer for it while the Redis is away)
 * Peer ids and codes never contain a space. The Lua scripts that publish write them.
 */

/** A message from a broker channel. */
export type ChannelMessage =
  | { readonly kind: 'signal'; readonly dst: string; readonly text: string }
  | { readonly kind: 'lobby'; readonly host: string; readonly code: string; readonly generation: number | undefined };

/** Reads a channel message; undefined for anything else (another version's, say). */
export function readChannelMessage(raw: string): ChannelMessage | undefined {
  const space = raw.indexOf(' ');
  if (space < 2) return undefined;
  const who = raw.slice(1, space);
  const rest = raw.slice(space + 1);
  if (raw.startsWith('s')) return { kind: 'signal', dst: who, text: rest };
  if (raw.startsWith('l')) {
    const [code = '', generation, ...more] = rest.split(' ');
    if (code === '' || more.length > 0 || (generation !== undefined && !/^\d{1,15}$/.test(generation))) return undefined;
    return { kind: 'lobby', host: who, code, generation: generation === undefined ? undefined : Number(generation) };
  }
  return undefined;
}
