/**
 * Debian's haproxy in front of the brokers for one test: round robin over them, WebSocket upgrades
 * passed through (HTTP mode does this by itself; `timeout tunnel` keeps them open), a broker that
 * refuses connections retried on another at once (`retries`, `option redispatch`) and taken out of
 * the rotation by its health check on `GET /api/health`. Its configuration is written to a
 * temporary folder; it listens on an ephemeral 127.0.0.1 port and is stopped in teardown.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import systemPackages from '../../system-packages.json' with { type: 'json' };
import { freePort } from '../../support/ports.js';
import { waitFor } from '../../support/wait.js';

export interface Haproxy {
  readonly port: number;
  /** The brokers' one address, as players are given it. */
  readonly url: string;
  /** The configuration it runs with, for the README and for a failing test's message. */
  readonly config: string;
  log(): string;
  stop(): Promise<void>;
}

/** The configuration for brokers on `backendPorts`, listening on `port`. */
export function haproxyConfig(port: number, backendPorts: readonly number[]): string {
  return [
    'global',
    '  maxconn 1024',
    '  log stdout format raw local0',
    '',
    'defaults',
    '  mode http',
    '  log global',
    '  option httplog',
    '  option forwardfor',
    '  timeout connect 2s',
    '  timeout client 30s',
    '  timeout server 30s',
    '  timeout tunnel 1h',
    '  retries 3',
    '  option redispatch 1',
    '',
    'frontend players',
    `  bind 127.0.0.1:${port}`,
    '  default_backend brokers',
    '',
    'backend brokers',
    '  balance roundrobin',
    '  option httpchk GET /api/health',
    '  default-server inter 500ms fall 2 rise 1',
    ...backendPorts.map((backend, index) => `  server broker${index + 1} 127.0.0.1:${backend} check`),
    '',
  ].join('\n');
}

/** Starts haproxy in front of `backendPorts` and waits until it forwards a request. */
export async function startHaproxy(backendPorts: readonly number[]): Promise<Haproxy> {
  const dir = await mkdtemp(join(tmpdir(), 'tickwire-haproxy-'));
  const port = await freePort();
  const config = haproxyConfig(port, backendPorts);
  const configPath = join(dir, 'haproxy.cfg');
  await writeFile(configPath, config);
  let output = '';
  // -db: stay in the foreground, so the test owns the process and sees its output.
  const child: ChildProcess = spawn(systemPackages.haproxy.path, ['-f', configPath, '-db'], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
    await rm(dir, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`haproxy exited (${child.exitCode})`);
        return (await fetch(`${url}/api/health`).catch(() => undefined))?.status === 200;
      },
      `haproxy on port ${port}`,
      10_000,
      20,
    );
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${config}\n${output}`, { cause: error });
  }
  return { port, url, config, log: () => output, stop };
}
