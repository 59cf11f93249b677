/**
 * Peer ids that only this broker (or another one with the same secret) can make. An id is 16
 * random bytes and an HMAC-SHA256 tag over them, both hex: `<32 hex>-<32 hex>`. The signaling
 * WebSocket accepts only ids whose tag checks out, so a client cannot pick its own id (to squat on
 * someone else's, or to make one up), and a peer that reconnects with the id it was given is
 * accepted again by a restarted broker that shares the secret, with no state kept anywhere.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const RANDOM_BYTES = 16;
const TAG_BYTES = 16;
/** The length of every issued id, in characters. */
export const PEER_ID_CHARS = RANDOM_BYTES * 2 + 1 + TAG_BYTES * 2;
const ID_PATTERN = new RegExp(`^([0-9a-f]{${RANDOM_BYTES * 2}})-([0-9a-f]{${TAG_BYTES * 2}})$`);

/** Issues and checks peer ids under one secret. */
export class PeerIdIssuer {
  readonly #secret: string;

  constructor(secret: string) {
    this.#secret = secret;
  }

  /** A fresh id, unguessable and carrying its tag. */
  issue(): string {
    const random = randomBytes(RANDOM_BYTES).toString('hex');
    return `${random}-${this.#tag(random).toString('hex')}`;
  }

  /** Whether `id` was issued under this secret. */
  isIssued(id: string): boolean {
    const match = ID_PATTERN.exec(id);
    if (!match) return false;
    const [, random = '', tag = ''] = match;
    return timingSafeEqual(Buffer.from(tag, 'hex'), this.#tag(random));
  }

  #tag(random: string): Buffer {
    return createHmac('sha256', this.#secret).update(`peer-id:${random}`).digest().subarray(0, TAG_BYTES);
  }
}
