/**
 * The real PeerJS client against the broker, configured only from `GET /api/config` plus the broker's
 * host and port: the proof that `{ host, port, path: peerPath, key: peerKey }` is all a client needs.
 * Only the signaling connection is exercised; data channels are the webrtc tier's business.
 */
import { randomBytes } from 'node:crypto';
import * as webrtc from 'node-datachannel/polyfill';
import type { Peer, PeerOptions } from 'peerjs';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type Broker } from '../../../peer-server/src/broker.js';
import { jsonBody, postJson } from './support/api.js';
import { waitUntil, withDeadline } from './support/wait-until.js';

type PeerConstructor = new (options: PeerOptions) => Peer;

/**
 * PeerJS checks for WebRTC and uses the global WebSocket when it loads, and Node 20 has neither;
 * its CommonJS build, which Node loads, keeps `Peer` on the default export.
 */
async function loadPeer(): Promise<PeerConstructor> {
  Object.assign(globalThis, {
    RTCPeerConnection: webrtc.RTCPeerConnection,
    RTCSessionDescription: webrtc.RTCSessionDescription,
    RTCIceCandidate: webrtc.RTCIceCandidate,
    WebSocket,
  });
  const module: unknown = await import('peerjs');
  const { Peer: direct, default: fallback } = module as { Peer?: PeerConstructor; default?: { Peer?: PeerConstructor } };
  const found = direct ?? fallback?.Peer;
  if (!found) throw new Error('peerjs exports no Peer');
  return found;
}

function opened(peer: Peer): Promise<string> {
  return new Promise((resolve, reject) => {
    peer.once('open', resolve);
    peer.once('error', reject);
  });
}

describe('a real PeerJS client', () => {
  let broker: Broker;
  let PeerClass: PeerConstructor;
  const peers: Peer[] = [];

  beforeAll(async () => {
    broker = await startBroker({ port: 0, peerPath: '/rtc', peerKey: 'pj-key', staticDir: undefined });
    PeerClass = await loadPeer();
  });

  afterAll(async () => {
    for (const peer of peers) peer.destroy();
    await broker?.close();
  });

  /** Opens a peer with a token of its own, the secret that proves it owns its id. */
  async function openPeer(token = randomBytes(16).toString('hex')): Promise<Peer> {
    const { peerPath, peerKey, iceServers } = (await jsonBody(await fetch(`${broker.url}/api/config`))) as {
      peerPath: string;
      peerKey: string;
      iceServers: RTCIceServer[];
    };
    // secure is given because PeerJS would otherwise read it from `location`, which Node lacks.
    const peer = new PeerClass({ host: '127.0.0.1', port: broker.port, secure: false, path: peerPath, key: peerKey, token, config: { iceServers }, debug: 0 });
    peers.push(peer);
    await withDeadline(opened(peer), 'the PeerJS client to open');
    return peer;
  }

  it('connects with the path and key from /api/config and can open a lobby', async () => {
    const token = randomBytes(16).toString('hex');
    const peer = await openPeer(token);
    expect(peer.id).toMatch(/^[0-9a-f]{32}-[0-9a-f]{32}$/);
    const created = await postJson(`${broker.url}/api/lobbies`, { hostPeerId: peer.id, token });
    expect(created.status).toBe(201);
    const { code } = (await jsonBody(created)) as { code: string };
    expect(await jsonBody(await fetch(`${broker.url}/api/lobbies/${code}`))).toEqual({ hostPeerId: peer.id });
  });

  it("closes the lobby when the client's peer is destroyed", async () => {
    const token = randomBytes(16).toString('hex');
    const peer = await openPeer(token);
    const { code } = (await jsonBody(await postJson(`${broker.url}/api/lobbies`, { hostPeerId: peer.id, token }))) as { code: string };
    peer.destroy();
    await waitUntil(async () => (await fetch(`${broker.url}/api/lobbies/${code}`)).status === 404, `lobby ${code} to close`);
  });

  it('refuses a PeerJS client that chooses its own id, with a reason it reports', async () => {
    const { peerPath, peerKey } = (await jsonBody(await fetch(`${broker.url}/api/config`))) as { peerPath: string; peerKey: string };
    const Chosen = PeerClass as unknown as new (id: string, options: PeerOptions) => Peer;
    const peer = new Chosen('my-favourite-id', { host: '127.0.0.1', port: broker.port, secure: false, path: peerPath, key: peerKey, config: { iceServers: [] }, debug: 0 });
    peers.push(peer);
    const error = await withDeadline(
      new Promise<{ type: string; message: string }>((resolve) => peer.once('error', (e) => resolve({ type: e.type, message: e.message }))),
      'the refusal',
    );
    expect(error).toEqual({ type: 'server-error', message: expect.stringMatching(/not issued by this broker/) });
  });
});
