import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));

/**
 * The workspace's packages by name, from source: the demo and the tests import `tickwire`,
 * `tickwire/node` and `tickwire-broker` as a game does, and see every change without a build.
 */
const packages = [
  { find: /^tickwire$/, replacement: fileURLToPath(new URL('./engine/src/index.ts', import.meta.url)) },
  { find: /^tickwire\/node$/, replacement: fileURLToPath(new URL('./engine/src/node.ts', import.meta.url)) },
  { find: /^tickwire-broker$/, replacement: fileURLToPath(new URL('./peer-server/src/broker.ts', import.meta.url)) },
];

/**
 * One tier of DESIGN.md's test ladder: a folder under test/ run as its own vitest project. Tiers
 * run in `group` order, so the real-network tiers do not compete for the CPU with each other.
 */
function tier(name: string, timeoutMs: number, serial: boolean, group: number) {
  return {
    root: repoRoot,
    resolve: { alias: packages },
    test: {
      name,
      include: [`test/${name}/**/*.test.ts`],
      environment: 'node',
      testTimeout: timeoutMs,
      hookTimeout: timeoutMs,
      fileParallelism: !serial,
      // A focused test would silently drop every other one, on a developer's machine as in CI.
      allowOnly: false,
      sequence: { groupOrder: group },
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('./game-demo', import.meta.url)),
  resolve: { alias: packages },
  build: {
    outDir: fileURLToPath(new URL('./dist/demo', import.meta.url)),
    emptyOutDir: true,
    // Phaser alone is 1.4 MB minified (400 kB gzipped); the default 500 kB warning would always fire.
    chunkSizeWarningLimit: 2048,
  },
  server: { host: '127.0.0.1' },
  test: {
    // The JSON report is what .ci/summary.mjs reads for CI's closing line.
    reporters: ['default', 'json'],
    outputFile: { json: fileURLToPath(new URL('./test-results/vitest.json', import.meta.url)) },
    projects: [
      tier('unit', 10_000, false, 0),
      tier('integration', 30_000, false, 0),
      tier('webrtc', 60_000, true, 1),
      // Several broker processes, a redis-server and haproxy with real WebRTC peers: a tier of its own.
      tier('cluster', 60_000, true, 2),
      tier('e2e', 120_000, true, 3),
    ],
  },
});
