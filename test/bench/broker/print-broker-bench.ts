/**
 * The broker bench's results as text: the relay table, the join table, where the CPU went, the
 * limits raised, the targets with whether each is met, and the closing note on what limits each
 * figure.
 */
import { textTable, type Cell } from '../report/text-table.js';
import type { RunInfo } from '../report/print-report.js';
import { RAISED_LIMITS } from './bench-limits.js';
import type { CpuWindow } from './cpu-meter.js';
import { cpuShares, cpuVerdict } from './cpu-verdict.js';
import { relayCost } from './relay-cost.js';
import type { BrokerBenchResult } from './run-broker-bench.js';
import type { Percentiles, RelayFigures } from './relay-measure.js';

const ms = (value: number): number => Math.round(value * 100) / 100;
const round1 = (value: number): number => Math.round(value * 10) / 10;

function cpuCell(cpu: CpuWindow | undefined): string {
  if (!cpu) return 'n/a';
  const shares = cpuShares(cpu).map((share) => `${share.name} ${Math.round(share.percent)}`);
  return `${shares.join(', ')} (machine ${Math.round(cpu.machine)} of ${cpu.cores * 100})`;
}

function relayRow(figures: RelayFigures): Cell[] {
  return [figures.setup, Math.round(figures.perSecond), ms(figures.loaded.p50), ms(figures.loaded.p99), ms(figures.paced.p50), ms(figures.paced.p99)];
}

function joinRow(step: string, figures: Percentiles): Cell[] {
  return [step, Math.round(figures.p50), Math.round(figures.p99), figures.samples];
}

/** The targets: capacity across brokers, and what a relay across brokers adds at p50. */
function targets({ alone, sameBroker, acrossBrokers }: BrokerBenchResult): Cell[][] {
  const share = acrossBrokers.perSecond / alone.perSecond;
  const added = acrossBrokers.paced.p50 - alone.paced.p50;
  const addedOverSame = acrossBrokers.paced.p50 - sameBroker.paced.p50;
  return [
    [
      'relayed across brokers through Redis ≥ half of one broker alone',
      `${Math.round(acrossBrokers.perSecond)}/s vs ${Math.round(alone.perSecond)}/s (${Math.round(share * 100)}%)`,
      share >= 0.5 ? 'yes' : 'NO',
    ],
    [
      'a relay across brokers adds ≤ 1 ms at p50 over one inside a broker (paced)',
      `+${ms(added)} ms over one broker alone (+${ms(addedOverSame)} ms over a pair on one of the three)`,
      added <= 1 && addedOverSame <= 1 ? 'yes' : 'NO',
    ],
  ];
}

function relaySection({ config, alone, sameBroker, acrossBrokers }: BrokerBenchResult): string[] {
  const relay = config.relay;
  return [
    `Relayed signaling: ${config.pairs} pairs of WebSocket clients speaking PeerJS's protocol to the brokers directly, each sender`,
    `sending candidates (the shape tickwire's peers send) to its receiver; relay time from the send to the receiver's message event`,
    `(ms, one process and one clock). Full load: ${relay.inFlightPerPair} in flight per pair, counted over ${relay.windowMs / 1000} s after ${relay.warmupMs / 1000} s of warm-up;`,
    `its relay times are mostly queueing behind the others in flight. Paced: ${relay.pacedPerSecond} a second over all pairs, for ${relay.pacedMs / 1000} s.`,
    '',
    ...textTable(['setup', 'relayed/s', 'full load p50', 'full load p99', 'paced p50', 'paced p99'], [alone, sameBroker, acrossBrokers].map(relayRow)),
    '',
  ];
}

function joinSection({ config, join }: BrokerBenchResult): string[] {
  return [
    `Join: ${join.joiners} node-datachannel peers join a host by lobby code through haproxy (round robin over ${config.brokers} brokers), ${join.concurrency} at a time,`,
    'host and peers in this process, `iceServers: []`; ms from the lookup until both data channels are open both ways.',
    '',
    ...textTable(
      ['step', 'p50', 'p99', 'samples'],
      [
        joinRow('lookup to open channels', join.join),
        joinRow('lookup (GET /api/lobbies/:code)', join.lookup),
        joinRow('connect (config, id, socket, offer/answer, ICE, DTLS, SCTP)', join.connect),
        joinRow('DTLS inside connect (ICE connected to connected), per side', join.dtls),
      ],
    ),
    '',
  ];
}

