/**
 * Which lobby code belongs to which host. In memory only: a lobby lives as long as its host's
 * connection to this broker. Nothing needs keeping across restarts either: the broker derives codes
 * from the host's id (see `derivedLobbyCode`), so a host that registers again gets its code back.
 * A broker sharing a Redis keeps here the lobbies of the hosts connected to it, whichever broker
 * opened them, to answer for them while the Redis is away and to restore them when it is back.
 */
import { generateLobbyCode, normalizeLobbyCode } from './lobby-codes.js';

/** Makes the candidate code for a host's `attempt`th try (0, 1, ...). */
export type CodeGenerator = (hostPeerId: string, attempt: number) => string;

/** How many fresh codes to try before giving up; with 887 million codes, more than one is already rare. */
export const MAX_CODE_ATTEMPTS = 32;

/** Lobby codes and the host peer ids they stand for, one lobby per host. */
export class LobbyRegistry {
  readonly #hostByCode = new Map<string, string>();
  readonly #codeByHost = new Map<string, string>();
  readonly #generateCode: CodeGenerator;

  /** @param generateCode makes a candidate code; injectable so tests can force collisions. */
  constructor(generateCode: CodeGenerator = () => generateLobbyCode()) {
    this.#generateCode = generateCode;
  }

  /** Number of open lobbies. */
  get size(): number {
    return this.#hostByCode.size;
  }

  /**
   * Opens a lobby for `hostPeerId` and returns its code. A host that already has a lobby gets the
   * same code back, so a retried request does not leave a stale second code behind.
   */
  create(hostPeerId: string): string {
    const existing = this.#codeByHost.get(hostPeerId);
    if (existing !== undefined) return existing;
    for (let attempt = 0; attempt < MAX_CODE_ATTEMPTS; attempt += 1) {
      const code = this.#generateCode(hostPeerId, attempt);
      if (this.#hostByCode.has(code)) continue;
      this.#hostByCode.set(code, hostPeerId);
      this.#codeByHost.set(hostPeerId, code);
      return code;
    }
    throw new Error(`no free lobby code after ${MAX_CODE_ATTEMPTS} attempts`);
  }

  /**
   * Records a code given elsewhere (by the Redis that brokers share) for `hostPeerId`, replacing the
   * host's own; false, changing nothing, when another host holds the code here.
   */
  put(hostPeerId: string, code: string): boolean {
    const holder = this.#hostByCode.get(code);
    if (holder === hostPeerId) return true;
    if (holder !== undefined) return false;
    this.removeHost(hostPeerId);
    this.#hostByCode.set(code, hostPeerId);
    this.#codeByHost.set(hostPeerId, code);
    return true;
  }

  /** The code of the host's lobby, if it has one. */
  codeOf(hostPeerId: string): string | undefined {
    return this.#codeByHost.get(hostPeerId);
  }

  /** The host peer id behind a code, in any letter case; undefined for unknown or malformed codes. */
  resolve(code: string): string | undefined {
    const normalized = normalizeLobbyCode(code);
    return normalized === undefined ? undefined : this.#hostByCode.get(normalized);
  }

  /** Closes the host's lobby, if it has one; returns whether it had. */
  removeHost(hostPeerId: string): boolean {
    const code = this.#codeByHost.get(hostPeerId);
    if (code === undefined) return false;
    this.#codeByHost.delete(hostPeerId);
    this.#hostByCode.delete(code);
    return true;
  }
}
