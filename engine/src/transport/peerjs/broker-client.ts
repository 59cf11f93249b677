/**
 * The broker's HTTP side: where to find its PeerJS server and which ICE servers to use, and the
 * lobby codes that stand for a host's peer id. Every response is checked before it is trusted. The
 * public lobby list and quick join are in lobby-listing.ts.
 */
import { NetError } from '../../core/net-error.js';
import { brokerError, brokerErrorCode, endpoint, field, request } from './broker-http.js';

/** What a peer needs to reach the broker's PeerJS server, from `GET /api/config`. */
export interface BrokerConfig {
  readonly peerPath: string;
  readonly peerKey: string;
  readonly iceServers: readonly RTCIceServer[];
}

function isIceServer(value: unknown): value is RTCIceServer {
  const urls = field(value, 'urls');
  const urlsOk = typeof urls === 'string' || (Array.isArray(urls) && urls.every((u) => typeof u === 'string'));
  const username = field(value, 'username');
  const credential = field(value, 'credential');
  return urlsOk && (username === undefined || typeof username === 'string') && (credential === undefined || typeof credential === 'string');
}

/** Reads `GET /api/config`. */
export async function fetchBrokerConfig(brokerUrl: string): Promise<BrokerConfig> {
  const url = endpoint(brokerUrl, '/api/config');
  const { status, body } = await request(url);
  if (status !== 200) throw brokerError(url, status, body);
  const peerPath = field(body, 'peerPath');
  const peerKey = field(body, 'peerKey');
  const iceServers = field(body, 'iceServers');
  if (typeof peerPath !== 'string' || typeof peerKey !== 'string' || !Array.isArray(iceServers) || !iceServers.every(isIceServer)) {
    throw new NetError('broker_error', `the broker's ${url} is not a tickwire broker configuration`);
  }
  return { peerPath, peerKey, iceServers };
}

/** Who registers a lobby: a connected host's peer id and the token its PeerJS peer connected with. */
export interface HostCredentials {
  readonly hostPeerId: string;
  readonly token: string;
}

/** A registered lobby: its code, and with host migration the credential an heir takes it over with. */
export interface LobbyRegistration {
  readonly code: string;
  readonly credential: string | undefined;
}

/**
 * Registers a lobby for a host that is connected to the broker. The token proves the caller is
 * that host. With `migration`, the broker keeps the lobby for a while when the host goes, for an
 * heir with the credential it answers to take over. Games call `createLobby(host)`, which takes
 * the credentials from the transport.
 */
export async function registerLobby(brokerUrl: string, credentials: HostCredentials, migration = false): Promise<LobbyRegistration> {
  const url = endpoint(brokerUrl, '/api/lobbies');
  const { status, body } = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ hostPeerId: credentials.hostPeerId, token: credentials.token, ...(migration ? { migration: true } : {}) }),
  });
  if (status !== 201) throw brokerError(url, status, body);
  return readRegistration(url, body, migration);
}

/** A lobby's code and credential from the broker's answer, checked. */
export function readRegistration(url: string, body: unknown, migration: boolean): LobbyRegistration {
  const code = field(body, 'code');
  const credential = field(body, 'credential');
  if (typeof code !== 'string') throw new NetError('broker_error', `the broker's ${url} answered without a lobby code`);
  if (migration && typeof credential !== 'string') {
    throw new NetError('broker_error', `the broker's ${url} answered without a takeover credential: it is older than host migration`);
  }
  return { code, credential: typeof credential === 'string' ? credential : undefined };
}

/**
 * Turns a lobby code into its host's peer id; `lobby_not_found` when there is no such lobby, and
 * `invalid_option` for an empty code, before asking the broker anything.
 */
export async function resolveLobby(brokerUrl: string, code: string): Promise<string> {
  if (code.trim() === '') throw new NetError('invalid_option', 'Enter a lobby code: the code to join is empty.');
  const url = endpoint(brokerUrl, `/api/lobbies/${encodeURIComponent(code.trim())}`);
  const { status, body } = await request(url);
  if (status === 404) throw new NetError('lobby_not_found', `there is no lobby with code "${code}"`);
  if (status === 409 && brokerErrorCode(body) === 'host_gone') {
    throw new NetError('host_gone', `the host of lobby "${code}" is gone; another player may take the game over in a moment`);
  }
  if (status === 429) throw new NetError('broker_error', 'the broker refuses more lobby lookups from this address for now; try again shortly');
  if (status !== 200) throw brokerError(url, status, body);
  const hostPeerId = field(body, 'hostPeerId');
  if (typeof hostPeerId !== 'string') throw new NetError('broker_error', `the broker's ${url} answered without a host`);
  return hostPeerId;
}
