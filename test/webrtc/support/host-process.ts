/**
 * Runs `migration-host.ts` as a child process on a broker and hands back its lobby code; the test
 * ends it with a signal (SIGKILL: a crash; SIGTERM: the host leaves) and, whatever happens, kills
 * it in its teardown.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { waitFor } from '../../support/wait.js';

const SCRIPT = fileURLToPath(new URL('./migration-host.ts', import.meta.url));

export interface HostProcess {
  readonly code: string;
  /** Sends `signal` and waits for the process to be gone. */
  end(signal: 'SIGKILL' | 'SIGTERM'): Promise<void>;
}

export async function startHostProcess(brokerUrl: string): Promise<HostProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', SCRIPT, brokerUrl], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let exited = false;
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  child.on('exit', () => (exited = true));
  const end = async (signal: 'SIGKILL' | 'SIGTERM'): Promise<void> => {
    if (!exited) child.kill(signal);
    await waitFor(() => exited, `the host process to exit on ${signal}`);
  };
  try {
    const line = await waitFor(() => (exited ? `exited: ${err}` : out.includes('\n') ? out.slice(0, out.indexOf('\n')) : undefined), 'the host process to open its lobby', 30_000);
    const code: unknown = JSON.parse(line.startsWith('exited') ? 'null' : line).code;
    if (typeof code !== 'string') throw new Error(`the host process did not open a lobby: ${line}`);
    return { code, end };
  } catch (error) {
    await end('SIGKILL');
    throw error;
  }
}
