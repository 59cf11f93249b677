/**
 * A headless program (`host.ts` or `bots.ts`) run as a child process, for the load test and the
 * end-to-end tests: its output read line by line (JSON lines with `--json`), waits for what it says
 * rather than for a time, signals, and a stop that always ends it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { BotLine } from './bot-lines.js';
import type { HostLine } from './host-lines.js';
import { readJsonLine, type PrintedLine } from './printer.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** How a child ended. */
export interface ChildExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/**
 * A headless program as a child process; `Line` is what it prints with `--json` (trusted as such:
 * the programs are ours, and a line that is not JSON is kept only as text).
 */
export class HeadlessChild<Line extends PrintedLine> {
  /** Every JSON line printed on stdout so far. */
  readonly lines: Line[] = [];
  /** Resolves when the process has ended. */
  readonly exited: Promise<ChildExit>;
  private readonly output: string[] = [];
  private readonly listeners = new Set<() => void>();
  private exit: ChildExit | undefined;

  private constructor(
    readonly program: string,
    private readonly child: ChildProcess,
  ) {
    createInterface({ input: child.stdout! }).on('line', (text) => {
      this.output.push(text);
      const line = readJsonLine(text);
      if (line) this.lines.push(line as unknown as Line);
      this.notify();
    });
    createInterface({ input: child.stderr! }).on('line', (text) => {
      this.output.push(text);
      this.notify();
    });
    this.exited = new Promise((resolve) => {
      // 'close', not 'exit': by then every line the process printed has been read.
      child.once('close', (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
        this.notify();
      });
    });
  }

  /** Starts the dedicated host (`host.ts`) with `args`; add `--json` to read its lines. */
  static host(args: readonly string[]): HeadlessChild<HostLine> {
    return new HeadlessChild<HostLine>('host', HeadlessChild.spawn('host', args));
  }

  /** Starts the bots (`bots.ts`) with `args`; add `--json` to read their lines. */
  static bots(args: readonly string[]): HeadlessChild<BotLine> {
    return new HeadlessChild<BotLine>('bots', HeadlessChild.spawn('bots', args));
  }

  /** `node --import tsx game-demo/headless/<program>.ts ...args`, from the repository's root. */
  private static spawn(program: string, args: readonly string[]): ChildProcess {
    const script = fileURLToPath(new URL(`./${program}.ts`, import.meta.url));
    return spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Everything printed so far, stdout and stderr, for a failure's message. */
  text(): string {
    return this.output.join('\n');
  }

  /** The JSON lines of one event, in order. */
  events<E extends Line['event']>(event: E): Extract<Line, { readonly event: E }>[] {
    return this.lines.filter((line): line is Extract<Line, { readonly event: E }> => line.event === event);
  }

  /**
   * Resolves with what `probe` returns once it returns something, checked now and after every
   * line; rejects when `probe` throws, the process ends first or `timeoutMs` passes.
   */
  waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 30_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        let value: T | undefined;
        try {
          value = probe();
        } catch (error) {
          return finish(() => reject(error instanceof Error ? this.failure(error.message) : error));
        }
        if (value !== undefined) return finish(() => resolve(value));
        if (this.exit) finish(() => reject(this.failure(`${this.program} exited (${this.describeExit()}) before ${what}`)));
      };
      const timer = setTimeout(() => finish(() => reject(this.failure(`timed out after ${timeoutMs} ms waiting for ${what}`))), timeoutMs);
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        this.listeners.delete(check);
        settle();
      };
      this.listeners.add(check);
      check();
    });
  }

  /** Sends a signal, if the process is still running. */
  signal(signal: NodeJS.Signals): void {
    if (!this.exit) this.child.kill(signal);
  }

  /** Asks the process to end (SIGINT), and kills it if it has not within `timeoutMs`. */
  async stop(timeoutMs = 5000): Promise<ChildExit> {
    this.signal('SIGINT');
    const timer = setTimeout(() => this.signal('SIGKILL'), timeoutMs);
    const exit = await this.exited;
    clearTimeout(timer);
    return exit;
  }

  /** Ends the process at once (teardown after a failure). */
  kill(): void {
    this.signal('SIGKILL');
  }

  private describeExit(): string {
    return this.exit?.signal ? `signal ${this.exit.signal}` : `status ${String(this.exit?.code)}`;
  }

  private failure(message: string): Error {
    return new Error(`${message}; its output:\n${this.text()}`);
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
