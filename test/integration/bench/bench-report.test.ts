/**
 * The benchmark pipeline end to end with tiny durations: every measurement runs on the real
 * engine, and the report has exactly the documented shape. Nothing here looks at timings; the
 * WebRTC latency measurement is replaced by a stub here (it needs real sockets; the webrtc tier's
 * bench-latency test runs the real one), so only the percentiles taken of its samples are checked.
 */
import { describe, expect, it } from 'vitest';
import { ColyseusMirror } from '../../bench/measure/colyseus-mirror.js';
import { measureStream } from '../../bench/measure/wire.js';
import { printReport } from '../../bench/report/print-report.js';
import { checkTargets } from '../../bench/report/targets.js';
import { runBench, type BenchConfig } from '../../bench/run-bench.js';
import { arena16 } from '../../bench/scenes/arena-16.js';

const TINY: BenchConfig = {
  seed: 1,
  wire: { warmupMs: 1200, measureMs: 400 },
  world: { clients: 2 },
  hostTick: { clients: [4, 16, 32], warmupTicks: 10, ticks: 20 },
  latency: { rawSamples: 3, engineSeconds: 1, engineClients: 1 },
  heap: { readAtMinutes: [0.02, 0.04], players: 3, churnSeconds: 0.5 },
};

/** Every key path of a JSON value, with `n` for numbers. */
function shape(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? 'n' : `not finite: ${value}`;
  if (value === null || typeof value !== 'object') return typeof value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]));
}

describe('npm run bench, with tiny durations', () => {
  it('writes a report of exactly the documented shape, and prints every target', async () => {
    const lines: string[] = [];
    const result = await runBench(TINY, {
      measureLatency: () => Promise.resolve({ raw: Array.from({ length: 100 }, (_, i) => 100 - i), engine: [0.6, 0.7, 0.8] }),
      log: (line) => lines.push(line),
    });
    const figures = { bytesPerSnapshot: 'n', kbpsPerClient: 'n' };
    const baselines = { jsonFull: { kbpsPerClient: 'n' }, msgpackFull: { kbpsPerClient: 'n' }, colyseusSchema: { kbpsPerClient: 'n' }, colyseusQuantized: { kbpsPerClient: 'n' } };
    const stale = { ...figures, stalenessMaxMs: 'n', stalenessP99Ms: 'n' };
    const wireFigures = { ...figures, viewErrorMax: 'n', viewErrorP99: 'n' };
    const ticks = { p50us: 'n', p99us: 'n', jsonFullP50us: 'n' };
    expect(shape(JSON.parse(JSON.stringify(result.report)))).toEqual({
      wire: {
        'arena-16': { loss0: wireFigures, loss5: wireFigures, baselines },
        'bodies-901': { loss0: wireFigures, loss5: wireFigures, baselines },
      },
      interest: {
        'world-64': { clients: 'n', radius: 'n', budgetKbps: 'n', noInterest: figures, interest: figures, budget: stale, budgetLoss5: stale },
      },
      hostTick: { 'arena-16': { 4: ticks, 16: ticks, 32: ticks } },
      latency: { rawRttMs: { p50: 'n', p99: 'n' }, engineRttMs: { p50: 'n', p99: 'n' } },
      heap: { mb1min: 'n', mb10min: 'n' },
    });
    // Samples 1 to 100, in any order: the 50th and the 99th smallest.
    expect(result.report.latency.rawRttMs).toEqual({ p50: 50, p99: 99 });
    expect(lines.length).toBeGreaterThan(4);
    const arena = result.report.wire['arena-16']!;
    expect(arena.loss0.bytesPerSnapshot).toBeGreaterThan(0);
    expect(arena.baselines.jsonFull.kbpsPerClient).toBeGreaterThan(arena.baselines.msgpackFull.kbpsPerClient);
    const printed = printReport(result, { date: '2026-01-01', machine: 'test', command: 'npm run bench' }).join('\n');
    const targets = checkTargets(result.report);
    expect(targets).toHaveLength(9);
    for (const target of targets) expect(printed).toContain(target.target);
  });
});

describe('wire measurement', () => {
  it('is deterministic for a seed: the same bytes twice', () => {
    const options = { seed: 4, warmupMs: 1000, measureMs: 500 };
    const a = measureStream(arena16(4), 5, options);
    const b = measureStream(arena16(4), 5, options);
    expect(a).toEqual(b);
    expect(a.bytesPerSnapshot).toBeGreaterThan(100);
    // What the client draws stays on the host's path: within half a unit 99% of the time.
    expect(a.viewErrorP99).toBeLessThan(0.5);
    expect(a.viewErrorMax).toBeGreaterThanOrEqual(a.viewErrorP99);
  });

  it('mirrors states into @colyseus/schema: the first patch is the full state, an unchanged state costs nothing', () => {
    const scene = arena16(2);
    const mirror = new ColyseusMirror(scene.simulation.schema);
    const entities = scene.simulation.toEntities(scene.simulation.initialState());
    const full = mirror.patch(entities);
    expect(full).toBeGreaterThan(80 * 10);
    expect(mirror.patch(entities)).toBe(0);
    expect(mirror.patch(entities.slice(1))).toBeGreaterThan(0); // a removal
  });

  it('mirrors the same states with quantized fields: fewer bytes than float32, and a change of one step is sent', () => {
    const scene = arena16(2);
    const floats = new ColyseusMirror(scene.simulation.schema, 'float32');
    const ints = new ColyseusMirror(scene.simulation.schema, 'quantized');
    const entities = scene.simulation.toEntities(scene.simulation.initialState());
    expect(ints.patch(entities)).toBeLessThan(floats.patch(entities));
    expect(ints.patch(entities)).toBe(0);
    const [first, ...rest] = entities;
    const moved = { ...first!, values: { ...first!.values, x: Number(first!.values['x']) + 1 } };
    expect(ints.patch([moved, ...rest])).toBeGreaterThan(0);
  });
});
