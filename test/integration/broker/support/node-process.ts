/**
 * Runs TypeScript in a child Node process, for what only a separate process can show: that it exits
 * by itself once the broker is closed, and how the command line behaves.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { withDeadline } from './wait-until.js';

/** The repository root, the working directory of every child. */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** A child started by `startNode`, with its output so far. */
export interface NodeProcess {
  readonly child: ChildProcess;
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** Resolves with the exit code, or rejects (killing the child) once `timeoutMs` has passed. */
  exited(timeoutMs?: number): Promise<number | null>;
  /** Resolves once stdout matches `pattern`; rejects if the child exits first or after `timeoutMs`. */
  printed(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
}

/** Starts `node --import tsx <script> ...args` from the repository root. */
export function startNode(script: string, args: readonly string[] = [], env: NodeJS.ProcessEnv = process.env): NodeProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const describe = () => `node ${script} ${args.join(' ')}\nstdout: ${stdout}\nstderr: ${stderr}`;

  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    async exited(timeoutMs = 15_000) {
      try {
        return await withDeadline(exit, `${describe()}\nto exit`, timeoutMs);
      } catch (error) {
        child.kill('SIGKILL');
        throw error;
      }
    },
    printed(pattern, timeoutMs = 15_000) {
      const found = new Promise<RegExpMatchArray>((resolve, reject) => {
        const check = (): void => {
          const match = stdout.match(pattern);
          if (match) {
            child.stdout?.off('data', check);
            resolve(match);
          }
        };
        child.stdout?.on('data', check);
        check();
        void exit.then(() => reject(new Error(`${describe()}\nexited before printing ${pattern}`)));
      });
      return withDeadline(found, `${describe()}\nto print ${pattern}`, timeoutMs);
    },
  };
}
