/**
 * The messages the relay bench sends: a CANDIDATE exactly as tickwire's peers send it (the broker
 * relays nothing else; see peer-server/src/signal-shape.ts), whose connection id carries the moment
 * it was sent: `dc_` and the sender's clock in microseconds, base 36, about as long as the ids
 * PeerJS makes. Sender and receiver share one process and one clock, so the receiver's clock minus
 * the stamp is the relay time. The receiver reads the stamp from the relayed text without parsing
 * the whole message, so the generator spends its time on sockets, not on JSON.
 */
import { candidateMessage } from '../../integration/broker/support/signals.js';

const MARK = 'STAMP';
const KEY = '"connectionId":"dc_';
const STAMP = /^[0-9a-z]{1,12}$/;

/** Makes `dst`'s candidates: the whole message text for a send at `sentAtMs`. */
export function stampedCandidate(dst: string): (sentAtMs: number) => string {
  const [before = '', after = ''] = JSON.stringify(candidateMessage(dst, `dc_${MARK}`)).split(MARK);
  return (sentAtMs) => `${before}${Math.round(sentAtMs * 1000).toString(36)}${after}`;
}

/** The send time (ms) in a relayed candidate's text, or undefined when it is not one. */
export function readStamp(text: string): number | undefined {
  if (!text.startsWith('{"type":"CANDIDATE"')) return undefined;
  const at = text.indexOf(KEY);
  if (at < 0) return undefined;
  const start = at + KEY.length;
  const stamp = text.slice(start, text.indexOf('"', start));
  return STAMP.test(stamp) ? parseInt(stamp, 36) / 1000 : undefined;
}
