/** The benchmark results as text: one table per measurement, then the targets. */
import type { BenchDetails, BenchReport, BenchResult, HostTickEntry, InterestFigures } from './bench-report.js';
import { checkTargets } from './targets.js';
import { textTable, type Cell } from './text-table.js';

export interface RunInfo {
  readonly date: string;
  readonly machine: string;
  readonly command: string;
}

/** The wire table of the fixed scenes, each beside its baselines. */
export function printWire(wires: BenchReport['wire'], wireBytes: BenchDetails['wireBytes']): string[] {
  const lines = ['Wire: snapshot payload bytes per client (msgpack; SCTP/DTLS/UDP/IP headers not counted), loopback links 50 ms each way.', ''];
  const wireRows: Cell[][] = [];
  for (const [scene, wire] of Object.entries(wires)) {
    const bytes = wireBytes[scene]!;
    wireRows.push([scene, 'tickwire, 0% loss', wire.loss0.bytesPerSnapshot, wire.loss0.kbpsPerClient, wire.loss0.viewErrorMax, wire.loss0.viewErrorP99]);
    wireRows.push([scene, 'tickwire, 5% loss', wire.loss5.bytesPerSnapshot, wire.loss5.kbpsPerClient, wire.loss5.viewErrorMax, wire.loss5.viewErrorP99]);
    wireRows.push([scene, 'full JSON', round1(bytes.jsonFull), wire.baselines.jsonFull.kbpsPerClient, '', '']);
    wireRows.push([scene, 'full msgpackr, unquantized', round1(bytes.msgpackFull), wire.baselines.msgpackFull.kbpsPerClient, '', '']);
    wireRows.push([scene, '@colyseus/schema patches, float32', round1(bytes.colyseusSchema), wire.baselines.colyseusSchema.kbpsPerClient, '', '']);
    wireRows.push([scene, '@colyseus/schema patches, quantized', round1(bytes.colyseusQuantized), wire.baselines.colyseusQuantized.kbpsPerClient, '', '']);
  }
  lines.push(...textTable(['scene', 'stream', 'bytes/snapshot', 'kbps/client', 'view error max', 'view error p99'], wireRows), '');
  lines.push(
    'View error: how far each remote entity a client draws is from the host\'s state blended at the same render tick',
    '(position units plus radians of rotation), sampled every 4th frame; the client\'s own predicted entity is left out.',
    '',
  );
  return lines;
}

export function printReport({ report, details }: BenchResult, info: RunInfo): string[] {
  const lines: string[] = [`tickwire benchmarks: ${info.date}, ${info.machine}, \`${info.command}\``, ''];
  lines.push(...printWire(report.wire, details.wireBytes));
  lines.push(...printInterest(report.interest));
  lines.push(...printHostTicks(report.hostTick['arena-16'], details), '');
  const { rawRttMs: raw, engineRttMs: engine } = report.latency;
  lines.push('Round trip over real WebRTC in Node (node-datachannel, broker on 127.0.0.1), ms.', '');
  lines.push(
    ...textTable(
      ['path', 'p50', 'p99', 'samples'],
      [
        ['raw `state` channel echo', raw.p50, raw.p99, details.latencySamples.raw],
        ['engine ping/pong (whole stack)', engine.p50, engine.p99, details.latencySamples.engine],
      ],
    ),
    '',
  );
  const [early, late] = details.heapMinutes;
  lines.push(`Heap after a full GC, arena-16 over loopback with players joining and leaving: ${report.heap.mb1min} MB after ${early} min, ${report.heap.mb10min} MB after ${late} min (simulated).`, '');
  lines.push(...textTable(['target', 'measured', 'met'], checkTargets(report).map((c) => [c.target, c.measured, c.met ? 'yes' : 'NO'])));
  return lines;
}

/** The host tick tables: arena-16 by client count, then the other scenes with their projection cost. */
export function printHostTicks(
  arena: Readonly<Record<string, HostTickEntry>>,
  details: Pick<BenchDetails, 'jsonFullP99us' | 'snapshotTickP50us' | 'hostTickGcs' | 'sceneTicks'>,
): string[] {
  const lines = [
    'Host tick, arena-16 (µs): simulate and quantize; every other tick (30 of 60 Hz) also diff, split and encode a',
    'snapshot for every client. p50 and p99 over all ticks; "send p50" over the ticks that send. Full JSON: the game',
    'stepped alone and the whole world sent as JSON to every client. GCs per 1000 ticks while the ticks ran',
    '(young generation / full; "in ticks": those that began inside a tick).',
    '',
  ];
  const tickRows = Object.entries(arena).map(([clients, t]): Cell[] => {
    const send = details.snapshotTickP50us[clients];
    const gcs = details.hostTickGcs[clients];
    return [
      Number(clients),
      t.p50us,
      t.p99us,
      send?.tickwire ?? Number.NaN,
      gcs ? `${gcs.minor} / ${gcs.major}` : '',
      gcs?.inTicks ?? Number.NaN,
      t.jsonFullP50us,
      details.jsonFullP99us[clients] ?? Number.NaN,
      send?.jsonFull ?? Number.NaN,
    ];
  });
  lines.push(...textTable(['clients', 'p50', 'p99', 'send p50', 'GCs/1000', 'in ticks', 'full JSON p50', 'full JSON p99', 'full JSON send p50'], tickRows));
  const scenes = Object.entries(details.sceneTicks);
  if (scenes.length === 0) return lines;
  lines.push('', 'Host tick of other scenes (µs), and its projection: `toEntities`, quantize, read back, `fromEntities`, per tick.', '');
  const sceneRows = scenes.map(([scene, t]): Cell[] => [scene, t.clients, t.p50us, t.p99us, `${t.gcsPer1000Ticks.minor} / ${t.gcsPer1000Ticks.major}`, t.gcsPer1000Ticks.inTicks, t.projectionP50us, t.projectionP99us]);
  lines.push(...textTable(['scene', 'clients', 'p50', 'p99', 'GCs/1000', 'in ticks', 'projection p50', 'projection p99'], sceneRows));
  return lines;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/**
 * The open-world table: each scene without interest, with it, and under its budget; staleness is
 * the age of a client's copy of an entity within its player's radius (see `measure/staleness.ts`).
 */
export function printInterest(interest: BenchReport['interest']): string[] {
  if (!interest) return [];
  const lines: string[] = [];
  for (const [scene, entry] of Object.entries(interest)) {
    lines.push(
      `Interest and budgets, ${scene}: per client (${entry.clients} clients measured), loopback links 50 ms each way; radius ${entry.radius},`,
      `budget ${entry.budgetKbps} kbps. Staleness: age of the client's copy of each entity within its radius, sampled every snapshot.`,
      '',
    );
    const row = (stream: string, f: InterestFigures): Cell[] => [stream, f.bytesPerSnapshot, f.kbpsPerClient, f.stalenessMaxMs ?? '-', f.stalenessP99Ms ?? '-'];
    lines.push(
      ...textTable(
        ['stream', 'bytes/snapshot', 'kbps/client', 'staleness max (ms)', 'staleness p99 (ms)'],
        [
          row('whole world, 0% loss', entry.noInterest),
          row(`interest, radius ${entry.radius}, 0% loss`, entry.interest),
          row(`interest + ${entry.budgetKbps} kbps budget, 0% loss`, entry.budget),
          row(`interest + ${entry.budgetKbps} kbps budget, 5% loss`, entry.budgetLoss5),
        ],
      ),
      '',
    );
  }
  return lines;
}
