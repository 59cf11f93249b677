/**
 * The sidebar while in a lobby: its code (with a copy button and a join link for the host; a new
 * code the broker gave after a restart replaces the old one), the settings, the players as they
 * come and go, and the host's "Start game" (or, for the others, "waiting for the host").
 */
import type { LobbyInfo } from '../net/messages.js';
import type { PlayerName } from '../net/session.js';
import { playerCss } from '../render/palette.js';
import { byId, el } from './dom.js';

export interface LobbyHandlers {
  start(): void;
  leave(): void;
  toggleNetGraph(): void;
}

/** The link that opens this page with `code` filled in. */
export function joinLink(code: string): string {
  const url = new URL(location.pathname, location.origin);
  url.searchParams.set('join', code);
  return url.toString();
}

export class LobbyPanel {
  private readonly root = byId('sidebar');
  private readonly list = byId('player-list');
  private readonly startButton = byId<HTMLButtonElement>('start-game');
  private readonly waiting = byId('waiting');
  private isHost = false;

  constructor(handlers: LobbyHandlers) {
    const click = (id: string, action: () => void) =>
      byId(id).addEventListener('click', (event) => {
        // A focused button would take the space bar (fire) as a press.
        (event.currentTarget as HTMLElement).blur();
        action();
      });
    click('start-game', handlers.start);
    click('leave-game', handlers.leave);
    click('toggle-net-graph', handlers.toggleNetGraph);
    click('copy-code', () => void this.copyCode());
  }

  show(code: string, isHost: boolean): void {
    this.isHost = isHost;
    byId('invite').hidden = !isHost;
    this.setCode(code);
    this.root.hidden = false;
  }

  /** Shows `code` and its join link: at first, and again when the broker gave the lobby a new code. */
  setCode(code: string): void {
    byId('lobby-code').textContent = code;
    const link = byId<HTMLAnchorElement>('join-link');
    link.href = joinLink(code);
    link.textContent = 'Join link';
    link.title = link.href;
    // "copied" was about the code shown before.
    byId('copied').hidden = true;
  }

  setLobby(info: LobbyInfo | undefined): void {
    this.startButton.hidden = !this.isHost || info?.started !== false;
    this.waiting.hidden = this.isHost || info?.started !== false;
    if (!info) return;
    const reliability = info.snapshotReliability === 'reliable' ? 'reliable snapshots' : 'unreliable snapshots';
    byId('lobby-settings').textContent = `${info.tickRate} Hz ticks · ${info.snapshotRate} Hz ${reliability} · up to ${info.maxPlayers} players`;
  }

  setPlayers(players: readonly PlayerName[], localId: number | undefined): void {
    this.list.replaceChildren(
      ...players.map((player) => {
        const item = document.createElement('li');
        item.dataset.playerId = String(player.id);
        const swatch = el('span', '', 'swatch');
        swatch.style.background = playerCss(player.id);
        const tags = [player.id === 0 ? 'host' : '', player.id === localId ? 'you' : ''].filter(Boolean).join(', ');
        item.append(swatch, el('span', player.name, 'name'), el('span', tags, 'tag'));
        return item;
      }),
    );
  }

  /** Copies the code; where the clipboard API is missing (plain http on a LAN) selects it instead. */
  private async copyCode(): Promise<void> {
    const code = byId('lobby-code');
    try {
      await navigator.clipboard.writeText(code.textContent ?? '');
      byId('copied').textContent = 'copied';
    } catch {
      getSelection()?.selectAllChildren(code);
      byId('copied').textContent = 'selected: press Ctrl+C';
    }
    byId('copied').hidden = false;
  }
}
