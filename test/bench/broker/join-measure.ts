/**
 * Join time over real WebRTC in Node (node-datachannel, through `tickwire/node`'s globals): a host
 * opens a lobby through the load balancer, then `joiners` peers in this process join it by code
 * through the load balancer too, `concurrency` at a time, each with `iceServers: []`. A join is
 * timed from the code lookup until both data channels are open both ways: `joinPeerLobby`'s two
 * steps, `resolveLobby` then `connectPeerClient`, timed apart as well. Round robin spreads every
 * peer's requests (config, id, signaling socket, lookup) over the brokers, so most offers and
 * answers cross brokers through Redis. Every peer stays connected until all have joined. The DTLS
 * handshake inside each connect is traced apart (handshake-trace.ts).
 */
import { connectPeerClient, createLobby, openPeerHost, resolveLobby, type ClientTransport, type PeerHostTransport } from '../../../engine/src/node.js';
import { waitFor } from '../../support/wait.js';
import { CpuMeter, type CpuWindow } from './cpu-meter.js';
import { traceHandshakes } from './handshake-trace.js';
import type { Percentiles } from './relay-measure.js';
import { SampleSeries } from './sample-series.js';

export interface JoinOptions {
  readonly joiners: number;
  /** Joins under way at once (a host takes at most 16 links still opening). */
  readonly concurrency: number;
}

export interface JoinFigures {
  readonly joiners: number;
  readonly concurrency: number;
  /** Lookup to open channels. */
  readonly join: Percentiles;
  /** The lookup alone. */
  readonly lookup: Percentiles;
  /** From the lookup's answer to open channels: config, id, signaling socket, offer and answer, ICE, DTLS, SCTP. */
  readonly connect: Percentiles;
  /** ICE connected to DTLS done, per peer connection (host's and joiners' alike). */
  readonly dtls: Percentiles;
  /** Handshakes that took a DTLS retransmission (900 ms or more). */
  readonly dtlsResent: number;
  readonly cpu: CpuWindow | undefined;
}

/** A handshake this long waited for libdatachannel's first DTLS retransmission, after 1 s. */
const RESENT_MS = 900;

const percentiles = (series: SampleSeries): Percentiles => ({ p50: series.quantile(0.5), p99: series.quantile(0.99), samples: series.offered });

interface JoinSeries {
  readonly join: SampleSeries;
  readonly lookup: SampleSeries;
  readonly connect: SampleSeries;
}

/** Joins `code`'s host `options.joiners` times, `options.concurrency` at once, into `links`. */
async function joinAll(lbUrl: string, code: string, options: JoinOptions, series: JoinSeries, links: ClientTransport[]): Promise<void> {
  let started = 0;
  const joinInTurn = async (): Promise<void> => {
    for (; started < options.joiners; ) {
      started += 1;
      const begin = performance.now();
      const hostId = await resolveLobby(lbUrl, code);
      const found = performance.now();
      links.push(await connectPeerClient({ brokerUrl: lbUrl, hostId, iceServers: [] }));
      const open = performance.now();
      series.join.add(open - begin);
      series.lookup.add(found - begin);
      series.connect.add(open - found);
    }
  };
  // Settled, not raced: a failed join leaves the others to finish theirs before anything closes.
  const joined = await Promise.allSettled(Array.from({ length: options.concurrency }, joinInTurn));
  const failed = joined.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) throw new Error(`a join failed after ${series.join.offered} of ${options.joiners} had joined`, { cause: failed.reason });
}

/** Measures joins through the load balancer at `lbUrl`; see the file comment. */
export async function measureJoins(lbUrl: string, options: JoinOptions, labels: ReadonlyMap<number, string>): Promise<JoinFigures> {
  const series = { join: new SampleSeries('join times'), lookup: new SampleSeries('lobby lookup times'), connect: new SampleSeries('connect times after the lookup') };
  const dtls = new SampleSeries('DTLS handshakes');
  const links: ClientTransport[] = [];
  const untrace = traceHandshakes(dtls);
  let host: PeerHostTransport | undefined;
  try {
    host = await openPeerHost({ brokerUrl: lbUrl, iceServers: [], maxLinks: options.joiners });
    const code = await createLobby(host);
    const meter = CpuMeter.start(labels);
    await joinAll(lbUrl, code, options, series, links);
    const cpu = meter.stop();
    const holding = host;
    await waitFor(() => holding.peers().length === options.joiners, `the host to hold all ${options.joiners} links`, 10_000);
    const { joiners, concurrency } = options;
    return { joiners, concurrency, join: percentiles(series.join), lookup: percentiles(series.lookup), connect: percentiles(series.connect), dtls: percentiles(dtls), dtlsResent: dtls.countAtLeast(RESENT_MS), cpu };
  } finally {
    untrace();
    for (const link of links) link.close('bench over');
    host?.close();
  }
}
