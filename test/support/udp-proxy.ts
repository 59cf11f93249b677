/**
 * A UDP proxy on 127.0.0.1 that puts a bad link in front of one server (a TURN server, in the
 * soak test): datagrams are delayed, jittered and dropped in each direction, from a seeded RNG.
 *
 * Each client source address gets its own upstream socket, so the server sees one distinct
 * 5-tuple per client, as it would without the proxy (a TURN server keys its allocations on them).
 * Every datagram between a client and the server crosses the proxy once, with the impairment of its
 * direction; each flow has its own queue per direction, so datagrams of one flow keep their order.
 */
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { systemClock, type Clock } from '../../engine/src/core/clock.js';
import { createRng } from '../../engine/src/core/rng.js';
import { CLEAN_LINK, DelayLine, type DelayLineCounters, type Impairment } from './delay-line.js';

export interface UdpProxyOptions {
  /** The server behind the proxy. */
  readonly target: { readonly host: string; readonly port: number };
  /** What happens to datagrams from clients to the server. */
  readonly toTarget?: Impairment;
  /** What happens to datagrams from the server to clients. */
  readonly fromTarget?: Impairment;
  readonly seed?: number;
  readonly clock?: Clock;
  /** Client source addresses served at once; datagrams from more are refused and counted (default 64). */
  readonly maxFlows?: number;
  /** Datagrams that may wait in one direction of one flow (default 4096). */
  readonly maxQueued?: number;
}

export interface UdpProxyCounters {
  readonly toTarget: DelayLineCounters;
  readonly fromTarget: DelayLineCounters;
  /** Client source addresses seen (each got its own upstream socket). */
  readonly flows: number;
  /** Datagrams from a new client address refused because `maxFlows` were open. */
  readonly refused: number;
}

export interface UdpProxy {
  /** The proxy's port on 127.0.0.1: clients send here instead of to the server. */
  readonly port: number;
  counters(): UdpProxyCounters;
  /** Closes every socket and drops whatever is still waiting. */
  close(): Promise<void>;
}

interface Flow {
  readonly upstream: Socket;
  readonly toTarget: DelayLine<Buffer>;
  readonly fromTarget: DelayLine<Buffer>;
}

function bound(socket: Socket): Promise<number> {
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      socket.off('error', reject);
      resolve(socket.address().port);
    });
  });
}

function closeSocket(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    try {
      socket.close(() => resolve());
    } catch {
      resolve(); // already closed
    }
  });
}

function sum(lines: readonly DelayLineCounters[]): DelayLineCounters {
  const total = { received: 0, forwarded: 0, dropped: 0, overflowed: 0 };
  for (const c of lines) {
    total.received += c.received;
    total.forwarded += c.forwarded;
    total.dropped += c.dropped;
    total.overflowed += c.overflowed;
  }
  return total;
}

export async function startUdpProxy(options: UdpProxyOptions): Promise<UdpProxy> {
  const clock = options.clock ?? systemClock;
  const rng = createRng(options.seed ?? 1);
  const maxFlows = options.maxFlows ?? 64;
  const { host: targetHost, port: targetPort } = options.target;
  const flows = new Map<string, Flow>();
  let refused = 0;
  let closed = false;
  const front = createSocket('udp4');
  // A send to a client that has gone away is not the proxy's problem; neither is one refused upstream.
  front.on('error', () => undefined);

  const openFlow = (client: RemoteInfo): Flow => {
    const upstream = createSocket('udp4');
    upstream.on('error', () => undefined);
    const line = (impairment: Impairment | undefined, deliver: (data: Buffer) => void) =>
      new DelayLine<Buffer>({ clock, rng, impairment: impairment ?? CLEAN_LINK, deliver, ...(options.maxQueued ? { maxQueued: options.maxQueued } : {}) });
    const flow: Flow = {
      upstream,
      toTarget: line(options.toTarget, (data) => upstream.send(data, targetPort, targetHost)),
      fromTarget: line(options.fromTarget, (data) => front.send(data, client.port, client.address)),
    };
    upstream.on('message', (data, from) => {
      if (from.port === targetPort) flow.fromTarget.push(data);
    });
    // Sends made while the socket is still binding are queued by dgram until it is bound.
    upstream.bind(0, '127.0.0.1');
    return flow;
  };

  front.on('message', (data, client) => {
    if (closed) return;
    const key = `${client.address}:${client.port}`;
    let flow = flows.get(key);
    if (!flow) {
      if (flows.size >= maxFlows) {
        refused++;
        return;
      }
      flow = openFlow(client);
      flows.set(key, flow);
    }
    flow.toTarget.push(data);
  });

  const port = await bound(front);
  return {
    port,
    counters: () => ({
      toTarget: sum([...flows.values()].map((f) => f.toTarget.counters)),
      fromTarget: sum([...flows.values()].map((f) => f.fromTarget.counters)),
      flows: flows.size,
      refused,
    }),
    async close() {
      if (closed) return;
      closed = true;
      const sockets = [front];
      for (const flow of flows.values()) {
        flow.toTarget.close();
        flow.fromTarget.close();
        sockets.push(flow.upstream);
      }
      await Promise.all(sockets.map(closeSocket));
    },
  };
}
