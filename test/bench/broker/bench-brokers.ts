/**
 * The brokers the bench measures, each a process of its own with the limits of bench-limits.ts
 * raised: one broker alone (in memory, no Redis), and the cluster tests' setup (a redis-server,
 * three brokers on it, haproxy round robin in front; test/cluster/support). Both take the cluster
 * tests' secret, so the bench can mint peer ids every broker accepts. `stop()` ends every process
 * a setup started, whatever state it is in.
 */
import { startBrokerCluster, type BrokerCluster } from '../../cluster/support/broker-cluster.js';
import { BROKERS_SECRET } from '../../cluster/support/broker-processes.js';
import { startNode, type NodeProcess } from '../../integration/broker/support/node-process.js';
import { raisedLimitsEnv } from './bench-limits.js';

export interface LoneBroker {
  readonly url: string;
  readonly process: NodeProcess;
  stop(): Promise<void>;
}

/** Starts one broker without Redis and waits until it says where it listens. */
export async function startLoneBroker(): Promise<LoneBroker> {
  const args = ['--port', '0', '--static-dir', '/nonexistent-tickwire-demo'];
  const started = startNode('peer-server/src/main.ts', args, { ...process.env, ...raisedLimitsEnv(), TICKWIRE_SECRET: BROKERS_SECRET });
  const stop = async (): Promise<void> => {
    if (started.child.exitCode === null && started.child.signalCode === null) started.child.kill('SIGKILL');
    await started.exited();
  };
  try {
    const [, url = ''] = await started.printed(/^tickwire broker listening on (http:\/\/127\.0\.0\.1:\d+)$/m);
    return { url, process: started, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Starts the cluster tests' setup with `count` brokers. Their processes take the limits from the
 * environment they inherit (startBrokerProcess passes this process's own on), so the variables are
 * set while they start and put back afterwards.
 */
export async function startBenchCluster(count: number): Promise<BrokerCluster> {
  const raised = raisedLimitsEnv();
  const before = new Map(Object.keys(raised).map((name) => [name, process.env[name]]));
  Object.assign(process.env, raised);
  try {
    return await startBrokerCluster(count);
  } finally {
    for (const [name, value] of before) {
      if (value === undefined) Reflect.deleteProperty(process.env, name);
      else process.env[name] = value;
    }
  }
}
