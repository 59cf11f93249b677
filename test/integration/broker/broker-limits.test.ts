/**
 * Every broker limit against a real broker on an ephemeral port, each set low so that going over
 * it takes a few requests, and each checked from both sides: what the client is told, and the
 * broker's own count.
 */
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { startBroker, type Broker } from '../../../peer-server/src/broker.js';
import type { BrokerConfig } from '../../../peer-server/src/config.js';
import { expectApiError, postJson } from './support/api.js';
import { closed, connectPeerSocket, firstMessage, peerUrls, type PeerSocket } from './support/peer-socket.js';
import { candidateMessage, connectionIdOf, inbox, offerMessage } from './support/signals.js';
import { waitUntil, withDeadline } from './support/wait-until.js';

const brokers: Broker[] = [];
const sockets: WebSocket[] = [];

async function broker(overrides: Partial<BrokerConfig> = {}): Promise<Broker> {
  const started = await startBroker({ port: 0, staticDir: undefined, ...overrides });
  brokers.push(started);
  return started;
}

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await Promise.all(brokers.splice(0).map((b) => b.close()));
});

async function issuedId(b: Broker): Promise<string> {
  return (await fetch(peerUrls(b).idUrl)).text();
}

/** Opens a raw signaling socket and resolves with the first thing the broker says on it. */
async function openRaw(b: Broker, id: string, headers: Record<string, string> = {}): Promise<{ socket: WebSocket; first: unknown }> {
  const socket = new WebSocket(peerUrls(b).socketUrl(id, randomBytes(16).toString('hex')), { headers });
  sockets.push(socket);
  return { socket, first: await withDeadline(firstMessage(socket), `the broker's answer to ${id}`) };
}

const refusal = (pattern: RegExp) => ({ type: 'ERROR', payload: { msg: expect.stringMatching(pattern) } });

describe('signaling message size', () => {
  it('delivers a message of exactly maxMessageBytes and closes the socket of one byte more (1009)', async () => {
    const b = await broker({ maxMessageBytes: 2048 });
    const [from, to] = [await connectPeerSocket(b), await connectPeerSocket(b)];
    const atTo = inbox(to.socket);
    // A well-formed offer whose description is padded to make the whole message `size` bytes.
    const offer = (size: number) => {
      const bare = JSON.stringify(offerMessage(to.id, 'dc_size', ''));
      return JSON.stringify(offerMessage(to.id, 'dc_size', 'x'.repeat(size - bare.length)));
    };
    expect(offer(2048)).toHaveLength(2048);
    from.socket.send(offer(2048));
    await waitUntil(() => atTo.length === 1, 'the 2048-byte offer to arrive');
    const code = new Promise<number>((resolve) => from.socket.once('close', resolve));
    from.socket.send(offer(2049));
    expect(await withDeadline(code, 'the oversized sender to be closed')).toBe(1009);
    await to.close();
  });

  it('caps messages at 16 KiB by default', async () => {
    const b = await broker();
    expect(b.config.maxMessageBytes).toBe(16 * 1024);
    const peer = await connectPeerSocket(b);
    const code = new Promise<number>((resolve) => peer.socket.once('close', resolve));
    peer.socket.send(JSON.stringify({ type: 'HEARTBEAT', pad: 'x'.repeat(16 * 1024) }));
    expect(await withDeadline(code, 'the sender to be closed')).toBe(1009);
  });
});

describe('connections per address', () => {
  it('refuses the N+1th socket from one address with a reason, and takes it once one closes', async () => {
    const b = await broker({ maxConnectionsPerIp: 3 });
    const open: PeerSocket[] = [];
    for (let i = 0; i < 3; i++) open.push(await connectPeerSocket(b));
    const { socket, first } = await openRaw(b, await issuedId(b));
    expect(first).toEqual(refusal(/too many connections from one address \(the limit is 3\)/));
    await withDeadline(closed(socket), 'the refused socket to close');
    expect(b.counters.connectionsOverLimit).toBe(1);
    await open[0]!.close();
    // The broker hears of the close a moment after the client; until then a new socket is still refused.
    await waitUntil(async () => JSON.stringify((await openRaw(b, await issuedId(b))).first) === '{"type":"OPEN"}', 'room for one more');
    const { first: again } = await openRaw(b, await issuedId(b));
    expect(again).toEqual(refusal(/too many connections/));
    for (const peer of open.slice(1)) await peer.close();
  });

  it('behind a proxy, counts by the address the proxy added, never by what the client wrote before it', async () => {
    const b = await broker({ maxConnectionsPerIp: 1, proxied: true });
    const first = await openRaw(b, await issuedId(b), { 'x-forwarded-for': '203.0.113.7' });
    expect(first.first).toEqual({ type: 'OPEN' });
    const other = await openRaw(b, await issuedId(b), { 'x-forwarded-for': '203.0.113.8' });
    expect(other.first).toEqual({ type: 'OPEN' });
    // A client prepending a made-up address to its header is still counted as the proxy saw it.
    const spoofed = await openRaw(b, await issuedId(b), { 'x-forwarded-for': '198.51.100.1, 203.0.113.7' });
    expect(spoofed.first).toEqual(refusal(/too many connections/));
  });

  it('ignores X-Forwarded-For when not proxied', async () => {
    const b = await broker({ maxConnectionsPerIp: 1 });
    expect((await openRaw(b, await issuedId(b), { 'x-forwarded-for': '203.0.113.7' })).first).toEqual({ type: 'OPEN' });
    expect((await openRaw(b, await issuedId(b), { 'x-forwarded-for': '203.0.113.8' })).first).toEqual(refusal(/too many connections/));
  });
});

