/**
 * The start screen's public lobbies: "Quick play" (join the fullest open arena), the open lobbies
 * with a Join button each (loaded once when the page opens, and again on "Refresh"), and, when
 * there is nothing to join, a line that says so with a button to host a public lobby instead.
 * Built here rather than in index.html, beside the card it goes into. What it shows comes from
 * `load`; what the buttons do is the page's business (app.ts).
 */
import type { LobbyPage, PublicLobby } from 'tickwire';
import { byId, el } from './dom.js';

export interface PublicLobbyHandlers {
  /** The open lobbies now. */
  load(): Promise<LobbyPage>;
  quickPlay(): void;
  join(code: string): void;
  /** Create a lobby that quick play finds. */
  hostPublic(): void;
}

function button(text: string, testId: string, onClick: () => void): HTMLButtonElement {
  const made = document.createElement('button');
  made.type = 'button';
  made.textContent = text;
  made.dataset.testid = testId;
  made.addEventListener('click', onClick);
  return made;
}

export class PublicLobbies {
  private readonly list = document.createElement('ul');
  private readonly empty = el('p', '');
  private readonly status = el('p', '');
  private readonly buttons: HTMLButtonElement[];
  private loading = false;

  constructor(private readonly handlers: PublicLobbyHandlers) {
    const section = document.createElement('section');
    section.dataset.testid = 'public-lobbies';
    const title = el('h2', 'Public lobbies');
    title.style.fontSize = '1rem';
    const actions = el('p', '', 'buttons');
    const quick = button('Quick play', 'quick-play', () => handlers.quickPlay());
    const refresh = button('Refresh', 'refresh-lobbies', () => void this.refresh());
    const host = button('Host a public lobby', 'host-public', () => handlers.hostPublic());
    this.buttons = [quick, refresh, host];
    actions.append(quick, refresh);
    this.list.dataset.testid = 'open-lobbies';
    Object.assign(this.list.style, { listStyle: 'none', padding: '0', margin: '0.3rem 0', maxHeight: '9rem', overflowY: 'auto' });
    this.empty.dataset.testid = 'no-open-lobby';
    this.empty.hidden = true;
    this.empty.append(el('span', 'No public lobby has a free seat right now. '), host);
    this.status.style.opacity = '0.75';
    section.append(title, actions, this.list, this.empty, this.status);
    byId('start-status').before(section);
    void this.refresh();
  }

  /** Loads the open lobbies again and shows them. */
  async refresh(): Promise<void> {
    if (this.loading) return;
    this.loading = true;
    this.status.textContent = 'Looking for open lobbies…';
    try {
      const page = await this.handlers.load();
      this.show(page.lobbies);
      this.status.textContent = '';
    } catch (error) {
      this.status.textContent = `Could not list the open lobbies: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      this.loading = false;
    }
  }

  /** Quick play found nothing: says so, with the way to host one. */
  nothingOpen(): void {
    this.empty.hidden = false;
    this.empty.scrollIntoView({ block: 'nearest' });
    void this.refresh();
  }

  /** Disables the buttons while the page is busy creating or joining. */
  setBusy(busy: boolean): void {
    for (const each of this.buttons) each.disabled = busy;
    for (const join of this.list.querySelectorAll('button')) join.disabled = busy;
  }

  private show(lobbies: readonly PublicLobby[]): void {
    this.empty.hidden = lobbies.length > 0;
    this.list.replaceChildren(
      ...lobbies.map((lobby) => {
        const item = document.createElement('li');
        item.dataset.code = lobby.code;
        Object.assign(item.style, { display: 'flex', gap: '0.6rem', alignItems: 'center', padding: '0.15rem 0' });
        const name = el('span', lobby.name);
        name.style.flex = '1';
        item.append(name, el('span', `${lobby.players}/${lobby.seats}`), el('code', lobby.code), button('Join', 'join-public', () => this.handlers.join(lobby.code)));
        return item;
      }),
    );
  }
}
