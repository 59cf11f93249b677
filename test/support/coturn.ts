/**
 * A coturn TURN server on 127.0.0.1 for one test: a generated config in a temporary folder, an
 * ephemeral listening port, and a process that is stopped in teardown.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import systemPackages from '../system-packages.json' with { type: 'json' };
import { freeUdpPort } from './ports.js';

export interface Coturn {
  readonly port: number;
  readonly iceServer: { urls: string; username: string; credential: string };
  /** Everything the server printed, for a failing test's message. */
  log(): string;
  stop(): Promise<void>;
}

/** Sends STUN binding requests until the server answers one. */
async function waitForStun(port: number, timeoutMs: number): Promise<void> {
  const socket = createSocket('udp4');
  const request = Buffer.alloc(20);
  request.writeUInt16BE(0x0001, 0);
  request.writeUInt32BE(0x2112a442, 4);
  randomBytes(12).copy(request, 8);
  try {
    await new Promise<void>((resolve, reject) => {
      const deadline = setTimeout(() => {
        clearInterval(probe);
        reject(new Error(`coturn did not answer STUN on 127.0.0.1:${port} within ${timeoutMs} ms`));
      }, timeoutMs);
      socket.on('message', (message) => {
        if (message.length >= 20 && message.readUInt16BE(0) === 0x0101) {
          clearTimeout(deadline);
          clearInterval(probe);
          resolve();
        }
      });
      const probe = setInterval(() => socket.send(request, port, '127.0.0.1'), 50);
    });
  } finally {
    socket.close();
  }
}

export async function startCoturn(): Promise<Coturn> {
  const dir = await mkdtemp(join(tmpdir(), 'tickwire-coturn-'));
  const port = await freeUdpPort();
  const relayBase = 50_000 + Math.floor(Math.random() * 10_000);
  const username = 'tickwire';
  const credential = randomBytes(8).toString('hex');
  const config = [
    'listening-ip=127.0.0.1',
    'relay-ip=127.0.0.1',
    `listening-port=${port}`,
    `min-port=${relayBase}`,
    `max-port=${relayBase + 200}`,
    'fingerprint',
    'lt-cred-mech',
    `user=${username}:${credential}`,
    'realm=tickwire.test',
    'allow-loopback-peers',
    'no-cli',
    'no-tls',
    'no-dtls',
    'no-tcp-relay',
    'log-file=stdout',
    'simple-log',
    `pidfile=${join(dir, 'turnserver.pid')}`,
    `userdb=${join(dir, 'turndb')}`,
  ].join('\n');
  const configPath = join(dir, 'turnserver.conf');
  await writeFile(configPath, `${config}\n`);
  let output = '';
  const child: ChildProcess = spawn(systemPackages.turnserver.command, ['-c', configPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const forced = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(forced);
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitForStun(port, 10_000);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${output}`, { cause: error });
  }
  return {
    port,
    iceServer: { urls: `turn:127.0.0.1:${port}?transport=udp`, username, credential },
    log: () => output,
    stop,
  };
}
