/**
 * Brokers in this process that share one Redis, as a cluster of broker processes would: the same
 * secret, and a key prefix of their own so that tests sharing a redis-server never meet.
 */
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { startBroker, type Broker } from '../../../../peer-server/src/broker.js';
import type { BrokerConfig } from '../../../../peer-server/src/config.js';
import { peerUrls } from './peer-socket.js';
import { inbox } from './signals.js';
import { waitUntil } from './wait-until.js';

/** The secret every test broker of a cluster shares. */
export const CLUSTER_SECRET = 'cluster-test-secret-'.padEnd(48, 'c');

/** Starts `count` brokers on `redisUrl` under a fresh prefix (or the one given). */
export async function startClusterBrokers(redisUrl: string, count: number, overrides: Partial<BrokerConfig> = {}): Promise<Broker[]> {
  const redisPrefix = overrides.redisPrefix ?? `test-${randomBytes(4).toString('hex')}:`;
  const started: Broker[] = [];
  for (let i = 0; i < count; i++) {
    started.push(await startBroker({ port: 0, staticDir: undefined, secret: CLUSTER_SECRET, ...overrides, redisUrl, redisPrefix }));
  }
  return started;
}

/** A signaling socket and everything it received from its first message on (OPEN included). */
export interface ListeningSocket {
  readonly id: string;
  readonly token: string;
  readonly socket: WebSocket;
  readonly received: Record<string, unknown>[];
}

/** Opens a socket for `id` on `broker` with its inbox attached from the start, and waits for OPEN. */
export async function openListening(broker: Broker, id: string, token = randomBytes(16).toString('hex')): Promise<ListeningSocket> {
  const socket = new WebSocket(peerUrls(broker).socketUrl(id, token));
  const received = inbox(socket);
  await waitUntil(() => received.length > 0, `the first message to ${id} on ${broker.url}`);
  if (received[0]?.type !== 'OPEN') {
    socket.terminate();
    throw new Error(`expected {"type":"OPEN"}, got ${JSON.stringify(received[0])}`);
  }
  return { id, token, socket, received };
}

/** An id issued by `broker` (any broker of the cluster would accept it), for a peer not connected yet. */
export async function issuedId(broker: Broker): Promise<string> {
  return (await fetch(peerUrls(broker).idUrl)).text();
}
