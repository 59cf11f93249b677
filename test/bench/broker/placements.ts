/**
 * Which broker each socket of each relay pair connects to: both on the same broker (pair i on
 * broker i mod n), or each sender on broker i mod n and its receiver on the next one, so every
 * candidate crosses brokers. Sockets connect to a broker directly rather than through the load
 * balancer, so the placement is the bench's, not round robin's.
 */
import type { PairPlacement } from './relay-load.js';
import type { SignalingEndpoint } from './signal-socket.js';

/** `pairs` pairs, each with both sockets on one broker, spread over `brokers` in turn. */
export function sameBrokerPairs(brokers: readonly SignalingEndpoint[], pairs: number): PairPlacement[] {
  return Array.from({ length: pairs }, (_, i) => {
    const broker = brokers[i % brokers.length]!;
    return { sender: broker, receiver: broker };
  });
}

/** `pairs` pairs, each sender on one broker and its receiver on the next; needs two brokers at least. */
export function crossBrokerPairs(brokers: readonly SignalingEndpoint[], pairs: number): PairPlacement[] {
  if (brokers.length < 2) throw new Error(`pairs across brokers need at least 2 brokers, got ${brokers.length}`);
  return Array.from({ length: pairs }, (_, i) => ({ sender: brokers[i % brokers.length]!, receiver: brokers[(i + 1) % brokers.length]! }));
}
