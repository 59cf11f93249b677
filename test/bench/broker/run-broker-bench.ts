/**
 * The broker bench's sequence: the relay on one broker alone, then on the cluster tests' three
 * brokers with each pair on one broker and with each pair across two, then joins through the
 * cluster's load balancer. Each setup is started through the teardown, so it is stopped whatever
 * happens; the lone broker is stopped before the cluster starts, so it takes no CPU from it.
 * Peer ids are minted here with the brokers' shared secret, as a broker would issue them.
 */
import { BROKERS_SECRET } from '../../cluster/support/broker-processes.js';
import { PeerIdIssuer } from '../../../peer-server/src/peer-ids.js';
import { startBenchCluster, startLoneBroker } from './bench-brokers.js';
import { measureJoins, type JoinFigures, type JoinOptions } from './join-measure.js';
import { crossBrokerPairs, sameBrokerPairs } from './placements.js';
import { measureRelay, type RelayFigures, type RelayOptions } from './relay-measure.js';
import { signalingEndpoint } from './signal-socket.js';
import type { Teardown } from './teardown.js';

export interface BrokerBenchConfig {
  /** Socket pairs in each relay setup. */
  readonly pairs: number;
  /** Brokers in the cluster. */
  readonly brokers: number;
  readonly relay: RelayOptions;
  readonly join: JoinOptions;
}

export const FULL_CONFIG: BrokerBenchConfig = {
  pairs: 32,
  brokers: 3,
  relay: { inFlightPerPair: 16, warmupMs: 3000, windowMs: 10_000, pacedPerSecond: 1000, pacedMs: 5000 },
  join: { joiners: 50, concurrency: 5 },
};

/** A moment of each phase, for a smoke run: the figures mean nothing. */
export const QUICK_CONFIG: BrokerBenchConfig = {
  pairs: 4,
  brokers: 3,
  relay: { inFlightPerPair: 4, warmupMs: 300, windowMs: 700, pacedPerSecond: 200, pacedMs: 500 },
  join: { joiners: 4, concurrency: 2 },
};

export interface BrokerBenchResult {
  readonly config: BrokerBenchConfig;
  readonly alone: RelayFigures;
  readonly sameBroker: RelayFigures;
  readonly acrossBrokers: RelayFigures;
  readonly join: JoinFigures;
}

/** Runs every measurement in turn; `log` gets a line per step. */
export async function runBrokerBench(config: BrokerBenchConfig, teardown: Teardown, log: (line: string) => void): Promise<BrokerBenchResult> {
  const issuer = new PeerIdIssuer(BROKERS_SECRET);
  const issue = (): string => issuer.issue();

  log('relay: one broker alone');
  const lone = await teardown.track(startLoneBroker());
  const loneLabels = new Map([[lone.process.child.pid ?? -1, 'broker']]);
  const alone = await measureRelay('one broker, alone', sameBrokerPairs([await signalingEndpoint(lone.url)], config.pairs), issue, loneLabels, config.relay);
  await lone.stop();

  log(`relay: ${config.brokers} brokers on Redis`);
  const cluster = await teardown.track(startBenchCluster(config.brokers));
  const endpoints = await Promise.all(cluster.brokers.map((broker) => signalingEndpoint(broker.url)));
  const labels = new Map(cluster.brokers.map((broker, index) => [broker.process.child.pid ?? -1, `broker ${index + 1}`]));
  const sameBroker = await measureRelay(`${config.brokers} brokers, pair on one`, sameBrokerPairs(endpoints, config.pairs), issue, labels, config.relay);
  log(`relay: ${config.brokers} brokers, each pair across two`);
  const acrossBrokers = await measureRelay(`${config.brokers} brokers, pair across two`, crossBrokerPairs(endpoints, config.pairs), issue, labels, config.relay);

  log(`join: ${config.join.joiners} node-datachannel peers through haproxy`);
  const join = await measureJoins(cluster.lb.url, config.join, labels);
  return { config, alone, sameBroker, acrossBrokers, join };
}
