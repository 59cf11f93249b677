import { describe, expect, it } from 'vitest';
import { parseMachineStat, parseProcessStat } from '../../../bench/broker/proc-stat.js';

describe('reading /proc for the broker bench', () => {
  it("reads a process's name, parent and CPU ticks, whatever its name holds", () => {
    const stat = '4242 (node (broker) 1) S 4200 4242 1830 0 -1 4194304 100 0 0 0 731 112 0 0 20 0 11 0 4977797 3133440 390';
    expect(parseProcessStat(stat)).toEqual({ name: 'node (broker) 1', parent: 4200, ticks: 843 });
  });

  it('reads nothing from text that is not a stat line', () => {
    expect(parseProcessStat('')).toBeUndefined();
    expect(parseProcessStat('12 (cut short) S 1')).toBeUndefined();
  });

  it("reads the machine's busy and total ticks, idle and I/O wait not busy", () => {
    const stat = 'cpu  1000 10 300 5000 40 0 20 5 0 0\ncpu0 500 5 150 2500 20 0 10 2 0 0\n';
    expect(parseMachineStat(stat)).toEqual({ busy: 1335, total: 6375 });
    expect(parseMachineStat('intr 1 2 3')).toBeUndefined();
  });
});
