/**
 * Which lobby code belongs to which host. In memory only: a lobby lives as long as its host's
 * connection to this broker, or, opened with host migration, a vacancy longer (vacated-lobbies.ts)
 * for a successor to take it over. Nothing needs keeping across restarts either: the broker derives
 * codes from the host's id (see `derivedLobbyCode`), so a host that registers again gets its code back.
 * A broker sharing a Redis keeps here the lobbies of the hosts connected to it, whichever broker
 * opened them, to answer for them while the Redis is away and to restore them when it is back.
 */
import { generateLobbyCode, normalizeLobbyCode } from './lobby-codes.js';
import { sameToken } from './same-token.js';
import { DEFAULT_VACANCY_MS, VacatedLobbies, type Vacancy } from './vacated-lobbies.js';

/** Makes the candidate code for a host's `attempt`th try (0, 1, ...). */
export type CodeGenerator = (hostPeerId: string, attempt: number) => string;

/** How many fresh codes to try before giving up; with 887 million codes, more than one is already rare. */
export const MAX_CODE_ATTEMPTS = 32;

/** How long vacancies last, and the clock they are measured on. */
export interface RegistryOptions {
  /** How long a migration lobby whose host left waits for a takeover (ms). */
  readonly vacancyMs?: number;
  /** Milliseconds on a monotonic timeline; injectable for tests. */
  readonly now?: () => number;
}

/** What a code stands for here: a host's lobby, a vacated one, or nothing. */
export type RegistryEntry = { readonly host: string } | { readonly vacancy: Vacancy } | undefined;

/** Lobby codes and the host peer ids they stand for, one lobby per host. */
export class LobbyRegistry {
  readonly #hostByCode = new Map<string, string>();
  readonly #codeByHost = new Map<string, string>();
  /** The takeover generation of each lobby opened with migration; absent for the others. */
  readonly #generationByCode = new Map<string, number>();
  readonly #vacated: VacatedLobbies;
  readonly #generateCode: CodeGenerator;

  /** @param generateCode makes a candidate code; injectable so tests can force collisions. */
  constructor(generateCode: CodeGenerator = () => generateLobbyCode(), options: RegistryOptions = {}) {
    this.#generateCode = generateCode;
    this.#vacated = new VacatedLobbies(options.vacancyMs ?? DEFAULT_VACANCY_MS, options.now);
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
      if (this.#hostByCode.has(code) || this.#vacated.get(code)) continue;
      this.#hostByCode.set(code, hostPeerId);
      this.#codeByHost.set(hostPeerId, code);
      return code;
    }
    throw new Error(`no free lobby code after ${MAX_CODE_ATTEMPTS} attempts`);
  }

  /**
   * Records a code given elsewhere (by the Redis that brokers share) for `hostPeerId`, replacing the
   * host's own and ending a vacancy of the code here; false, changing nothing, when another host
   * holds the code here. `generation`, when known, is its takeover generation (a migration lobby).
   */
  put(hostPeerId: string, code: string, generation?: number): boolean {
    const holder = this.#hostByCode.get(code);
    if (holder !== undefined && holder !== hostPeerId) return false;
    if (holder === undefined) {
      this.removeHost(hostPeerId);
      this.#vacated.remove(code);
      this.#hostByCode.set(code, hostPeerId);
      this.#codeByHost.set(hostPeerId, code);
    }
    if (generation !== undefined) this.#generationByCode.set(code, generation);
    return true;
  }

  /** Lobby `code` takes part in host migration from now on; returns its generation (0 when new). */
  allowMigration(code: string): number {
    const generation = this.#generationByCode.get(code) ?? 0;
    this.#generationByCode.set(code, generation);
    return generation;
  }

  /** The takeover generation of a live lobby opened with migration; undefined for the others. */
  generationOf(code: string): number | undefined {
    return this.#hostByCode.has(code) ? this.#generationByCode.get(code) : undefined;
  }

  /** The code of the host's lobby, if it has one. */
  codeOf(hostPeerId: string): string | undefined {
    return this.#codeByHost.get(hostPeerId);
  }

  /** The host peer id behind a code, in any letter case; undefined for unknown, malformed and vacated codes. */
  resolve(code: string): string | undefined {
    const normalized = normalizeLobbyCode(code);
    return normalized === undefined ? undefined : this.#hostByCode.get(normalized);
  }

  /** What `code` (canonical form) stands for: its host, its vacancy, or nothing. */
  entry(code: string): RegistryEntry {
    const host = this.#hostByCode.get(code);
    if (host !== undefined) return { host };
    const vacancy = this.#vacated.get(code);
    return vacancy === undefined ? undefined : { vacancy };
  }

  /** Closes the host's lobby, if it has one; returns whether it had. */
  removeHost(hostPeerId: string): boolean {
    const code = this.#codeByHost.get(hostPeerId);
    if (code === undefined) return false;
    this.#codeByHost.delete(hostPeerId);
    this.#hostByCode.delete(code);
    this.#generationByCode.delete(code);
    return true;
  }

  /**
   * The host's signaling socket (opened with `token`) closed: a lobby opened with migration is
   * vacated, any other closes.
   */
  vacate(hostPeerId: string, token: string): void {
    const code = this.#codeByHost.get(hostPeerId);
    if (code === undefined) return;
    const generation = this.#generationByCode.get(code);
    this.removeHost(hostPeerId);
    if (generation !== undefined) this.#vacated.add(code, hostPeerId, token, generation);
  }

  /** The host is connected again with `token`: the lobby it vacated is its own again, if it was. */
  returned(hostPeerId: string, token: string): void {
    if (this.#codeByHost.has(hostPeerId)) return;
    const vacancy = this.#vacated.ofHost(hostPeerId).find((left) => sameToken(left.token, token));
    if (vacancy === undefined) return;
    this.#vacated.remove(vacancy.code);
    this.put(hostPeerId, vacancy.code, vacancy.generation);
  }

  /** Gives vacated lobby `code` to `hostPeerId` (its own lobby, if any, closes); returns the next generation. */
  takeOver(code: string, hostPeerId: string): number | undefined {
    const vacancy = this.#vacated.remove(code);
    if (vacancy === undefined) return undefined;
    const generation = vacancy.generation + 1;
    this.put(hostPeerId, code, generation);
    return generation;
  }
}
