/**
 * The two packages a game installs, installed as a game installs them: `npm pack` of engine/ and
 * peer-server/, the tarballs installed into a fresh project in a temporary folder (their
 * dependencies from the npm registry, or npm's cache), a small game typechecked in strict mode
 * against them and run, and the broker started from its bin.
 */
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../broker/support/node-process.js';
import { waitFor } from '../../support/wait.js';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const SLOW_MS = 240_000;

function run(command: string, args: readonly string[], cwd: string): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false' } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result;
}

const STRICT_TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    lib: ['ES2023', 'DOM'],
    types: [],
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: false,
    outDir: 'out',
  },
  files: ['game.ts'],
};

describe('the packages as a game installs them', () => {
  let project: string;

  beforeAll(async () => {
    project = await mkdtemp(join(tmpdir(), 'tickwire-install-'));
    const packs = join(project, 'packs');
    await mkdir(packs);
    run(NPM, ['pack', '--workspace', 'engine', '--workspace', 'peer-server', '--pack-destination', packs], REPO_ROOT);
    const tarballs = (await readdir(packs)).map((name) => join(packs, name));
    await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'my-game', private: true, type: 'module' }));
    await writeFile(join(project, 'tsconfig.json'), JSON.stringify(STRICT_TSCONFIG));
    await copyFile(join(REPO_ROOT, 'test/integration/packages/fixture/game.ts'), join(project, 'game.ts'));
    run(NPM, ['install', '--prefer-offline', '--no-package-lock', ...tarballs], project);
  }, SLOW_MS);

  afterAll(async () => {
    if (project) await rm(project, { recursive: true, force: true });
  });

  it('gives the library msgpackr and peerjs as its only dependencies, and a LICENSE', async () => {
    const manifest = JSON.parse(await readFile(join(project, 'node_modules/tickwire/package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(manifest.dependencies).sort()).toEqual(['msgpackr', 'peerjs']);
    for (const name of ['tickwire', 'tickwire-broker']) expect(await readFile(join(project, 'node_modules', name, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
  });

  it('ships source maps that carry their sources', async () => {
    const dist = join(project, 'node_modules/tickwire/dist');
    const maps = (await readdir(dist, { recursive: true })).filter((file) => file.endsWith('.js.map'));
    expect(maps.length).toBeGreaterThan(20);
    for (const file of maps) {
      const map = JSON.parse(await readFile(join(dist, file), 'utf8')) as { sources: string[]; sourcesContent?: (string | null)[] };
      expect(map.sourcesContent?.length, file).toBe(map.sources.length);
      expect(map.sourcesContent?.every((text) => typeof text === 'string' && text.length > 0), file).toBe(true);
    }
  });

  it('typechecks a small game in strict mode against them, and runs it', () => {
    run(process.execPath, [join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], project);
    const output = run(process.execPath, ['out/game.js'], project).stdout.trim();
    const { playerId, x } = JSON.parse(output) as { playerId: number; x: number };
    expect(playerId).toBe(1);
    // Two seconds at 100 units a second, less what the input's trip to the host costs.
    expect(x).toBeGreaterThan(150);
  }, SLOW_MS);

  it('starts the broker from its bin', async () => {
    const child = spawn(join(project, 'node_modules/.bin/tickwire-broker'), ['--port', '0'], { cwd: project, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const url = await waitFor(() => /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1], 'the broker to listen', 30_000);
      const config = (await (await fetch(`${url}/api/config`)).json()) as { peerPath: string };
      expect(config.peerPath).toBe('/peerjs');
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});
