import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../engine/src/core/clock.js';
import { isNetError } from '../../../engine/src/core/net-error.js';
import type { ChannelName } from '../../../engine/src/transport/channels.js';
import { LoopbackNetwork } from '../../../engine/src/transport/loopback/loopback-network.js';
import type { LeaveReason } from '../../../engine/src/transport/transport.js';

function bytes(n: number): Uint8Array {
  return new Uint8Array([n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff]);
}

function number(data: Uint8Array): number {
  return data[0]! | (data[1]! << 8) | (data[2]! << 16);
}

function setup(conditions: ConstructorParameters<typeof LoopbackNetwork>[0]['conditions'] = {}, seed = 1) {
  const clock = new ManualClock();
  const network = new LoopbackNetwork({ clock, seed, conditions });
  const host = network.createHost('host');
  const hostInbox: { peerId: string; channel: ChannelName; n: number }[] = [];
  host.on('message', ({ peerId, channel, data }) => hostInbox.push({ peerId, channel, n: number(data) }));
  return { clock, network, host, hostInbox };
}

describe('loopback transport', () => {
  it('joins a peer after one-way latency and delivers both ways', () => {
    const { clock, network, host, hostInbox } = setup({ latencyMs: 50 });
    const joined: string[] = [];
    host.on('peerJoined', ({ peerId }) => joined.push(peerId));
    const client = network.connect('host', { peerId: 'a' });
    const clientInbox: number[] = [];
    client.on('message', ({ data }) => clientInbox.push(number(data)));
    client.send('state', bytes(7));
    clock.advance(49);
    expect(joined).toEqual([]);
    clock.advance(1);
    expect(joined).toEqual(['a']);
    expect(hostInbox).toEqual([{ peerId: 'a', channel: 'state', n: 7 }]);
    host.send('a', 'control', bytes(9));
    clock.advance(50);
    expect(clientInbox).toEqual([9]);
    expect(host.peers()).toEqual(['a']);
  });

  it('delivers control messages exactly once and in order under loss and jitter', () => {
    const { clock, network, hostInbox } = setup({ latencyMs: 40, jitterMs: 30, loss: 0.2, duplication: 0.2, reorder: 0.2 });
    const client = network.connect('host');
    for (let i = 0; i < 2000; i++) {
      client.send('control', bytes(i));
      clock.advance(1);
    }
    clock.advance(10_000);
    expect(hostInbox.map((m) => m.n)).toEqual(Array.from({ length: 2000 }, (_, i) => i));
  });

  it('loses, duplicates and reorders state messages as configured, deterministically per seed', () => {
    const run = (seed: number) => {
      const { clock, network, hostInbox } = setup({ latencyMs: 20, jitterMs: 10, loss: 0.1, duplication: 0.05, reorder: 0.1 }, seed);
      const client = network.connect('host');
      for (let i = 0; i < 5000; i++) {
        client.send('state', bytes(i));
        clock.advance(1);
      }
      clock.advance(1000);
      return hostInbox.map((m) => m.n);
    };
    const received = run(3);
    expect(run(3)).toEqual(received);
    const unique = new Set(received);
    const lossRate = 1 - unique.size / 5000;
    expect(lossRate).toBeGreaterThan(0.07);
    expect(lossRate).toBeLessThan(0.13);
    expect(received.length - unique.size).toBeGreaterThan(100);
    const outOfOrder = received.filter((n, i) => i > 0 && n < received[i - 1]!).length;
    expect(outOfOrder).toBeGreaterThan(100);
  });

  it('queues under a bandwidth cap and drops state messages past the queue limit', () => {
    const { clock, network, host } = setup({ bandwidthBytesPerSec: 1000, queueLimitBytes: 300 });
    const client = network.connect('host', { peerId: 'a' });
    clock.advance(1);
    const big = new Uint8Array(100);
    const accepted = Array.from({ length: 10 }, () => client.send('state', big));
    // 1000 B/s drains 100 bytes in 100 ms: three messages fill the 300-byte queue.
    expect(accepted).toEqual([true, true, true, false, false, false, false, false, false, false]);
    expect(client.stats().channels.state.bufferedAmount).toBe(300);
    expect(client.stats().channels.state.dropsOut).toBe(7);
    clock.advance(299);
    expect(host.stats('a')!.channels.state.messagesIn).toBe(2);
    clock.advance(1);
    expect(host.stats('a')!.channels.state.messagesIn).toBe(3);
    expect(client.stats().channels.state.bufferedAmount).toBe(0);
    for (let i = 0; i < 5; i++) client.send('control', big);
    expect(client.stats().channels.control.dropsOut).toBe(0);
    clock.advance(500);
    expect(host.stats('a')!.channels.control.messagesIn).toBe(5);
  });

  it('counts bytes and messages per channel on both ends', () => {
    const { clock, network, host } = setup({ latencyMs: 5 });
    const client = network.connect('host', { peerId: 'a' });
    clock.advance(5);
    client.send('control', new Uint8Array(10));
    client.send('state', new Uint8Array(20));
    host.send('a', 'state', new Uint8Array(30));
    clock.advance(10);
    const hostView = host.stats('a')!;
    const clientView = client.stats();
    expect(hostView.channels.control.bytesIn).toBe(10);
    expect(hostView.channels.state.bytesIn).toBe(20);
    expect(hostView.channels.state.bytesOut).toBe(30);
    expect(clientView.channels.state.bytesIn).toBe(30);
    expect(clientView.channels.control.messagesOut).toBe(1);
    expect(clientView.channels.state.ordered).toBe(false);
    expect(clientView.channels.state.maxRetransmits).toBe(0);
    expect(clientView.rttMs).toBe(10);
  });

  it('refuses oversized messages with a NetError before anything is sent', () => {
    const { network } = setup();
    const client = network.connect('host');
    expect(() => client.send('state', new Uint8Array(1151))).toThrow(/at most 1150 bytes/);
    expect(() => client.send('control', new Uint8Array(64 * 1024 + 1))).toThrow(/at most 65536 bytes/);
    let error: unknown;
    try {
      client.send('state', new Uint8Array(2000));
    } catch (e) {
      error = e;
    }
    expect(isNetError(error, 'message_too_large')).toBe(true);
    expect(client.send('state', new Uint8Array(1150))).toBe(true);
    expect(client.stats().channels.state.messagesOut).toBe(1);
  });

  it('reports leaving with reasons on both sides', () => {
    const { clock, network, host } = setup({ latencyMs: 30 });
    const left: { peerId: string; reason: LeaveReason }[] = [];
    host.on('peerLeft', (e) => left.push(e));
    const a = network.connect('host', { peerId: 'a' });
    const b = network.connect('host', { peerId: 'b' });
    const bClosed: LeaveReason[] = [];
    b.on('closed', (r) => bClosed.push(r));
    clock.advance(30);
    a.close('tab closed');
    expect(a.open).toBe(false);
    expect(a.send('state', bytes(1))).toBe(false);
    clock.advance(30);
    expect(left).toEqual([{ peerId: 'a', reason: { code: 'closed', message: 'tab closed' } }]);
    host.disconnect('b', 'kicked for flooding');
    expect(left[1]).toEqual({ peerId: 'b', reason: { code: 'local', message: 'kicked for flooding' } });
    clock.advance(30);
    expect(bClosed).toEqual([{ code: 'closed', message: 'kicked for flooding' }]);
    expect(host.peers()).toEqual([]);
  });

  it('tells every client when the host closes, and refuses connections to a missing host', () => {
    const { clock, network, host } = setup({ latencyMs: 10 });
    const client = network.connect('host');
    const closed: LeaveReason[] = [];
    client.on('closed', (r) => closed.push(r));
    clock.advance(10);
    host.close();
    clock.advance(10);
    expect(closed).toEqual([{ code: 'closed', message: 'the host closed' }]);
    expect(() => network.connect('host')).toThrow(/no loopback host/);
  });
});
