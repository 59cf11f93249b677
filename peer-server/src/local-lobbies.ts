/**
 * Lobbies in this broker's memory, for hosts connected to it: the whole story for a broker that
 * runs alone, and what a broker sharing a Redis falls back on while the Redis is unreachable.
 */
import { timingSafeEqual } from 'node:crypto';
import type { LobbyDirectory, LobbyOpening } from './lobby-directory.js';
import type { LobbyRegistry } from './lobby-registry.js';

/** Compares two tokens in time that does not depend on where they differ. */
export function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** A {@link LobbyDirectory} over a {@link LobbyRegistry} and this broker's connected peers. */
export class LocalLobbies implements LobbyDirectory {
  constructor(
    private readonly registry: LobbyRegistry,
    /** The token a peer's open socket on this broker was opened with; undefined when it has none here. */
    private readonly tokenOf: (peerId: string) => string | undefined,
  ) {}

  open(hostPeerId: string, token: string): Promise<LobbyOpening> {
    return Promise.resolve(this.openNow(hostPeerId, token));
  }

  resolve(code: string): Promise<string | undefined> {
    return Promise.resolve(this.registry.resolve(code));
  }

  /** {@link open}, answered at once. */
  openNow(hostPeerId: string, token: string): LobbyOpening {
    const known = this.tokenOf(hostPeerId);
    if (known === undefined) return { refused: 'host_not_connected' };
    if (!sameToken(known, token)) return { refused: 'not_host_owner' };
    return { code: this.registry.create(hostPeerId) };
  }
}
