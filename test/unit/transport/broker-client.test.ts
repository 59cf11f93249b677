import { afterEach, describe, expect, it, vi } from 'vitest';
import { isNetError } from '../../../engine/src/core/net-error.js';
import { resolveLobby } from '../../../engine/src/transport/peerjs/broker-client.js';
import { joinPeerLobby } from '../../../engine/src/transport/peerjs/peerjs-client.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('joining by lobby code', () => {
  it('asks for a code when it is empty, before any request reaches the broker', async () => {
    const fetch = vi.fn(() => Promise.reject(new Error('no request was expected')));
    vi.stubGlobal('fetch', fetch);
    for (const code of ['', '   ']) {
      const error: unknown = await resolveLobby('http://127.0.0.1:9', code).catch((e: unknown) => e);
      expect(isNetError(error, 'invalid_option')).toBe(true);
      expect((error as Error).message).toBe('Enter a lobby code: the code to join is empty.');
      await expect(joinPeerLobby({ brokerUrl: 'http://127.0.0.1:9', code, iceServers: [] })).rejects.toThrow(/^Enter a lobby code/);
    }
    expect(fetch).not.toHaveBeenCalled();
  });

  it('still asks the broker for any other code', async () => {
    const fetch = vi.fn(() => Promise.resolve(new Response(JSON.stringify({ hostPeerId: 'abc' }), { status: 200 })));
    vi.stubGlobal('fetch', fetch);
    await expect(resolveLobby('http://127.0.0.1:9', ' k7qx2m ')).resolves.toBe('abc');
    expect(fetch).toHaveBeenCalledWith('http://127.0.0.1:9/api/lobbies/k7qx2m', undefined);
  });
});
