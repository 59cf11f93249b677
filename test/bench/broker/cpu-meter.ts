/**
 * Where the CPU went over a window, each figure in percent of one core as `top` shows it: this
 * process (the load generator, all its threads; `process.cpuUsage`), each process it started
 * (brokers, redis-server, haproxy; `/proc/<pid>/stat` of its children) and the whole machine
 * (`/proc/stat`), whose figure beyond ours is what other work on the machine took meanwhile.
 * Without /proc (not Linux) there is no window to report.
 */
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { childProcesses, readProcFile } from './child-processes.js';
import { parseMachineStat, type MachineTicks, type ProcessTicks } from './proc-stat.js';

export interface CpuShare {
  readonly name: string;
  readonly percent: number;
}

export interface CpuWindow {
  /** This process. */
  readonly generator: number;
  /** Each child process, named by the caller's labels or else by its command. */
  readonly processes: readonly CpuShare[];
  /** All cores together, everyone's work included. */
  readonly machine: number;
  readonly cores: number;
}

let ticksPerSecond: number | undefined;

function clockTicksPerSecond(): number {
  ticksPerSecond ??= Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;
  return ticksPerSecond;
}

export class CpuMeter {
  private constructor(
    private readonly labels: ReadonlyMap<number, string>,
    private readonly startedAt: number,
    private readonly ownAt: NodeJS.CpuUsage,
    private readonly childrenAt: Map<number, ProcessTicks>,
    private readonly machineAt: MachineTicks | undefined,
  ) {}

  /** Starts a window; `labels` names child processes by pid. */
  static start(labels: ReadonlyMap<number, string>): CpuMeter {
    return new CpuMeter(labels, performance.now(), process.cpuUsage(), childProcesses(), readProcFile('/proc/stat', parseMachineStat));
  }

  /** Ends the window: the shares, or undefined without /proc. */
  stop(): CpuWindow | undefined {
    const seconds = (performance.now() - this.startedAt) / 1000;
    const own = process.cpuUsage(this.ownAt);
    const machine = readProcFile('/proc/stat', parseMachineStat);
    if (!this.machineAt || !machine || !(seconds > 0)) return undefined;
    const tick = clockTicksPerSecond();
    const processes: CpuShare[] = [];
    for (const [pid, now] of childProcesses()) {
      const before = this.childrenAt.get(pid);
      if (!before) continue;
      processes.push({ name: this.labels.get(pid) ?? now.name, percent: ((now.ticks - before.ticks) / tick / seconds) * 100 });
    }
    const cores = cpus().length;
    const busy = (machine.busy - this.machineAt.busy) / Math.max(1, machine.total - this.machineAt.total);
    return { generator: ((own.user + own.system) / 1e6 / seconds) * 100, processes, machine: busy * cores * 100, cores };
  }
}
