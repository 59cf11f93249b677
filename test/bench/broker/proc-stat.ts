/**
 * Reading Linux's CPU accounting: a process's `/proc/<pid>/stat` (its name, parent and CPU time
 * in clock ticks) and the machine's `/proc/stat` first line (busy and total ticks over all cores).
 * Pure text parsing; cpu-meter.ts does the reading.
 */

export interface ProcessTicks {
  readonly name: string;
  readonly parent: number;
  /** User plus system time, in clock ticks. */
  readonly ticks: number;
}

export interface MachineTicks {
  /** Ticks spent on anything but idle and waiting for I/O, over all cores. */
  readonly busy: number;
  readonly total: number;
}

/**
 * One `/proc/<pid>/stat`, or undefined when it is not one. The name sits in parentheses and may
 * hold spaces and parentheses itself, so the fields are counted from its last ')'.
 */
export function parseProcessStat(text: string): ProcessTicks | undefined {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  // After the name: state, ppid, pgrp, session, tty_nr, tpgid, flags, minflt, cminflt, majflt, cmajflt, utime, stime.
  const fields = text.slice(close + 2).split(' ');
  const parent = Number(fields[1]);
  const user = Number(fields[11]);
  const system = Number(fields[12]);
  if (![parent, user, system].every(Number.isInteger)) return undefined;
  return { name: text.slice(open + 1, close), parent, ticks: user + system };
}

/** The first line of `/proc/stat`, or undefined when it is not there. */
export function parseMachineStat(text: string): MachineTicks | undefined {
  const line = text.split('\n', 1)[0] ?? '';
  if (!line.startsWith('cpu ')) return undefined;
  const ticks = line.slice(4).trim().split(/\s+/).map(Number);
  if (ticks.length < 5 || !ticks.every(Number.isFinite)) return undefined;
  // user nice system idle iowait irq softirq steal ...; guest time is already inside user.
  const total = ticks.slice(0, 8).reduce((sum, t) => sum + t, 0);
  return { busy: total - ticks[3]! - ticks[4]!, total };
}