function costCells(figures: RelayFigures): Cell[] {
  if (!figures.cpu) return ['n/a', 'n/a', 'n/a'];
  const cost = relayCost(figures.cpu, figures.perSecond);
  return [round1(cost.generator), round1(cost.brokers), round1(cost.redis)];
}

function cpuSection({ alone, sameBroker, acrossBrokers, join }: BrokerBenchResult): string[] {
  const rows: Cell[][] = [alone, sameBroker, acrossBrokers].map((figures) => [figures.setup, ...costCells(figures), cpuCell(figures.cpu)]);
  return [
    'CPU in the full-load window: µs of one core per relayed candidate, and each process in percent of one core.',
    '',
    ...textTable(['setup', 'generator µs', 'brokers µs', 'redis µs', 'CPU (%)'], rows),
    '',
    `CPU during the joins (%): ${cpuCell(join.cpu)}.`,
    '',
  ];
}

/** What limits the join times: the DTLS handshakes that waited for a retransmission, the CPU, the hops. */
function joinNote({ join }: BrokerBenchResult): string[] {
  const { dtls } = join;
  return [
    `- join times: the DTLS handshake is ${Math.round(dtls.p50)} of the ${Math.round(join.join.p50)} ms at p50, ${Math.round(dtls.p99)} of ${Math.round(join.join.p99)} at p99. ${join.dtlsResent} of ${dtls.samples} (two per join)`,
    "  handshakes took over 900 ms: one side's first DTLS flight reached the other before it listened, and libdatachannel",
    '  (node-datachannel) sends it again only after its 1 s retransmission timer; those joins take a second more.',
    `  CPU during the joins: ${cpuVerdict(join.cpu)}; every peer's handshakes and ICE checks run in this one process.`,
    '  The lookup is an HTTP round trip through haproxy and a Redis script; the offer, answer and candidates usually cross brokers.',
  ];
}

/** What one broker's event loop would relay on a core of its own, at the cost measured. */
function ceiling(figures: RelayFigures): string {
  if (!figures.cpu) return '';
  const { brokers } = relayCost(figures.cpu, figures.perSecond);
  return ` The broker spent ${round1(brokers)} µs of CPU per relay; its event loop, one thread, would top out near ${Math.round(1e6 / brokers)}/s on a core of its own.`;
}

function closingNote(result: BrokerBenchResult): string[] {
  const { alone, sameBroker, acrossBrokers } = result;
  return [
    'What limits each figure:',
    '',
    `- relayed/s, one broker alone: ${cpuVerdict(alone.cpu)}.${ceiling(alone)}`,
    `- relayed/s, pair on one of three: ${cpuVerdict(sameBroker.cpu)}. No Redis on the way.`,
    `- relayed/s, pair across two: ${cpuVerdict(acrossBrokers.cpu)}. Each candidate is a ROUTE script in Redis (presence`,
    "  lookup, PUBLISH) and a delivery on the receiving broker's subscription: two more hops, and Redis's one thread for every relay.",
    '- paced relay times at p50: the hops: generator to broker to generator inside one broker; across brokers also the Redis',
    '  round trip of the ROUTE script and the publish to the receiving broker, each a socket write and an event-loop turn. At p99:',
    '  a candidate that finds an event loop busy elsewhere (a GC pause, another socket, a process waiting for a core;',
    `  CPU while paced across brokers: ${cpuVerdict(acrossBrokers.pacedCpu)}).`,
    "- full-load relay times: the queue the window in flight makes (Little's law: in flight / relayed per second), not the relay.",
    ...joinNote(result),
  ];
}

export function printBrokerBench(result: BrokerBenchResult, info: RunInfo): string[] {
  return [
    `tickwire broker bench: ${info.date}, ${info.machine}, \`${info.command}\``,
    '',
    ...relaySection(result),
    ...joinSection(result),
    ...cpuSection(result),
    'Broker limits raised for the bench (TICKWIRE_* variables on every broker):',
    '',
    ...textTable(['setting', 'variable', 'default', 'bench', 'why'], RAISED_LIMITS.map((limit) => [limit.setting, limit.variable, limit.normal, limit.bench, limit.why])),
    '',
    ...textTable(['target', 'measured', 'met'], targets(result)),
    '',
    ...closingNote(result),
  ];
}
