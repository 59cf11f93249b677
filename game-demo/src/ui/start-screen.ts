/**
 * The start screen: a name, the lobby settings with "Create lobby", and a code field with "Join".
 * A `?join=CODE` link fills the code in. The name is remembered in this browser.
 */
import type { SnapshotReliability } from 'tickwire';
import type { HostSettings } from '../net/host-session.js';
import { byId } from './dom.js';

export interface StartHandlers {
  create(settings: HostSettings): void;
  join(code: string, name: string): void;
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

  constructor(handlers: StartHandlers) {
    this.name.value = localStorage.getItem(NAME_KEY) ?? '';
    for (let n = 2; n <= 8; n++) this.maxPlayers.append(new Option(`${n}`, `${n}`, n === 8, n === 8));
    this.fillSnapshotRates();
    this.tickRate.addEventListener('change', () => this.fillSnapshotRates());
    const invited = new URLSearchParams(location.search).get('join');
    if (invited) this.code.value = invited.toUpperCase();
    byId('create-form').addEventListener('submit', (event) => {
      event.preventDefault();
      handlers.create({
        name: this.playerName(),
        tickRate: Number(this.tickRate.value),
        snapshotRate: Number(this.snapshotRate.value),
        snapshotReliability: this.reliability.value as SnapshotReliability,
        maxPlayers: Number(this.maxPlayers.value),
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
  }

  hide(): void {
    this.root.hidden = true;
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
  }

  private setStatus(message: string): void {
    this.status.textContent = message;
  }

  private playerName(): string {
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
