/**
 * The dedicated host's stats line: tick timing, CPU, and per-client traffic over the window since
 * the previous line. Traffic comes from the transport's byte counters (both channels, each way);
 * a client that joined during the window counts from zero, one that left takes its bytes with it.
 */
import type { HostedSession } from '../src/net/host-session.js';
import { CpuMeter } from './cpu-meter.js';
import type { HostStatsLine } from './host-lines.js';
import { round } from './printer.js';
import { quantile, StepTimer } from './step-timer.js';

interface Counters {
  readonly out: number;
  readonly in: number;
  readonly stateOut: number;
}

/** The stats line's figures, window by window. */
export class HostStats {
  private readonly steps: StepTimer;
  private readonly cpu = new CpuMeter();
  private baseline = new Map<string, Counters>();
  private lastAt: number;
  private lastTick: number;
  private lastSent: number;
  private lastSkipped: number;

  constructor(
    private readonly session: HostedSession,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.steps = StepTimer.wrap(session.host, now);
    this.lastAt = now();
    const stats = session.host.stats();
    this.lastTick = stats.tick;
    this.lastSent = stats.snapshotsSent;
    this.lastSkipped = stats.snapshotsSkipped;
    this.baseline = this.counters();
  }

  /** The figures since the previous call, and starts a new window. */
  take(): HostStatsLine {
    const { host } = this.session;
    const at = this.now();
    const seconds = Math.max(1e-3, (at - this.lastAt) / 1000);
    const stats = host.stats();
    const durations = this.steps.take();
    const counters = this.counters();
    let out = 0;
    let inBytes = 0;
    let stateOut = 0;
    for (const [peerId, now] of counters) {
      const before = this.baseline.get(peerId) ?? { out: 0, in: 0, stateOut: 0 };
      out += now.out - before.out;
      inBytes += now.in - before.in;
      stateOut += now.stateOut - before.stateOut;
    }
    const clients = host.players().filter((p) => p.playerId !== 0).length;
    const perClientKbps = (bytes: number) => (clients === 0 ? 0 : (bytes * 8) / 1000 / seconds / clients);
    const sent = stats.snapshotsSent - this.lastSent;
    const rtts = [...counters.keys()].map((peerId) => this.session.transport.stats(peerId)?.rttMs).filter((v): v is number => v !== undefined);
    const line: HostStatsLine = {
      event: 'stats',
      seconds: round(seconds, 2),
      players: host.players().length,
      tick: stats.tick,
      ticksPerSecond: round((stats.tick - this.lastTick) / seconds, 2),
      // No tick in the window (a stalled process) reads as 0 rather than NaN, which JSON cannot carry.
      stepP50Ms: durations.length === 0 ? 0 : round(quantile(durations, 0.5), 3),
      stepP99Ms: durations.length === 0 ? 0 : round(quantile(durations, 0.99), 3),
      stepMaxMs: durations.length === 0 ? 0 : round(durations.reduce((a, b) => Math.max(a, b), 0), 3),
      cpuPercent: round(this.cpu.take()),
      kbpsOutPerClient: round(perClientKbps(out)),
      kbpsInPerClient: round(perClientKbps(inBytes)),
      snapshotBytes: round(sent > 0 ? stateOut / sent : 0),
      snapshotsSkipped: stats.snapshotsSkipped - this.lastSkipped,
      ...(rtts.length > 0 ? { rttMs: round(rtts.reduce((a, b) => a + b, 0) / rtts.length, 2) } : {}),
    };
    this.lastAt = at;
    this.lastTick = stats.tick;
    this.lastSent = stats.snapshotsSent;
    this.lastSkipped = stats.snapshotsSkipped;
    this.baseline = counters;
    return line;
  }

  private counters(): Map<string, Counters> {
    const counters = new Map<string, Counters>();
    for (const peerId of this.session.transport.peers()) {
      const stats = this.session.transport.stats(peerId);
      if (!stats) continue;
      const { control, state } = stats.channels;
      counters.set(peerId, { out: control.bytesOut + state.bytesOut, in: control.bytesIn + state.bytesIn, stateOut: state.bytesOut });
    }
    return counters;
  }
}
