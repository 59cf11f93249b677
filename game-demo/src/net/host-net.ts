/**
 * The host's net graph: one `LinkMeter` per client (on the link the engine has for that player),
 * the reports exchanged with each, and totals over all clients for the graphs.
 */
import type { Host, HostTransport } from 'tickwire';
import type { ArenaSchema } from '../sim/schema.js';
import type { ArenaState } from '../sim/state.js';
import type { StateCounts } from './counting-transport.js';
import { LinkMeter, type LinkFigures } from './link-meter.js';
import type { DemoMessages, LobbyInfo, NetReport } from './messages.js';
import { RateMeter, Series } from './meters.js';
import type { HostTiming, NetFigures } from './session.js';

/** What drives the host's timers, as the host session knows it. */
export type TimerSource = Pick<HostTiming, 'timers' | 'fallbackReason'>;

interface Linked {
  readonly peerId: string;
  readonly meter: LinkMeter;
}

/** Candidate pairs are read from `getStats()`, which is slow: every few samples only. */
const CANDIDATE_EVERY = 8;

export class HostNet {
  private readonly links = new Map<number, Linked>();
  private readonly snapshots = new RateMeter(2000);
  private readonly ticks = new RateMeter(2000);
  private readonly rtt = new Series();
  private readonly kbpsIn = new Series();
  private readonly kbpsOut = new Series();
  private samples = 0;

  constructor(
    private readonly host: Host<ArenaState, ArenaSchema, DemoMessages>,
    private readonly transport: HostTransport,
    private readonly counts: ReadonlyMap<string, StateCounts>,
    private readonly nameOf: (playerId: number) => string,
    private readonly timerSource: () => TimerSource,
  ) {}

  /** Measures a player's link: the one it joined on, or came back on. */
  link(playerId: number): void {
    const peerId = this.host.peerIdOf(playerId);
    if (peerId === undefined) this.links.delete(playerId);
    else if (this.links.get(playerId)?.peerId !== peerId) this.links.set(playerId, { peerId, meter: new LinkMeter() });
  }

  forget(playerId: number): void {
    this.links.delete(playerId);
  }

  report(playerId: number, report: NetReport): void {
    const linked = this.links.get(playerId);
    if (!linked) return;
    linked.meter.report(report, this.countsOf(linked.peerId));
    linked.meter.rttMs = report.rttMs ?? this.transport.stats(linked.peerId)?.rttMs;
  }

  /** Sends each client this side's counts of its `state` messages. */
  sendReports(): void {
    for (const [playerId, { peerId }] of this.links) {
      const counts = this.countsOf(peerId);
      this.host.send('netstats', { stateSent: counts.sent, stateReceived: counts.received }, playerId);
    }
  }

  sample(now: number): void {
    const stats = this.host.stats();
    this.snapshots.add(now, stats.snapshotsSent);
    this.ticks.add(now, stats.tick);
    const readCandidates = this.samples++ % CANDIDATE_EVERY === 0;
    for (const { peerId, meter } of this.links.values()) {
      meter.sample(now, this.transport.stats(peerId));
      if (readCandidates) void meter.refreshCandidate(() => this.transport.candidatePair(peerId));
    }
    const total = this.total();
    this.rtt.push(total.rttMs ?? 0);
    this.kbpsIn.push(total.kbpsIn);
    this.kbpsOut.push(total.kbpsOut);
  }

  figures(lobby: LobbyInfo): NetFigures {
    const stats = this.host.stats();
    // Per client: the host's own player (id 0, when it has one) is not a client.
    const clients = Math.max(1, this.host.players().filter((p) => p.playerId !== 0).length);
    return {
      role: 'host',
      tick: stats.tick,
      lobby,
      snapshots: stats.snapshotsSent,
      timing: { ...this.timerSource(), ticksPerSecond: this.ticks.perSecond, ticksSkipped: stats.ticksSkipped },
      snapshotsPerSecond: this.snapshots.perSecond / clients,
      snapshotBytes: stats.lastSnapshotBytes / clients,
      interpolationDelayMs: undefined,
      jitterMs: undefined,
      corrections: 0,
      lastCorrection: 0,
      inputs: { late: stats.lateInputs, missing: stats.missingInputs },
      link: this.total(),
      peers: [...this.links].map(([playerId, { meter }]) => {
        const inputs = stats.inputsByPlayer.find((p) => p.playerId === playerId) ?? { late: 0, missing: 0 };
        return { playerId, name: this.nameOf(playerId), ...meter.figures, inputs: { late: inputs.late, missing: inputs.missing } };
      }),
      history: { rtt: this.rtt.values, kbpsIn: this.kbpsIn.values, kbpsOut: this.kbpsOut.values },
    };
  }

  private countsOf(peerId: string): StateCounts {
    return this.counts.get(peerId) ?? { sent: 0, received: 0 };
  }

  /** Every client's link together: bandwidth summed, RTT and loss averaged. */
  private total(): LinkFigures {
    const all = [...this.links.values()].map((l) => l.meter.figures);
    const mean = (values: (number | undefined)[]) => {
      const known = values.filter((v): v is number => v !== undefined);
      return known.length === 0 ? undefined : known.reduce((a, b) => a + b, 0) / known.length;
    };
    const candidates = [...new Set(all.map((f) => f.candidate).filter((c) => c !== undefined))];
    return {
      rttMs: mean(all.map((f) => f.rttMs)),
      kbpsIn: all.reduce((sum, f) => sum + f.kbpsIn, 0),
      kbpsOut: all.reduce((sum, f) => sum + f.kbpsOut, 0),
      lossIn: mean(all.map((f) => f.lossIn)),
      lossOut: mean(all.map((f) => f.lossOut)),
      candidate: candidates.length === 0 ? undefined : candidates.join(', '),
    };
  }
}
