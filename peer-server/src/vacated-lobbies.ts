/**
 * Lobbies whose host left, kept for a while for a successor to take over (host migration). A lobby
 * opened with migration does not close when its host's signaling socket does: for `vacancyMs` its
 * code stays taken, resolves to "the host is gone" rather than "no such lobby", and an heir with
 * the lobby's takeover credential may take it (lobby-credentials.ts). A host that comes back with
 * its own token within that time gets its lobby back.
 *
 * In this broker's memory (a broker that restarts loses them). Every vacancy lasts the same time,
 * so they expire in the order they began: each call drops the expired ones from the front, and the
 * records held never outnumber the hosts that left within one `vacancyMs`.
 */

/** A lobby whose host left. */
export interface Vacancy {
  readonly code: string;
  /** The host that left. */
  readonly host: string;
  /** The token its signaling socket was opened with: only that one gets the lobby back. */
  readonly token: string;
  /** The lobby's takeover generation (lobby-credentials.ts). */
  readonly generation: number;
  /** When the vacancy ends, on the `now` timeline. */
  readonly until: number;
}

/** How long a lobby waits for a takeover: a successor's takeover is seconds away, and players re-resolve meanwhile. */
export const DEFAULT_VACANCY_MS = 30_000;

/** `vacancyMs` over the default, checked as strictly as the broker's settings are. */
export function resolveVacancyMs(vacancyMs: number | undefined): number {
  const value = vacancyMs ?? DEFAULT_VACANCY_MS;
  if (!Number.isInteger(value) || value < 100 || value > 3_600_000) throw new Error(`lobby option "vacancyMs" must be an integer from 100 to 3600000, got ${String(value)}`);
  return value;
}

/** See the file comment. */
export class VacatedLobbies {
  readonly #byCode = new Map<string, Vacancy>();
  /** The codes each host left vacated: usually one, more when others opened lobbies under its id meanwhile. */
  readonly #codesByHost = new Map<string, Set<string>>();

  constructor(
    private readonly vacancyMs: number,
    /** Milliseconds on a monotonic timeline; injectable for tests. */
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Vacancies held now, expired ones not yet dropped included. */
  get size(): number {
    return this.#byCode.size;
  }

  /** Lobby `code` of `host` is vacated from now on. */
  add(code: string, host: string, token: string, generation: number): void {
    this.#expire();
    this.remove(code);
    this.#byCode.set(code, { code, host, token, generation, until: this.now() + this.vacancyMs });
    const codes = this.#codesByHost.get(host);
    if (codes) codes.add(code);
    else this.#codesByHost.set(host, new Set([code]));
  }

  /** The vacancy of `code`, if it has not ended. */
  get(code: string): Vacancy | undefined {
    this.#expire();
    return this.#byCode.get(code);
  }

  /** The vacancies `host` left that have not ended. */
  ofHost(host: string): Vacancy[] {
    this.#expire();
    const codes = [...(this.#codesByHost.get(host) ?? [])];
    return codes.map((code) => this.#byCode.get(code)).filter((vacancy): vacancy is Vacancy => vacancy !== undefined);
  }

  /** Ends the vacancy of `code` (taken over, or its host came back); returns it. */
  remove(code: string): Vacancy | undefined {
    const vacancy = this.#byCode.get(code);
    if (vacancy === undefined) return undefined;
    this.#byCode.delete(code);
    const codes = this.#codesByHost.get(vacancy.host);
    codes?.delete(code);
    if (codes?.size === 0) this.#codesByHost.delete(vacancy.host);
    return vacancy;
  }

  #expire(): void {
    const now = this.now();
    // Map order is the order vacancies began (add removes first), and all last vacancyMs.
    for (const vacancy of this.#byCode.values()) {
      if (vacancy.until > now) break;
      this.remove(vacancy.code);
    }
  }
}
