/**
 * The figures of one link (a client's link to its host, or the host's link to one client): bytes
 * per second each way from the transport's counters, loss each way from the `netstats` reports,
 * the ICE candidate type, and the RTT.
 */
import type { CandidatePair, PeerStats } from 'tickwire';
import type { StateCounts } from './counting-transport.js';
import type { NetReport } from './messages.js';
import { LossMeter, RateMeter } from './meters.js';

/** What the net graph shows about one link. */
export interface LinkFigures {
  readonly rttMs: number | undefined;
  readonly kbpsIn: number;
  readonly kbpsOut: number;
  /** Fraction of the other side's `state` messages that did not arrive here. */
  readonly lossIn: number | undefined;
  /** Fraction of this side's `state` messages that did not arrive there. */
  readonly lossOut: number | undefined;
  /** How the bytes travel: host, srflx, prflx or relay. */
  readonly candidate: string | undefined;
}

export class LinkMeter {
  private readonly bytesIn = new RateMeter();
  private readonly bytesOut = new RateMeter();
  private readonly lossIn = new LossMeter();
  private readonly lossOut = new LossMeter();
  private pair: CandidatePair | undefined;
  rttMs: number | undefined;

  /** Samples the transport's byte counters at time `at`. */
  sample(at: number, stats: PeerStats | undefined): void {
    if (!stats) return;
    const { control, state } = stats.channels;
    this.bytesIn.add(at, control.bytesIn + state.bytesIn);
    this.bytesOut.add(at, control.bytesOut + state.bytesOut);
  }

  /** The other side's report arrived; `mine` are this side's counts now. */
  report(theirs: NetReport, mine: StateCounts): void {
    this.lossIn.add(theirs.stateSent, mine.received);
    this.lossOut.add(mine.sent, theirs.stateReceived);
  }

  /** Asks the transport (slowly, it reads `getStats()`) which candidate pair is in use. */
  async refreshCandidate(read: () => Promise<CandidatePair | undefined>): Promise<void> {
    try {
      this.pair = (await read()) ?? this.pair;
    } catch {
      // The link may be closing; keep the last answer.
    }
  }

  get figures(): LinkFigures {
    const local = this.pair?.local;
    const remote = this.pair?.remote;
    return {
      rttMs: this.rttMs,
      kbpsIn: (this.bytesIn.perSecond * 8) / 1000,
      kbpsOut: (this.bytesOut.perSecond * 8) / 1000,
      lossIn: this.lossIn.loss,
      lossOut: this.lossOut.loss,
      candidate: local && remote ? (local === remote ? local : `${local} ↔ ${remote}`) : undefined,
    };
  }
}
