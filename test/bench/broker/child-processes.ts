/**
 * The processes this one started and that are still running, read from `/proc`: each with its name
 * and CPU time so far (proc-stat.ts). Empty where there is no /proc.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { parseProcessStat, type ProcessTicks } from './proc-stat.js';

/** A /proc file parsed, or undefined when its process is gone or there is no /proc. */
export function readProcFile<T>(path: string, parse: (text: string) => T | undefined): T | undefined {
  try {
    return parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

/** This process's children by pid. */
export function childProcesses(): Map<number, ProcessTicks> {
  const found = new Map<number, ProcessTicks>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return found;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readProcFile(`/proc/${entry}/stat`, parseProcessStat);
    if (stat?.parent === process.pid) found.set(Number(entry), stat);
  }
  return found;
}
