/**
 * The page `npm start` serves until the game exists: host a lobby or join one by code, then watch
 * both channels carry traffic. It uses only the engine's public API.
 */
import { createLobby, joinPeerLobby, openPeerHost } from '../../engine/src/index.js';
import type { ChannelName, ClientTransport, HostTransport, PeerStats } from '../../engine/src/index.js';

const brokerUrl = location.origin;
const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const codeInput = byId<HTMLInputElement>('code');
const counters: Record<ChannelName, number> = { control: 0, state: 0 };
let beat = 0;

function showError(error: unknown): void {
  const box = byId('error');
  box.textContent = error instanceof Error ? error.message : String(error);
  box.hidden = false;
}

function showLobby(role: string): void {
  byId('start').hidden = true;
  byId('lobby').hidden = false;
  byId('role').textContent = role;
}

function showPlayers(names: readonly string[]): void {
  byId('players').replaceChildren(...names.map((name) => Object.assign(document.createElement('li'), { textContent: name })));
}

function showStats(stats: readonly PeerStats[]): void {
  const lines = stats.map((s, i) => {
    const rtt = s.rttMs === undefined ? '…' : `${s.rttMs.toFixed(1)} ms`;
    const { control, state } = s.channels;
    return `peer ${i + 1}: rtt ${rtt}  control ${control.messagesIn}↓ ${control.messagesOut}↑  state ${state.messagesIn}↓ ${state.messagesOut}↑`;
  });
  byId('stats').textContent = [...lines, `received: control ${counters.control}, state ${counters.state}`].join('\n');
}

function heartbeat(send: (channel: ChannelName, data: Uint8Array) => void): void {
  setInterval(() => {
    const data = new Uint8Array(new Uint32Array([beat++]).buffer);
    send('state', data);
    if (beat % 10 === 0) send('control', data);
  }, 100);
}

async function host(): Promise<void> {
  const transport: HostTransport = await openPeerHost({ brokerUrl });
  const code = await createLobby(brokerUrl, transport.id);
  byId('lobby-code').textContent = code;
  byId<HTMLAnchorElement>('join-link').href = `${location.origin}/?join=${code}`;
  showLobby('You are hosting. Send the code to a friend.');
  const refresh = () => showPlayers(['you (host)', ...transport.peers()]);
  transport.on('peerJoined', refresh);
  transport.on('peerLeft', refresh);
  transport.on('message', ({ channel }) => counters[channel]++);
  refresh();
  heartbeat((channel, data) => transport.broadcast(channel, data));
  setInterval(() => showStats(transport.peers().flatMap((id) => transport.stats(id) ?? [])), 250);
}

async function join(code: string): Promise<void> {
  const transport: ClientTransport = await joinPeerLobby({ brokerUrl, code });
  byId('lobby-code').textContent = code.toUpperCase();
  showLobby('You joined the lobby.');
  showPlayers(['host', 'you']);
  transport.on('message', ({ channel }) => counters[channel]++);
  transport.on('closed', (reason) => showError(`The link to the host ended: ${reason.message}`));
  heartbeat((channel, data) => transport.send(channel, data));
  setInterval(() => showStats([transport.stats()]), 250);
}

byId('create').addEventListener('click', () => host().catch(showError));
byId('join').addEventListener('click', () => join(codeInput.value).catch(showError));
const invited = new URLSearchParams(location.search).get('join');
if (invited) codeInput.value = invited;
