/**
 * Broker processes, each its command line (`node --import tsx peer-server/src/main.ts`) on an
 * ephemeral port with `--redis`, sharing a secret through TICKWIRE_SECRET as an operator would set
 * it. Each can be killed (SIGKILL: no goodbye to its peers or its Redis) and is in teardown.
 */
import { startNode, type NodeProcess } from '../../integration/broker/support/node-process.js';

/** The secret the test brokers share. */
export const BROKERS_SECRET = 'many-brokers-test-secret-'.padEnd(48, 'm');

export interface BrokerProcess {
  readonly url: string;
  readonly port: number;
  readonly process: NodeProcess;
  /** Whether it is still running. */
  readonly running: boolean;
  /** SIGKILLs it and waits for it to be gone. */
  kill(): Promise<void>;
}

/** Starts one broker process on `redisUrl` and waits until it says where it listens. */
export async function startBrokerProcess(redisUrl: string): Promise<BrokerProcess> {
  const args = ['--port', '0', '--redis', redisUrl, '--proxied', '--static-dir', '/nonexistent-tickwire-demo'];
  const started = startNode('peer-server/src/main.ts', args, { ...process.env, TICKWIRE_SECRET: BROKERS_SECRET });
  const killed = async (): Promise<void> => {
    if (started.child.exitCode === null && started.child.signalCode === null) started.child.kill('SIGKILL');
    await started.exited();
  };
  try {
    const [, url = '', port = ''] = await started.printed(/^tickwire broker listening on (http:\/\/127\.0\.0\.1:(\d+))$/m);
    return {
      url,
      port: Number(port),
      process: started,
      get running() {
        return started.child.exitCode === null && started.child.signalCode === null;
      },
      kill: killed,
    };
  } catch (error) {
    await killed();
    throw error;
  }
}
