/** The benchmark results as text: one table per measurement, then the targets. */
import type { BenchResult } from './bench-report.js';
import { checkTargets } from './targets.js';
import { textTable, type Cell } from './text-table.js';

export interface RunInfo {
  readonly date: string;
  readonly machine: string;
  readonly command: string;
}

export function printReport({ report, details }: BenchResult, info: RunInfo): string[] {
  const lines: string[] = [`tickwire benchmarks: ${info.date}, ${info.machine}, \`${info.command}\``, ''];
  lines.push('Wire: snapshot payload bytes per client (msgpack; SCTP/DTLS/UDP/IP headers not counted), loopback links 50 ms each way.', '');
  const wireRows: Cell[][] = [];
  for (const [scene, wire] of Object.entries(report.wire)) {
    const bytes = details.wireBytes[scene]!;
    wireRows.push([scene, 'tickwire, 0% loss', wire.loss0.bytesPerSnapshot, wire.loss0.kbpsPerClient]);
    wireRows.push([scene, 'tickwire, 5% loss', wire.loss5.bytesPerSnapshot, wire.loss5.kbpsPerClient]);
    wireRows.push([scene, 'full JSON', round1(bytes.jsonFull), wire.baselines.jsonFull.kbpsPerClient]);
    wireRows.push([scene, 'full msgpackr, unquantized', round1(bytes.msgpackFull), wire.baselines.msgpackFull.kbpsPerClient]);
    wireRows.push([scene, '@colyseus/schema patches', round1(bytes.colyseusSchema), wire.baselines.colyseusSchema.kbpsPerClient]);
  }
  lines.push(...textTable(['scene', 'stream', 'bytes/snapshot', 'kbps/client'], wireRows), '');
  lines.push(
    'Host tick, arena-16 (µs): simulate and quantize; every other tick (30 of 60 Hz) also diff, split and encode a',
    'snapshot for every client. p50 and p99 over all ticks; "send p50" over the ticks that send. Full JSON: the game',
    'stepped alone and the whole world sent as JSON to every client.',
    '',
  );
  const tickRows = Object.entries(report.hostTick['arena-16']).map(([clients, t]): Cell[] => {
    const send = details.snapshotTickP50us[clients];
    return [Number(clients), t.p50us, t.p99us, send?.tickwire ?? Number.NaN, t.jsonFullP50us, details.jsonFullP99us[clients] ?? Number.NaN, send?.jsonFull ?? Number.NaN];
  });
  lines.push(...textTable(['clients', 'p50', 'p99', 'send p50', 'full JSON p50', 'full JSON p99', 'full JSON send p50'], tickRows), '');
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

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
