/**
 * The broker's HTTP side: where to find its PeerJS server and which ICE servers to use, and the
 * lobby codes that stand for a host's peer id. Every response is checked before it is trusted.
 */
import { NetError } from '../../core/net-error.js';

/** What a peer needs to reach the broker's PeerJS server, from `GET /api/config`. */
export interface BrokerConfig {
  readonly peerPath: string;
  readonly peerKey: string;
  readonly iceServers: readonly RTCIceServer[];
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function isIceServer(value: unknown): value is RTCIceServer {
  const urls = field(value, 'urls');
  const urlsOk = typeof urls === 'string' || (Array.isArray(urls) && urls.every((u) => typeof u === 'string'));
  const username = field(value, 'username');
  const credential = field(value, 'credential');
  return urlsOk && (username === undefined || typeof username === 'string') && (credential === undefined || typeof credential === 'string');
}

function endpoint(brokerUrl: string, path: string): string {
  try {
    return new URL(path, brokerUrl).toString();
  } catch (cause) {
    throw new NetError('invalid_option', `brokerUrl must be an absolute http(s) URL, got "${brokerUrl}"`, { cause });
  }
}

async function request(url: string, init?: RequestInit): Promise<{ status: number; body: unknown }> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (cause) {
    throw new NetError('broker_unreachable', `the broker at ${url} did not answer`, { cause });
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch (cause) {
    throw new NetError('broker_error', `the broker answered ${url} with something that is not JSON (HTTP ${response.status})`, { cause });
  }
  return { status: response.status, body };
}

function brokerError(url: string, status: number, body: unknown): NetError {
  const message = field(field(body, 'error'), 'message');
  return new NetError('broker_error', `the broker refused ${url} (HTTP ${status}): ${typeof message === 'string' ? message : 'no reason given'}`);
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

/**
 * Registers a lobby for a host that is connected to the broker; returns its code. The token proves
 * the caller is that host. Games call `createLobby(host)`, which takes both from the transport.
 */
export async function registerLobby(brokerUrl: string, credentials: HostCredentials): Promise<string> {
  const url = endpoint(brokerUrl, '/api/lobbies');
  const { status, body } = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ hostPeerId: credentials.hostPeerId, token: credentials.token }),
  });
  const code = field(body, 'code');
  if (status !== 201) throw brokerError(url, status, body);
  if (typeof code !== 'string') throw new NetError('broker_error', `the broker's ${url} answered without a lobby code`);
  return code;
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
  if (status === 429) throw new NetError('broker_error', 'the broker refuses more lobby lookups from this address for now; try again shortly');
  if (status !== 200) throw brokerError(url, status, body);
  const hostPeerId = field(body, 'hostPeerId');
  if (typeof hostPeerId !== 'string') throw new NetError('broker_error', `the broker's ${url} answered without a host`);
  return hostPeerId;
}
