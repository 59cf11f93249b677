/**
 * What a CPU window says limited a figure: every core busy (then who took them), one process at a
 * full core (a Node event loop or Redis's one thread can use no more), or neither: then the figure
 * waited on something else (round trips, timers), which the caller names. Shares are percent of one core, as `top` shows them.
 */
import type { CpuShare, CpuWindow } from './cpu-meter.js';

/** A busy machine: past this share of all its cores. */
const BUSY_MACHINE = 0.9;
/** A busy process: past this share of one core. */
const BUSY_PROCESS = 90;
/** Other work worth naming, in percent of one core. */
const NOTABLE_OTHERS = 10;

const percent = (value: number): string => `${Math.round(value)}%`;

/** Who used the CPU, most first: the generator, then each process, the others' share last if notable. */
export function cpuShares(cpu: CpuWindow): CpuShare[] {
  const ours = [{ name: 'generator', percent: cpu.generator }, ...cpu.processes].filter((share) => share.percent >= 0.5);
  ours.sort((a, b) => b.percent - a.percent);
  const others = cpu.machine - ours.reduce((sum, share) => sum + share.percent, 0);
  return others >= NOTABLE_OTHERS ? [...ours, { name: 'other work', percent: others }] : ours;
}

/** One line on what limited the figure measured during `cpu`. */
export function cpuVerdict(cpu: CpuWindow | undefined): string {
  if (!cpu) return 'unknown (no /proc to read CPU time from)';
  const shares = cpuShares(cpu);
  const listed = shares
    .slice(0, 6)
    .map((share) => `${share.name} ${percent(share.percent)}`)
    .join(', ');
  if (cpu.machine >= BUSY_MACHINE * cpu.cores * 100) return `CPU: all ${cpu.cores} cores busy (${listed})`;
  const top = shares[0];
  if (top && top.name !== 'other work' && top.percent >= BUSY_PROCESS) return `CPU: ${top.name} at a full core (${listed})`;
  return `not the CPU (${percent(cpu.machine)} of ${cpu.cores * 100}% busy: ${listed})`;
}
