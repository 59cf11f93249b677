/**
 * This process's CPU time (every thread: node-datachannel's native WebRTC threads count too) as a
 * share of one core, over windows that each `take()` closes.
 */
export class CpuMeter {
  private lastUsage: NodeJS.CpuUsage;
  private lastAt: number;

  constructor(
    private readonly usage: (since?: NodeJS.CpuUsage) => NodeJS.CpuUsage = (since) => process.cpuUsage(since),
    private readonly now: () => number = () => performance.now(),
  ) {
    this.lastUsage = usage();
    this.lastAt = now();
  }

  /** Percent of one core used since the previous call (200 is both cores of a 2-core machine), and starts a new window. */
  take(): number {
    const at = this.now();
    const used = this.usage(this.lastUsage);
    const elapsedMs = at - this.lastAt;
    this.lastUsage = this.usage();
    this.lastAt = at;
    return elapsedMs > 0 ? ((used.user + used.system) / 1000 / elapsedMs) * 100 : 0;
  }
}
