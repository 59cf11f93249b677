/**
 * The client's net graph: its one link to the host (bandwidth from the transport, loss from the
 * reports, the RTT and jitter of the engine's clock sync, which include the simulated network)
 * and the engine's own figures: snapshots, interpolation delay, prediction corrections.
 */
import type { Client, ClientTransport } from 'tickwire';
import type { ArenaSchema } from '../sim/schema.js';
import type { ArenaState } from '../sim/state.js';
import type { StateCounts } from './counting-transport.js';
import { LinkMeter } from './link-meter.js';
import type { DemoMessages, LobbyInfo, NetReport } from './messages.js';
import { RateMeter, Series } from './meters.js';
import type { NetFigures } from './session.js';

/** Candidate pairs are read from `getStats()`, which is slow: every few samples only. */
const CANDIDATE_EVERY = 8;

export class ClientNet {
  private readonly meter = new LinkMeter();
  private readonly snapshots = new RateMeter(2000);
  private readonly rtt = new Series();
  private readonly kbpsIn = new Series();
  private readonly kbpsOut = new Series();
  private samples = 0;

  constructor(
    private readonly client: Client<ArenaState, ArenaSchema, DemoMessages>,
    /** The current link to the host: a new one after a reconnection. */
    private readonly transport: () => ClientTransport,
  ) {}

  report(report: NetReport, counts: StateCounts): void {
    this.meter.report(report, counts);
  }

  sample(now: number): void {
    const stats = this.client.stats();
    this.snapshots.add(now, stats.snapshotsApplied);
    this.meter.rttMs = stats.rttMs > 0 ? stats.rttMs : undefined;
    const transport = this.transport();
    this.meter.sample(now, transport.stats());
    if (this.samples++ % CANDIDATE_EVERY === 0) void this.meter.refreshCandidate(() => transport.candidatePair());
    const link = this.meter.figures;
    this.rtt.push(link.rttMs ?? 0);
    this.kbpsIn.push(link.kbpsIn);
    this.kbpsOut.push(link.kbpsOut);
  }

  figures(lobby: LobbyInfo | undefined): NetFigures {
    const stats = this.client.stats();
    return {
      role: 'client',
      tick: stats.tick,
      lobby,
      snapshots: stats.snapshotsApplied,
      timing: undefined,
      snapshotsPerSecond: this.snapshots.perSecond,
      snapshotBytes: stats.lastSnapshotBytes,
      interpolationDelayMs: stats.interpolationDelayMs,
      jitterMs: stats.jitterMs,
      corrections: stats.corrections,
      lastCorrection: stats.lastCorrectionSize,
      inputs: undefined,
      link: this.meter.figures,
      peers: [],
      history: { rtt: this.rtt.values, kbpsIn: this.kbpsIn.values, kbpsOut: this.kbpsOut.values },
    };
  }
}
