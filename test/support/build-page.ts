import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/** As in the test tiers: `tickwire` is the engine's source, so pages can use the examples. */
const engineEntry = fileURLToPath(new URL('../../engine/src/index.ts', import.meta.url));

/** A page built by vite into a temporary folder, for the broker to serve. */
export interface BuiltPage {
  readonly dir: string;
  remove(): Promise<void>;
}

/** Builds the page whose `index.html` is in `root` (test pages bundle the engine from source). */
export async function buildPage(root: string): Promise<BuiltPage> {
  const dir = await mkdtemp(join(tmpdir(), 'tickwire-page-'));
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    resolve: { alias: { tickwire: engineEntry } },
    build: { outDir: dir, emptyOutDir: true },
  });
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
