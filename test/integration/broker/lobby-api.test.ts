/**
 * The lobby API over real HTTP against a real broker on an ephemeral port, with hosts connected to
 * its PeerServer the way the PeerJS client connects.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type Broker } from '../../../peer-server/src/broker.js';
import { LOBBY_CODE_ALPHABET } from '../../../peer-server/src/lobby-codes.js';
import { expectApiError, jsonBody, postJson, postRaw } from './support/api.js';
import { connectPeerSocket, type PeerSocket } from './support/peer-socket.js';
import { waitUntil } from './support/wait-until.js';

const ICE_SERVERS = [{ urls: ['stun:127.0.0.1:3478'] }, { urls: 'turn:127.0.0.1:3478', username: 'u', credential: 'p' }];
const INDEX_HTML = '<!doctype html><title>tickwire test page</title>';
const CODE = new RegExp(`^[${LOBBY_CODE_ALPHABET}]{6}$`);

describe('lobby API', () => {
  let broker: Broker;
  let staticDir: string;
  let host: PeerSocket;
  let lobbies: string;

  beforeAll(async () => {
    staticDir = await mkdtemp(join(tmpdir(), 'tickwire-broker-'));
    await writeFile(join(staticDir, 'index.html'), INDEX_HTML);
    broker = await startBroker({ port: 0, staticDir, iceServers: ICE_SERVERS, lookupsPerMinute: 100_000 });
    lobbies = `${broker.url}/api/lobbies`;
    host = await connectPeerSocket(broker);
  });

  afterAll(async () => {
    await broker?.close();
    if (staticDir) await rm(staticDir, { recursive: true, force: true });
  });

  async function createLobby(peer: PeerSocket): Promise<string> {
    const response = await postJson(lobbies, { hostPeerId: peer.id, token: peer.token });
    const body = await jsonBody(response);
    expect(response.status).toBe(201);
    const { code } = body as { code: unknown };
    expect(code).toMatch(CODE);
    return code as string;
  }

  describe('creating and resolving', () => {
    it('creates a lobby for a connected host: 201 with a code', async () => {
      const response = await postJson(lobbies, { hostPeerId: host.id, token: host.token });
      expect(response.status).toBe(201);
      expect(await jsonBody(response)).toEqual({ code: expect.stringMatching(CODE) });
    });

    it('gives a host that already has a lobby the same code again', async () => {
      expect(await createLobby(host)).toBe(await createLobby(host));
    });

    it('gives different hosts different codes', async () => {
      const other = await connectPeerSocket(broker);
      try {
        expect(await createLobby(other)).not.toBe(await createLobby(host));
      } finally {
        await other.close();
      }
    });

    it('resolves a code to its host peer id: 200', async () => {
      const code = await createLobby(host);
      const response = await fetch(`${lobbies}/${code}`);
      expect(response.status).toBe(200);
      expect(await jsonBody(response)).toEqual({ hostPeerId: host.id });
    });

    it('resolves a code typed in lowercase with spaces around it', async () => {
      const code = await createLobby(host);
      const response = await fetch(`${lobbies}/${encodeURIComponent(` ${code.toLowerCase()} `)}`);
      expect(response.status).toBe(200);
      expect(await jsonBody(response)).toEqual({ hostPeerId: host.id });
    });

    it('answers 404 lobby_not_found for a well-formed code nobody has', async () => {
      const code = await createLobby(host);
      const unknown = code === '222222' ? '333333' : '222222';
      await expectApiError(await fetch(`${lobbies}/${unknown}`), 404, 'lobby_not_found');
    });

    it.each(['ABC', 'ABCDEFG', 'O0O0O0', 'I1L1I1', 'AB-CDE'])('answers 404 lobby_not_found for the malformed code %s', async (code) => {
      await expectApiError(await fetch(`${lobbies}/${code}`), 404, 'lobby_not_found');
    });

    it('refuses a host that is not connected to the broker: 409 host_not_connected', async () => {
      await expectApiError(await postJson(lobbies, { hostPeerId: 'not-a-connected-peer', token: 'abc' }), 409, 'host_not_connected');
    });

    it('closes the lobby when its host disconnects from the broker', async () => {
      const leaving = await connectPeerSocket(broker);
      const code = await createLobby(leaving);
      expect((await fetch(`${lobbies}/${code}`)).status).toBe(200);
      await leaving.close();
      await waitUntil(async () => (await fetch(`${lobbies}/${code}`)).status === 404, `lobby ${code} to close`);
      await expectApiError(await fetch(`${lobbies}/${code}`), 404, 'lobby_not_found');
      // Gone from the broker's view of connected peers too, not only from the lobby list.
      await expectApiError(await postJson(lobbies, { hostPeerId: leaving.id, token: leaving.token }), 409, 'host_not_connected');
    });
  });

  describe('malformed requests', () => {
    it('answers 400 invalid_json for a body that is not JSON', async () => {
      await expectApiError(await postRaw(lobbies, '{"hostPeerId": ', 'application/json'), 400, 'invalid_json');
    });

    it.each([
      ['an empty object', {}],
      ['a number id', { hostPeerId: 42 }],
      ['a null id', { hostPeerId: null }],
      ['an empty id', { hostPeerId: '' }],
      ['an id over 128 characters', { hostPeerId: 'x'.repeat(129), token: 'abc' }],
      ['no token', { hostPeerId: 'x' }],
      ['a number token', { hostPeerId: 'x', token: 7 }],
      ['an empty token', { hostPeerId: 'x', token: '' }],
      ['an array', [{ hostPeerId: 'x' }]],
      ['a string', 'hostPeerId'],
      ['null', null],
    ])('answers 400 invalid_request for %s', async (_name, body) => {
      await expectApiError(await postJson(lobbies, body), 400, 'invalid_request');
    });

    it('answers 400 invalid_request for an empty JSON body', async () => {
      await expectApiError(await postRaw(lobbies, '', 'application/json'), 400, 'invalid_request');
    });

    it('answers 413 payload_too_large for a body over 4 KiB', async () => {
      await expectApiError(await postJson(lobbies, { hostPeerId: host.id, padding: 'x'.repeat(4096) }), 413, 'payload_too_large');
    });

    it.each([
      ['text/plain', 'text/plain'],
      ['a form', 'application/x-www-form-urlencoded'],
      ['no content type', undefined],
    ])('answers 415 unsupported_media_type for %s', async (_name, contentType) => {
      await expectApiError(await postRaw(lobbies, JSON.stringify({ hostPeerId: host.id }), contentType), 415, 'unsupported_media_type');
    });

    it('answers 415 unsupported_media_type for JSON in a charset other than UTF-8', async () => {
      await expectApiError(await postRaw(lobbies, JSON.stringify({ hostPeerId: host.id }), 'application/json; charset=latin1'), 415, 'unsupported_media_type');
    });

    it.each(['/api', '/api/', '/api/nope', '/api/lobbies/ABCDEF/extra'])('answers 404 not_found for the unknown route %s', async (path) => {
      await expectApiError(await fetch(`${broker.url}${path}`), 404, 'not_found');
    });

    it.each([
      ['PATCH', '/api/lobbies', 'GET, HEAD, POST'],
      ['DELETE', '/api/lobbies/ABCDEF', 'GET, HEAD'],
      ['PUT', '/api/lobbies/ABCDEF', 'GET, HEAD'],
      ['POST', '/api/config', 'GET, HEAD'],
    ])('answers 405 method_not_allowed for %s %s, with Allow', async (method, path, allow) => {
      const response = await fetch(`${broker.url}${path}`, { method });
      expect(response.headers.get('allow')).toBe(allow);
      await expectApiError(response, 405, 'method_not_allowed');
    });

    it('keeps serving after a client sends garbage over its PeerJS socket, and counts it', async () => {
      const before = broker.counters.malformedSignals;
      const rude = await connectPeerSocket(broker);
      rude.socket.send('this is not JSON');
      // Refused by the signaling gate before PeerServer could choke on it.
      await waitUntil(() => broker.counters.malformedSignals === before + 1, 'the broker to count the bad message');
      await rude.close();
      expect((await fetch(`${broker.url}/api/config`)).status).toBe(200);
    });
  });

  describe('configuration, CORS and the demo', () => {
    it('serves what a client needs at /api/config', async () => {
      const response = await fetch(`${broker.url}/api/config`);
      expect(response.status).toBe(200);
      expect(await jsonBody(response)).toEqual({ peerPath: '/peerjs', peerKey: 'tickwire', iceServers: ICE_SERVERS });
    });

    it('allows any origin on API answers, errors included', async () => {
      const origin = { headers: { origin: 'http://game.example' } };
      for (const response of [
        await fetch(`${broker.url}/api/config`, origin),
        await fetch(`${lobbies}/ZZZZZZ`, origin),
        await postJson(lobbies, { hostPeerId: host.id, token: host.token }),
      ]) {
        expect(response.headers.get('access-control-allow-origin')).toBe('*');
      }
    });

    it('answers a CORS preflight for a JSON POST', async () => {
      const response = await fetch(lobbies, {
        method: 'OPTIONS',
        headers: { origin: 'http://game.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('access-control-allow-methods')).toContain('POST');
      expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
    });

    it('tells caches not to keep lobby answers', async () => {
      expect((await fetch(`${lobbies}/ZZZZZZ`)).headers.get('cache-control')).toBe('no-store');
    });

    it('serves the static index.html at /', async () => {
      const response = await fetch(`${broker.url}/`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await response.text()).toBe(INDEX_HTML);
    });

    it('keeps peer discovery off', async () => {
      expect((await fetch(`${broker.url}/peerjs/tickwire/peers`)).status).toBe(401);
    });
  });
});
