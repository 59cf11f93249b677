/**
 * The benchmark's latency measurement on the real thing (the integration tier's bench test stubs
 * it out): real WebRTC in Node through a real broker, briefly. Only counts and orders are checked,
 * never how fast: the figures are the benchmark's to report.
 */
import { describe, expect, it } from 'vitest';
import { measureLatency } from '../bench/measure/latency.js';
import { arena16 } from '../bench/scenes/arena-16.js';

describe("the benchmark's latency measurement", () => {
  it('times as many raw echoes as asked, and the engine pings of a client that plays', async () => {
    const samples = await measureLatency(arena16(1), { rawSamples: 7, engineSeconds: 1, engineClients: 1 });
    expect(samples.raw).toHaveLength(7);
    // Pings go every 100 ms at first: a second of play times several of them.
    expect(samples.engine.length).toBeGreaterThanOrEqual(3);
    for (const rtt of [...samples.raw, ...samples.engine]) {
      expect(Number.isFinite(rtt)).toBe(true);
      expect(rtt).toBeGreaterThan(0);
    }
  });
});
