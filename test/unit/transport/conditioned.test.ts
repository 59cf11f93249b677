import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../engine/src/core/clock.js';
import { conditionClient, conditionHost } from '../../../engine/src/transport/conditioned.js';
import { LoopbackNetwork } from '../../../engine/src/transport/loopback/loopback-network.js';

function setup() {
  const clock = new ManualClock();
  const network = new LoopbackNetwork({ clock });
  const host = network.createHost('host');
  const atHost: number[] = [];
  host.on('message', ({ data }) => atHost.push(data[0]!));
  const client = conditionClient(network.connect('host', { peerId: 'a' }), { clock, seed: 5 });
  const atClient: number[] = [];
  client.transport.on('message', ({ data }) => atClient.push(data[0]!));
  clock.advance(1);
  return { clock, host, client, atHost, atClient };
}

describe('conditioned transport', () => {
  it('passes messages straight through on the perfect link', () => {
    const { clock, client, atHost } = setup();
    client.transport.send('state', new Uint8Array([1]));
    clock.advance(0);
    expect(atHost).toEqual([1]);
  });

  it('delays both directions by the latency, and changes at run time', () => {
    const { clock, host, client, atHost, atClient } = setup();
    client.setConditions({ latencyMs: 100 });
    const data = new Uint8Array([7]);
    client.transport.send('control', data);
    data[0] = 99; // the caller reusing its buffer must not change what is delivered
    clock.advance(99);
    expect(atHost).toEqual([]);
    clock.advance(1);
    expect(atHost).toEqual([7]);
    host.send('a', 'control', new Uint8Array([8]));
    clock.advance(99);
    expect(atClient).toEqual([]);
    clock.advance(1);
    expect(atClient).toEqual([8]);
    client.setConditions({ latencyMs: 0 });
    client.transport.send('state', new Uint8Array([9]));
    clock.advance(0);
    expect(atHost).toEqual([7, 9]);
    expect(client.conditions.latencyMs).toBe(0);
  });

  it('drops state messages at the loss rate and keeps control messages whole and in order', () => {
    const { clock, client, atHost } = setup();
    client.setConditions({ latencyMs: 20, jitterMs: 20, loss: 0.3 });
    for (let i = 0; i < 200; i++) client.transport.send('control', new Uint8Array([i]));
    clock.advance(5000);
    expect(atHost).toEqual(Array.from({ length: 200 }, (_, i) => i));
    atHost.length = 0;
    for (let i = 0; i < 200; i++) client.transport.send('state', new Uint8Array([i]));
    clock.advance(5000);
    expect(atHost.length).toBeGreaterThan(100);
    expect(atHost.length).toBeLessThan(180);
  });

  it('conditions a host towards all its peers', () => {
    const clock = new ManualClock();
    const network = new LoopbackNetwork({ clock });
    const host = conditionHost(network.createHost('host'), { clock, conditions: { latencyMs: 50 } });
    const joined: string[] = [];
    host.transport.on('peerJoined', ({ peerId }) => joined.push(peerId));
    const client = network.connect('host', { peerId: 'b' });
    const got: number[] = [];
    client.on('message', ({ data }) => got.push(data[0]!));
    clock.advance(1);
    expect(joined).toEqual(['b']);
    expect(host.transport.broadcast('state', new Uint8Array([3]))).toBe(1);
    clock.advance(49);
    expect(got).toEqual([]);
    clock.advance(1);
    expect(got).toEqual([3]);
  });
});
