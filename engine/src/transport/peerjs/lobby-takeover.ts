/**
 * Host migration at the broker: the heir whose turn it is, now a host of its own on the broker,
 * takes the old host's lobby over, so the code leads the other players to it. The broker lets it
 * with the credential it issued for the lobby (the old host handed it to its heirs), and only once
 * the old host's own connection to the broker is gone; a broker that has not seen that yet
 * (`host_still_connected`) is asked again for a little while.
 */
import type { Clock } from '../../core/clock.js';
import { NetError } from '../../core/net-error.js';
import { readRegistration, type HostCredentials, type LobbyRegistration } from './broker-client.js';
import { brokerErrorCode, endpoint, jsonRequest, request } from './broker-http.js';

/** How long an heir whose host said it was leaving waits for the broker to see it gone, in ms. */
export const TAKEOVER_WAIT_MS = 5000;
/** Between two asks while the old host still looks connected, in ms. */
const TAKEOVER_RETRY_MS = 200;

/**
 * Takes the lobby `code` over for the host with `credentials`; resolves with the lobby and the
 * credential for the next takeover. Rejects with `takeover_refused` when the broker says no (a
 * credential already used: another heir took it first; the lobby gone), with the broker's words.
 * `waitMs`: how long to ask again while the broker still sees the old host (0: a host whose link
 * merely failed may well be alive, and the heir goes back to it instead).
 */
export async function takeOverLobby(brokerUrl: string, code: string, credentials: HostCredentials, credential: string, clock: Clock, waitMs: number): Promise<LobbyRegistration> {
  const url = endpoint(brokerUrl, `/api/lobbies/${encodeURIComponent(code)}/takeover`);
  const until = clock.now() + waitMs;
  for (;;) {
    const { status, body } = await request(url, jsonRequest('POST', { hostPeerId: credentials.hostPeerId, token: credentials.token, credential }));
    if (status === 200) return readRegistration(url, body, true);
    const reason = brokerErrorCode(body) ?? `HTTP ${status}`;
    if (reason !== 'host_still_connected' || clock.now() >= until) {
      throw new NetError('takeover_refused', `the broker would not hand lobby "${code}" over (${reason})`);
    }
    await new Promise<void>((resolve) => clock.setTimer(TAKEOVER_RETRY_MS, resolve));
  }
}
