import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));

/** One tier of DESIGN.md's test ladder: a folder under test/ run as its own vitest project. */
function tier(name: string, timeoutMs: number, serial: boolean) {
  return {
    root: repoRoot,
    resolve: { alias: { tickwire: fileURLToPath(new URL('./engine/src/index.ts', import.meta.url)) } },
    test: {
      name,
      include: [`test/${name}/**/*.test.ts`],
      environment: 'node',
      testTimeout: timeoutMs,
      hookTimeout: timeoutMs,
      fileParallelism: !serial,
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('./game-demo', import.meta.url)),
  build: {
    outDir: fileURLToPath(new URL('./dist/demo', import.meta.url)),
    emptyOutDir: true,
  },
  server: { host: '127.0.0.1' },
  test: {
    // The JSON report is what .ci/summary.mjs reads for CI's closing line.
    reporters: ['default', 'json'],
    outputFile: { json: fileURLToPath(new URL('./test-results/vitest.json', import.meta.url)) },
    projects: [
      tier('unit', 10_000, false),
      tier('integration', 30_000, false),
      tier('webrtc', 60_000, true),
      tier('e2e', 120_000, true),
    ],
  },
});