describe('lobby lookups', () => {
  it('answers a malformed and an unknown code identically, and 429 with Retry-After past the rate', async () => {
    const b = await broker({ lookupsPerMinute: 4 });
    const answers: string[] = [];
    for (const code of ['ZZZZZZ', 'O0O0', 'ZZZZZY', 'not a code']) {
      const response = await fetch(`${b.url}/api/lobbies/${encodeURIComponent(code)}`);
      answers.push(`${response.status} ${await response.text()}`);
    }
    expect(new Set(answers).size).toBe(1);
    expect(answers[0]).toMatch(/^404 .*lobby_not_found/);
    const limited = await fetch(`${b.url}/api/lobbies/ZZZZZZ`);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    await expectApiError(limited, 429, 'rate_limited');
    expect(b.counters.rateLimitedLookups).toBe(1);
  });

  it('limits each address on its own, behind a proxy by the proxy-added address', async () => {
    const b = await broker({ lookupsPerMinute: 1, proxied: true });
    const lookup = (address: string) => fetch(`${b.url}/api/lobbies/ZZZZZZ`, { headers: { 'x-forwarded-for': address } });
    expect((await lookup('203.0.113.7')).status).toBe(404);
    expect((await lookup('203.0.113.8')).status).toBe(404);
    expect((await lookup('203.0.113.7')).status).toBe(429);
  });
});

describe('messages held for absent peers', () => {
  it('holds at most maxQueuedPerPeer for one id and maxQueuedTotal in all, and tells the sender about the rest', async () => {
    const b = await broker({ maxQueuedPerPeer: 3, maxQueuedTotal: 5 });
    const sender = await connectPeerSocket(b);
    const atSender = inbox(sender.socket);
    const [absent, other] = [await issuedId(b), await issuedId(b)];
    const send = (dst: string, n: number) => sender.socket.send(JSON.stringify(candidateMessage(dst, `dc_${n}`)));
    for (let n = 0; n < 4; n++) send(absent, n);
    for (let n = 0; n < 3; n++) send(other, n);
    // Over the per-peer cap: absent's 4th. Over the total: other's 3rd (3 + 2 held already).
    await waitUntil(() => atSender.length === 2, 'two messages to be refused');
    expect(atSender).toEqual([
      { type: 'EXPIRE', src: absent },
      { type: 'EXPIRE', src: other },
    ]);
    expect(b.counters.droppedSignals).toBe(2);

    // The absent peer connects: it gets exactly the 3 held messages, then a live one.
    // Listening from the first byte: the held messages come in the same burst as OPEN.
    const late = new WebSocket(peerUrls(b).socketUrl(absent, randomBytes(16).toString('hex')));
    sockets.push(late);
    const atLate = inbox(late);
    await waitUntil(() => atLate.length > 0, 'the late peer to open');
    send(absent, 99);
    await waitUntil(() => atLate.some((m) => connectionIdOf(m) === 'dc_99'), 'the live message');
    expect(atLate[0]).toEqual({ type: 'OPEN' });
    expect(atLate.slice(1).map(connectionIdOf)).toEqual(['dc_0', 'dc_1', 'dc_2', 'dc_99']);
    await sender.close();
  });

  it('holds nothing for an id this broker never issued', async () => {
    const b = await broker();
    const sender = await connectPeerSocket(b);
    const atSender = inbox(sender.socket);
    sender.socket.send(JSON.stringify(offerMessage('made-up-id')));
    await waitUntil(() => atSender.length === 1, 'the refusal');
    expect(atSender).toEqual([{ type: 'EXPIRE', src: 'made-up-id' }]);
    expect(b.counters.droppedSignals).toBe(1);
    await sender.close();
  });
});

describe('peer ids', () => {
  it('refuses a client-chosen id, a forged one and one issued under another secret', async () => {
    const b = await broker({ secret: 'a'.repeat(32) });
    const elsewhere = await broker({ secret: 'b'.repeat(32) });
    const real = await issuedId(b);
    const forged = `${'0'.repeat(32)}${real.slice(32)}`;
    for (const id of ['my-own-id', forged, await issuedId(elsewhere)]) {
      const { socket, first } = await openRaw(b, id);
      expect(first).toEqual(refusal(/was not issued by this broker; connect without choosing an id/));
      await withDeadline(closed(socket), 'the refused socket to close');
    }
    expect(b.counters.unissuedIds).toBe(3);
    expect((await openRaw(b, real)).first).toEqual({ type: 'OPEN' });
  });
});

describe('lobby registration', () => {
  it('refuses a registration whose token is not the host socket token: 403 not_host_owner', async () => {
    const b = await broker();
    const host = await connectPeerSocket(b);
    await expectApiError(await postJson(`${b.url}/api/lobbies`, { hostPeerId: host.id, token: 'f'.repeat(32) }), 403, 'not_host_owner');
    await expectApiError(await postJson(`${b.url}/api/lobbies`, { hostPeerId: host.id, token: host.token.slice(1) }), 403, 'not_host_owner');
    expect(b.counters.refusedRegistrations).toBe(2);
    expect((await postJson(`${b.url}/api/lobbies`, { hostPeerId: host.id, token: host.token })).status).toBe(201);
    await host.close();
  });
});
