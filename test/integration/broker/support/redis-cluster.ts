/**
 * One redis-server for a test file, and brokers on it per test: the server starts before the file's
 * tests and stops after them; every broker and socket a test made is closed after that test.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Broker } from '../../../../peer-server/src/broker.js';
import type { BrokerConfig } from '../../../../peer-server/src/config.js';
import { startRedisServer, type RedisServer } from '../../../cluster/support/redis-server.js';
import { startClusterBrokers } from './cluster-brokers.js';

interface Terminable {
  readonly socket: { terminate(): void };
}

export interface RedisCluster {
  /** `count` brokers sharing the file's redis-server, closed after the test. */
  brokers(count: number, overrides?: Partial<BrokerConfig>): Promise<Broker[]>;
  /** Closes a broker started otherwise after the test; returns it. */
  closeAfter(broker: Broker): Broker;
  /** Closes `held`'s socket after the test; returns it. */
  track<T extends Terminable>(held: T): T;
}

/** Registers the hooks; call once at the top of a test file. */
export function useRedisCluster(): RedisCluster {
  let redis: RedisServer | undefined;
  const brokers: Broker[] = [];
  const sockets: Terminable[] = [];
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis?.stop();
  });
  afterEach(async () => {
    for (const { socket } of sockets.splice(0)) socket.terminate();
    await Promise.all(brokers.splice(0).map((b) => b.close()));
  });
  return {
    async brokers(count, overrides = {}) {
      if (!redis) throw new Error('the redis-server has not started: call useRedisCluster() at the top of the file');
      const started = await startClusterBrokers(redis.url, count, overrides);
      brokers.push(...started);
      return started;
    },
    closeAfter(broker) {
      brokers.push(broker);
      return broker;
    },
    track(held) {
      sockets.push(held);
      return held;
    },
  };
}
