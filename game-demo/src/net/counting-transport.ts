/**
 * Counts the `state` messages the engine hands to a transport and the ones the transport hands
 * back, on the engine's side of the simulated network: a message the sliders drop counts as sent
 * and not received, the same as one the real network loses. The counts feed the loss figures.
 */
import type { ClientTransport, HostTransport } from 'tickwire';

/** `state` messages sent and received on one link. */
export interface StateCounts {
  sent: number;
  received: number;
}

/** A client transport that counts into `counts`; every call goes to `inner`. */
export function countClient(inner: ClientTransport, counts: StateCounts): ClientTransport {
  inner.on('message', ({ channel }) => {
    if (channel === 'state') counts.received++;
  });
  const transport: ClientTransport = {
    get id() {
      return inner.id;
    },
    get hostId() {
      return inner.hostId;
    },
    get open() {
      return inner.open;
    },
    on: (event, listener) => inner.on(event, listener),
    send(channel, data) {
      if (channel === 'state') counts.sent++;
      return inner.send(channel, data);
    },
    stats: () => inner.stats(),
    candidatePair: () => inner.candidatePair(),
    close: (reason) => inner.close(reason),
  };
  return transport;
}

/** A host transport that counts per peer; every call goes to `inner`. */
export function countHost(inner: HostTransport): { transport: HostTransport; counts: ReadonlyMap<string, StateCounts> } {
  const counts = new Map<string, StateCounts>();
  const of = (peerId: string): StateCounts => {
    let c = counts.get(peerId);
    if (!c) counts.set(peerId, (c = { sent: 0, received: 0 }));
    return c;
  };
  inner.on('message', ({ peerId, channel }) => {
    if (channel === 'state') of(peerId).received++;
  });
  inner.on('peerLeft', ({ peerId }) => counts.delete(peerId));
  const transport: HostTransport = {
    get id() {
      return inner.id;
    },
    on: (event, listener) => inner.on(event, listener),
    send(peerId, channel, data) {
      if (channel === 'state') of(peerId).sent++;
      return inner.send(peerId, channel, data);
    },
    broadcast(channel, data) {
      if (channel === 'state') for (const peerId of inner.peers()) of(peerId).sent++;
      return inner.broadcast(channel, data);
    },
    disconnect: (peerId, reason) => inner.disconnect(peerId, reason),
    peers: () => inner.peers(),
    stats: (peerId) => inner.stats(peerId),
    candidatePair: (peerId) => inner.candidatePair(peerId),
    close: () => inner.close(),
  };
  return { transport, counts };
}
