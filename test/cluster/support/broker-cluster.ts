/**
 * Everything a many-brokers test runs on, started and stopped together: a redis-server, broker
 * processes sharing it, and haproxy in front of them. `stop()` kills every process whatever
 * happened, and a failing start stops what it had started.
 */
import { createClient } from 'redis';
import { startBrokerProcess, type BrokerProcess } from './broker-processes.js';
import { startHaproxy, type Haproxy } from './haproxy.js';
import { startRedisServer, type RedisServer } from './redis-server.js';

/** `GET /api/health` of one broker. */
export interface Health {
  readonly ok: boolean;
  readonly redis: 'up' | 'down' | 'off';
  readonly broker: string;
  readonly peers: number;
}

export interface BrokerCluster {
  readonly redis: RedisServer;
  readonly brokers: readonly BrokerProcess[];
  readonly lb: Haproxy;
  /** A broker's health, asked of it directly rather than through the load balancer. */
  health(broker: BrokerProcess): Promise<Health>;
  /**
   * Makes the load balancer send its next request to `brokers[index]`, by asking it for health
   * until the broker before that one answers: round robin takes the brokers in their order.
   */
  aimNextRequestAt(index: number): Promise<void>;
  /** The broker whose process holds `peerId`'s signaling socket, as the Redis says. */
  brokerOf(peerId: string): Promise<BrokerProcess | undefined>;
  /** Everything the processes printed, for a failing test's message. */
  logs(): string;
  stop(): Promise<void>;
}

/** Starts a redis-server, `count` brokers on it and haproxy in front of them. */
export async function startBrokerCluster(count: number): Promise<BrokerCluster> {
  const redis = await startRedisServer();
  const brokers: BrokerProcess[] = [];
  let started: Haproxy | undefined;
  const stop = async (): Promise<void> => {
    await started?.stop();
    await Promise.all(brokers.map((broker) => broker.kill()));
    await redis.stop();
  };
  const health = async (broker: BrokerProcess): Promise<Health> => (await (await fetch(`${broker.url}/api/health`)).json()) as Health;
  let ids: string[];
  try {
    for (let i = 0; i < count; i++) brokers.push(await startBrokerProcess(redis.url));
    started = await startHaproxy(brokers.map((broker) => broker.port));
    ids = await Promise.all(brokers.map(async (broker) => (await health(broker)).broker));
  } catch (error) {
    await stop();
    throw error;
  }
  const lb = started;
  return {
    redis,
    brokers,
    lb,
    health,
    async aimNextRequestAt(index) {
      const before = ids[(index + ids.length - 1) % ids.length];
      for (let tries = 0; tries <= ids.length; tries++) {
        const answered = (await (await fetch(`${lb.url}/api/health`)).json()) as Health;
        if (answered.broker === before) return;
      }
      throw new Error(`the load balancer never reached broker ${index} (is it down?)`);
    },
    async brokerOf(peerId) {
      const client = createClient({ url: redis.url });
      await client.connect();
      try {
        const id = await client.hGet(`tickwire:peer:${peerId}`, 'broker');
        for (const broker of brokers) if (broker.running && (await health(broker)).broker === id) return broker;
        return undefined;
      } finally {
        client.destroy();
      }
    },
    logs: () => [...brokers.map((b, i) => `broker ${i + 1} (${b.url}):\n${b.process.stdout()}${b.process.stderr()}`), `haproxy:\n${lb.log()}`].join('\n'),
    stop,
  };
}
