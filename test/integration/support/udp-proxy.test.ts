/**
 * The tests' UDP proxy with real sockets on 127.0.0.1, in front of an echo server standing in for
 * a TURN server: one upstream socket per client, loss at the configured rate in both directions,
 * the delay added, order kept, and every socket freed on close.
 */
import { createSocket, type Socket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { startUdpProxy, type UdpProxy } from '../../support/udp-proxy.js';
import { waitFor } from '../../support/wait.js';

interface Endpoint {
  readonly socket: Socket;
  readonly port: number;
  /** Each datagram's first 4 bytes as a number, and the port it came from. */
  readonly received: { n: number; from: number; at: number }[];
}

async function endpoint(echo: boolean): Promise<Endpoint> {
  const socket = createSocket('udp4');
  const received: Endpoint['received'] = [];
  socket.on('message', (data, from) => {
    received.push({ n: data.readUInt32BE(0), from: from.port, at: performance.now() });
    if (echo) socket.send(data, from.port, from.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return { socket, port: socket.address().port, received };
}

function datagram(n: number): Buffer {
  const data = Buffer.alloc(16);
  data.writeUInt32BE(n, 0);
  return data;
}

const udpHandles = () => process.getActiveResourcesInfo().filter((r) => r === 'UDPWrap').length;

describe('UDP proxy', () => {
  const sockets: Socket[] = [];
  let proxy: UdpProxy | undefined;

  async function setup(options: Omit<Parameters<typeof startUdpProxy>[0], 'target'>, clients: number) {
    const server = await endpoint(true);
    sockets.push(server.socket);
    proxy = await startUdpProxy({ target: { host: '127.0.0.1', port: server.port }, ...options });
    const ends = await Promise.all(Array.from({ length: clients }, () => endpoint(false)));
    sockets.push(...ends.map((e) => e.socket));
    const send = (end: Endpoint, n: number) => end.socket.send(datagram(n), proxy!.port, '127.0.0.1');
    return { server, proxy, clients: ends, send };
  }

  afterEach(async () => {
    await proxy?.close();
    proxy = undefined;
    await Promise.all(sockets.splice(0).map((socket) => new Promise<void>((resolve) => socket.close(() => resolve()))));
    await waitFor(() => udpHandles() === 0, 'every UDP socket of the test to be released');
  });

  it('gives each client its own upstream socket and sends the answers back to the right client', async () => {
    const { server, proxy, clients, send } = await setup({}, 2);
    clients.forEach((client, i) => send(client, i));
    await waitFor(() => clients.every((c) => c.received.length === 1), 'both echoes');
    expect(clients.map((c) => c.received[0]!.n)).toEqual([0, 1]);
    const upstreamPorts = new Set(server.received.map((r) => r.from));
    expect(upstreamPorts.size).toBe(2);
    for (const client of clients) expect(upstreamPorts.has(client.port)).toBe(false);
    expect(proxy.counters()).toMatchObject({ flows: 2, refused: 0, toTarget: { received: 2, forwarded: 2 }, fromTarget: { received: 2, forwarded: 2 } });
  });

  it('drops about the configured share each way and forwards the rest in order', async () => {
    const loss = 0.2;
    const { server, proxy, clients, send } = await setup({ toTarget: { delayMs: 2, jitterMs: 5, loss }, fromTarget: { delayMs: 2, jitterMs: 5, loss }, seed: 3 }, 1);
    const client = clients[0]!;
    const count = 3000;
    for (let n = 0; n < count; n++) {
      send(client, n);
      // Paced, so no socket buffer on the way can overflow and lose datagrams the proxy did not drop.
      if (n % 50 === 49) await waitFor(() => proxy.counters().toTarget.received === n + 1, 'the proxy to take the burst');
    }
    await waitFor(() => {
      const c = proxy.counters();
      const settled = (side: typeof c.toTarget) => side.dropped + side.forwarded === side.received;
      return (
        c.toTarget.received === count &&
        settled(c.toTarget) &&
        c.fromTarget.received === c.toTarget.forwarded &&
        settled(c.fromTarget) &&
        client.received.length === c.fromTarget.forwarded
      );
    }, 'every forwarded datagram to arrive', 20_000);
    const { toTarget, fromTarget } = proxy.counters();
    expect(server.received).toHaveLength(toTarget.forwarded);
    for (const side of [toTarget, fromTarget]) {
      expect(Math.abs(side.dropped / side.received - loss)).toBeLessThan(0.04);
    }
    const order = (list: readonly { n: number }[]) => list.every((r, i) => i === 0 || r.n > list[i - 1]!.n);
    expect(order(server.received)).toBe(true);
    expect(order(client.received)).toBe(true);
  });

  it('adds the delay of each direction', async () => {
    const { proxy, clients, send } = await setup({ toTarget: { delayMs: 40, jitterMs: 0, loss: 0 }, fromTarget: { delayMs: 30, jitterMs: 10, loss: 0 } }, 1);
    const client = clients[0]!;
    const sentAt: number[] = [];
    for (let n = 0; n < 5; n++) {
      sentAt.push(performance.now());
      send(client, n);
      await waitFor(() => client.received.length === n + 1, 'the echo');
    }
    const roundTrips = client.received.map((r) => r.at - sentAt[r.n]!);
    // libuv runs timers on a loop time kept in whole milliseconds, so a timer may fire up to 1 ms
    // before `performance.now()` says its delay is up: 1 ms of slack for each direction.
    expect(Math.min(...roundTrips)).toBeGreaterThanOrEqual(70 - 2);
    expect(proxy.counters().fromTarget.forwarded).toBe(5);
  });

  it('refuses clients beyond maxFlows, and frees every socket on close', async () => {
    const { proxy, clients, send } = await setup({ maxFlows: 1, toTarget: { delayMs: 1000, jitterMs: 0, loss: 0 } }, 2);
    send(clients[0]!, 0);
    send(clients[1]!, 1);
    await waitFor(() => proxy.counters().refused === 1 && proxy.counters().toTarget.received === 1, 'one flow and one refusal');
    expect(proxy.counters().flows).toBe(1);
    // The echo server, two clients, the proxy's front and its one upstream socket.
    expect(udpHandles()).toBe(5);
    await proxy.close();
    // libuv lets go of a closed handle on a later turn of the event loop.
    await waitFor(() => udpHandles() === 3, "the proxy's two sockets to be released");
    expect(proxy.counters().toTarget.forwarded).toBe(0);
  });
});
