/**
 * A redis-server of the test's own on 127.0.0.1 at an ephemeral port, with nothing saved to disk
 * (`--save '' --appendonly no`), stopped in teardown. It can be stopped and started again on the
 * same port, empty, as a Redis that restarts without persistence is.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import systemPackages from '../../system-packages.json' with { type: 'json' };
import { freePort } from '../../support/ports.js';
import { waitFor } from '../../support/wait.js';

export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** Everything the server printed, for a failing test's message. */
  log(): string;
  /** Whether it is running now. */
  readonly running: boolean;
  /** Starts it again on the same port, empty; resolves once it answers PING. */
  start(): Promise<void>;
  /** Kills it (SIGKILL: no goodbye to its clients) and waits for it to exit. */
  kill(): Promise<void>;
  /** Stops it, whatever state it is in. */
  stop(): Promise<void>;
}

/** Whether something on `port` answers a Redis PING with PONG. */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
    socket.once('connect', () => socket.write('PING\r\n'));
  });
}

/** Starts a redis-server; see the file comment. */
export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  let output = '';
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  const start = async (): Promise<void> => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'];
    const started = spawn(systemPackages['redis-server'].command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    started.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    started.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    exited = new Promise((resolve) => started.once('exit', () => resolve()));
    child = started;
    await waitFor(async () => (started.exitCode === null ? answersPing(port) : Promise.reject(new Error(`redis-server exited:\n${output}`))), `redis-server on port ${port}`, 10_000, 20);
  };

  const kill = async (): Promise<void> => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };

  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    log: () => output,
    get running() {
      return child !== undefined && child.exitCode === null && child.signalCode === null;
    },
    start,
    kill,
    stop: kill,
  };
}
