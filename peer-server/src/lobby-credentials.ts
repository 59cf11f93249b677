/**
 * Takeover credentials: what lets one client, and only it, take a lobby over when its host goes
 * (host migration). The broker issues one to the host of a lobby opened with migration; the host
 * hands it to the successor it names. A credential is
 *
 *   `${generation}.${base64url(HMAC-SHA256(secret, "tickwire-takeover\n" + code + "\n" + generation))}`
 *
 * under the secret the broker derives peer ids and lobby codes with (shared by the brokers of a
 * cluster, so any of them checks what another issued). `generation` counts the lobby's takeovers:
 * 0 when it opens, one more at each takeover. A credential is good only for its lobby's current
 * generation, so each one works once: after a takeover the old one is refused, and the new host
 * gets the next one to hand on. Nothing is stored but the generation.
 */
import { createHmac } from 'node:crypto';
import { sameToken } from './same-token.js';

/** The longest credential a request may carry; real ones are about 45 characters. */
export const MAX_CREDENTIAL_LENGTH = 512;

/** A generation as a credential writes it: a non-negative integer without leading zeros, well within 2^53. */
const GENERATION = /^(0|[1-9][0-9]{0,14})\./;

/** Issues and checks takeover credentials under one secret; see the file comment. */
export class TakeoverCredentials {
  constructor(private readonly secret: string) {}

  /** The credential for lobby `code` (canonical form) at `generation`. */
  issue(code: string, generation: number): string {
    const tag = createHmac('sha256', this.secret).update(`tickwire-takeover\n${code}\n${generation}`).digest('base64url');
    return `${generation}.${tag}`;
  }

  /**
   * The generation `presented` is an authentic credential for, for lobby `code`; undefined for
   * anything this secret did not issue for that code. The tag is compared in constant time.
   */
  generationOf(code: string, presented: string): number | undefined {
    const match = GENERATION.exec(presented);
    if (!match?.[1]) return undefined;
    const generation = Number(match[1]);
    return sameToken(this.issue(code, generation), presented) ? generation : undefined;
  }
}
