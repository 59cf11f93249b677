/**
 * The wire benchmark of one scene alone, with its targets:
 *
 *     node --import tsx test/bench/run-scene.ts --scene world-64 [--quick] [--json FILE]
 *
 * For `arena-16` and `bodies-901` the wire rows of `npm run bench`; for `world-64` the open-world
 * table (without interest, with it, and under a 64 kbps budget, with staleness). `--quick` runs a
 * moment only (a smoke test: the figures mean nothing); `--json` writes what it measured.
 */
import { writeFileSync } from 'node:fs';
import { parseFlags, UsageError } from './cli-args.js';
import { measureWorldWire } from './measure/interest-wire.js';
import { measureSceneWire } from './measure/wire.js';
import { interestEntry, wireEntry, type InterestEntry, type WireEntry } from './report/bench-report.js';
import { printInterest } from './report/print-report.js';
import { interestTargets } from './report/targets.js';
import { textTable } from './report/text-table.js';
import { ALL_SCENE_NAMES, INTEREST_SCENES, SCENES } from './scenes/index.js';

const USAGE = `usage: node --import tsx test/bench/run-scene.ts --scene ${ALL_SCENE_NAMES.join('|')} [--quick] [--json FILE]`;

const FULL = { seed: 1, warmupMs: 5000, measureMs: 30_000, clients: 16 };
const QUICK = { seed: 1, warmupMs: 1500, measureMs: 1000, clients: 4 };

function main(argv: readonly string[]): number {
  let flags;
  try {
    flags = parseFlags(argv, { values: ['scene', 'json'], switches: ['quick'] });
    const scene = flags.get('scene');
    if (typeof scene !== 'string' || !ALL_SCENE_NAMES.includes(scene)) throw new UsageError(`--scene must be one of ${ALL_SCENE_NAMES.join(', ')}, got "${String(scene)}"`);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`bench: ${error.message}\n${USAGE}`);
    return 2;
  }
  const name = flags.get('scene') as string;
  const config = flags.has('quick') ? QUICK : FULL;
  let written: { wire?: Record<string, WireEntry>; interest?: Record<string, InterestEntry> };
  const world = INTEREST_SCENES[name];
  if (world) {
    const scene = world(config.seed);
    const interest = { [name]: interestEntry(measureWorldWire(scene, config), scene) };
    console.log([...printInterest(interest), ...textTable(['target', 'measured', 'met'], interestTargets(interest).map((c) => [c.target, c.measured, c.met ? 'yes' : 'NO']))].join('\n'));
    written = { interest };
  } else {
    const wire = { [name]: wireEntry(SCENES[name]!(config.seed).use((scene) => measureSceneWire(scene, config))) };
    const rows = Object.entries(wire[name]!).flatMap(([stream, f]) => ('bytesPerSnapshot' in f ? [[stream, f.bytesPerSnapshot, f.kbpsPerClient]] : []));
    console.log(textTable(['stream', 'bytes/snapshot', 'kbps/client'], rows).join('\n'));
    written = { wire };
  }
  const file = flags.get('json');
  if (typeof file === 'string') writeFileSync(file, `${JSON.stringify(written, null, 2)}\n`);
  return 0;
}

process.exit(main(process.argv.slice(2)));
