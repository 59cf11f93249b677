/**
 * The PeerJS transport over real WebRTC (node-datachannel) through a real broker on 127.0.0.1:
 * a host and three clients joined by lobby code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installNodeGlobals } from '../../engine/src/node/install-globals.js';
import type { ChannelName } from '../../engine/src/transport/channels.js';
import { joinPeerLobby } from '../../engine/src/transport/peerjs/peerjs-client.js';
import { createLobby, openPeerHost, type PeerHostTransport } from '../../engine/src/transport/peerjs/peerjs-host.js';
import type { ClientTransport, LeaveReason } from '../../engine/src/transport/transport.js';
import { startBroker, type Broker } from '../../peer-server/src/broker.js';
import { nextEvent, quantile, waitFor } from '../support/wait.js';

installNodeGlobals();

const u32 = (n: number) => new Uint8Array(new Uint32Array([n]).buffer);
const readU32 = (data: Uint8Array) => new DataView(data.buffer, data.byteOffset, data.byteLength).getUint32(0, true);

describe('PeerJS transport over real WebRTC', () => {
  let broker: Broker;
  let host: PeerHostTransport;
  let code: string;
  const clients: ClientTransport[] = [];

  beforeAll(async () => {
    broker = await startBroker({ port: 0, iceServers: [], staticDir: undefined });
    host = await openPeerHost({ brokerUrl: broker.url, iceServers: [] });
    code = await createLobby(host);
    for (let i = 0; i < 3; i++) clients.push(await joinPeerLobby({ brokerUrl: broker.url, code, iceServers: [] }));
    await waitFor(() => host.peers().length === 3, 'three peers to join the host');
  });

  afterAll(async () => {
    for (const client of clients) client.close('test over');
    host?.close();
    await broker?.close();
  });

  it('joins three clients by lobby code', () => {
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{6,}$/);
    expect(clients.every((c) => c.open && c.hostId === host.id)).toBe(true);
    expect(new Set(host.peers()).size).toBe(3);
  });

  it('opens state unordered with no retransmits and control reliable, read on the sending side', () => {
    for (const peerId of host.peers()) {
      const { channels } = host.stats(peerId)!;
      expect(channels.state.ordered).toBe(false);
      expect(channels.state.maxRetransmits).toBe(0);
      expect(channels.control.ordered).toBe(true);
      expect(channels.control.maxRetransmits).toBeNull();
    }
    for (const client of clients) {
      expect(client.stats().channels.state.ordered).toBe(false);
      expect(client.stats().channels.state.maxRetransmits).toBe(0);
    }
  });

  it('delivers 10,000 control messages exactly once and in order, both ways', async () => {
    const client = clients[0]!;
    const atHost: number[] = [];
    const atClient: number[] = [];
    const offHost = host.on('message', (m) => {
      if (m.channel === 'control') atHost.push(readU32(m.data));
    });
    const offClient = client.on('message', (m) => {
      if (m.channel === 'control') atClient.push(readU32(m.data));
    });
    const count = 10_000;
    for (let i = 0; i < count; i++) {
      expect(client.send('control', u32(i))).toBe(true);
      expect(host.send(client.id, 'control', u32(i))).toBe(true);
      // Let the buffers drain now and then rather than queueing megabytes at once.
      if (i % 500 === 499) await waitFor(() => client.stats().channels.control.bufferedAmount < 64 * 1024, 'control to drain');
    }
    await waitFor(() => atHost.length >= count && atClient.length >= count, `${count} control messages each way`, 30_000);
    offHost();
    offClient();
    const inOrder = Array.from({ length: count }, (_, i) => i);
    expect(atHost).toEqual(inOrder);
    expect(atClient).toEqual(inOrder);
  });

  it('carries messages both ways on both channels, and measures their round trip', async () => {
    const offEcho = host.on('message', ({ peerId, channel, data }) => {
      host.send(peerId, channel, data);
    });
    const rtts: Record<ChannelName, number[]> = { control: [], state: [] };
    for (const channel of ['control', 'state'] as const) {
      for (const client of clients) {
        for (let i = 0; i < 60; i++) {
          const sent = performance.now();
          const tag = (channel === 'state' ? 0x80000000 : 0) + i;
          const echo = nextEvent<{ channel: ChannelName; data: Uint8Array }>(
            (listener) =>
              client.on('message', (m) => {
                if (m.channel === channel && readU32(m.data) === tag) listener(m);
              }),
            `echo ${tag} on ${channel}`,
            2000,
          );
          client.send(channel, u32(tag));
          const ok = await echo.then(
            () => true,
            () => false,
          );
          if (ok) rtts[channel].push(performance.now() - sent);
        }
      }
    }
    offEcho();
    expect(rtts.control.length).toBe(180);
    // Unreliable: a datagram may be lost even on loopback, but nearly all arrive.
    expect(rtts.state.length).toBeGreaterThan(150);
    for (const channel of ['control', 'state'] as const) {
      const p50 = quantile(rtts[channel], 0.5);
      const p99 = quantile(rtts[channel], 0.99);
      console.log(`webrtc RTT on ${channel}: median ${p50.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms over ${rtts[channel].length} samples`);
      expect(p50).toBeGreaterThan(0);
    }
    for (const peerId of host.peers()) {
      const stats = host.stats(peerId)!;
      expect(stats.channels.state.messagesIn).toBeGreaterThan(0);
      expect(stats.channels.state.messagesOut).toBeGreaterThan(0);
      expect(stats.rttMs).toBeGreaterThan(0);
    }
  });

  it('refuses a state message over 1150 bytes before it reaches the channel', () => {
    const client = clients[1]!;
    const before = client.stats().channels.state.messagesOut;
    expect(() => client.send('state', new Uint8Array(1151))).toThrow(/at most 1150 bytes/);
    expect(() => host.broadcast('control', new Uint8Array(64 * 1024 + 1))).toThrow(/at most 65536 bytes/);
    expect(client.stats().channels.state.messagesOut).toBe(before);
  });

  it('reports a client that closes as left, with its reason, within 5 seconds', async () => {
    const leaving = clients.pop()!;
    const started = Date.now();
    const left = nextEvent<{ peerId: string; reason: LeaveReason }>((l) => host.on('peerLeft', l), 'peerLeft', 5000);
    leaving.close('player closed the tab');
    const event = await left;
    expect(Date.now() - started).toBeLessThan(5000);
    expect(event.reason).toEqual({ code: 'closed', message: 'player closed the tab' });
    expect(host.peers()).toHaveLength(2);
    expect(host.peers()).not.toContain(event.peerId);
  });
});
