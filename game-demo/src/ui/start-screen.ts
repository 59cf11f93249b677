/**
 * The start screen: a name, the lobby settings with "Public" and "Create lobby", and a code field
 * with "Join" (the public lobbies and "Quick play" beside them are public-lobbies.ts). A
 * `?join=CODE` link fills the code in. The name is remembered in this browser.
 */
import type { LobbyPage, SnapshotReliability } from 'tickwire';
import type { HostSettings } from '../net/host-session.js';
import { publicArena } from '../net/public-arena.js';
import { byId } from './dom.js';
import { PublicLobbies } from './public-lobbies.js';

export interface StartHandlers {
  create(settings: HostSettings): void;
  join(code: string, name: string): void;
  /** Join the fullest open public lobby, as `name`. */
  quickPlay(name: string): void;
  /** The open public lobbies now. */
  lobbies(): Promise<LobbyPage>;
}

const NAME_KEY = 'tickwire-arena-name';

/** The divisors of `tickRate` that are sensible snapshot rates (5 Hz and up). */
function snapshotRates(tickRate: number): number[] {
  const rates: number[] = [];
  for (let rate = tickRate; rate >= 5; rate--) if (tickRate % rate === 0) rates.push(rate);
  return rates;
}

export class StartScreen {
  private readonly root = byId('start-screen');
  private readonly name = byId<HTMLInputElement>('name-input');
  private readonly tickRate = byId<HTMLSelectElement>('tick-rate');
  private readonly snapshotRate = byId<HTMLSelectElement>('snapshot-rate');
  private readonly reliability = byId<HTMLSelectElement>('snapshot-reliability');
  private readonly maxPlayers = byId<HTMLSelectElement>('max-players');
  private readonly code = byId<HTMLInputElement>('join-code-input');
  private readonly status = byId('start-status');
  private readonly buttons = [byId<HTMLButtonElement>('create-lobby'), byId<HTMLButtonElement>('join-lobby')];
  private readonly listed = document.createElement('input');
  private readonly publicLobbies: PublicLobbies;

  constructor(handlers: StartHandlers) {
    this.name.value = localStorage.getItem(NAME_KEY) ?? '';
    for (let n = 2; n <= 8; n++) this.maxPlayers.append(new Option(`${n}`, `${n}`, n === 8, n === 8));
    this.fillSnapshotRates();
    this.tickRate.addEventListener('change', () => this.fillSnapshotRates());
    const invited = new URLSearchParams(location.search).get('join');
    if (invited) this.code.value = invited.toUpperCase();
    this.addPublicBox();
    this.publicLobbies = new PublicLobbies({
      load: () => handlers.lobbies(),
      quickPlay: () => handlers.quickPlay(this.playerName()),
      join: (code) => handlers.join(code, this.playerName()),
      hostPublic: () => this.createPublic(),
    });
    byId('create-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const name = this.playerName();
      handlers.create({
        name,
        tickRate: Number(this.tickRate.value),
        snapshotRate: Number(this.snapshotRate.value),
        snapshotReliability: this.reliability.value as SnapshotReliability,
        maxPlayers: Number(this.maxPlayers.value),
        ...(this.listed.checked ? { publicLobby: publicArena(name) } : {}),
      });
    });
    byId('join-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const code = this.code.value.trim();
      if (code === '') {
        this.setStatus('Type the lobby code the host gave you.');
        this.code.focus();
        return;
      }
      handlers.join(code, this.playerName());
    });
    this.name.focus();
  }

  /** Shows what is going on (`undefined` clears it); the buttons are disabled while busy. */
  setBusy(message: string | undefined): void {
    this.setStatus(message ?? '');
    for (const button of this.buttons) button.disabled = message !== undefined;
    this.publicLobbies.setBusy(message !== undefined);
  }

  /** Quick play found no open lobby: says so, and offers to host one. */
  nothingOpen(): void {
    this.publicLobbies.nothingOpen();
  }

  /** Creates a lobby with "Public" ticked: the settings as they are, and quick play finds it. */
  createPublic(): void {
    this.listed.checked = true;
    byId<HTMLFormElement>('create-form').requestSubmit();
  }

  hide(): void {
    this.root.hidden = true;
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
  }

  private setStatus(message: string): void {
    this.status.textContent = message;
  }

  /** "Public": quick play and the public list show the lobby. */
  private addPublicBox(): void {
    const label = document.createElement('label');
    label.textContent = 'Public (quick play finds it)';
    this.listed.type = 'checkbox';
    this.listed.id = 'public-lobby';
    this.listed.dataset.testid = 'public-lobby';
    label.append(this.listed);
    byId('create-lobby').before(label);
  }

  /** The name typed in (remembered for next time), or a default. */
  playerName(): string {
    const name = this.name.value.trim().slice(0, 32);
    localStorage.setItem(NAME_KEY, name);
    return name || 'pilot';
  }

  private fillSnapshotRates(): void {
    const tickRate = Number(this.tickRate.value);
    const rates = snapshotRates(tickRate);
    const preferred = rates.find((r) => r <= 30) ?? rates[0]!;
    this.snapshotRate.replaceChildren(...rates.map((r) => new Option(`${r} Hz`, `${r}`, r === preferred, r === preferred)));
  }
}
