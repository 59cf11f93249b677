/**
 * Memory over time: `arena-16` played over loopback on a manual clock for ten simulated minutes
 * while players keep joining and leaving, the heap read after a full collection at one minute and
 * at ten. Run node with `--expose-gc` (`npm run bench` does); without it the reading includes
 * garbage not yet collected.
 */
import { createRng } from '../../../engine/src/core/rng.js';
import type { GameSchema } from '../../../engine/src/protocol/schema.js';
import type { BenchScene } from '../scenes/scene.js';
import { loopbackSession } from './loopback-session.js';

export interface HeapOptions {
  readonly seed: number;
  /** Simulated minutes at which the heap is read; the run lasts until the last. */
  readonly readAtMinutes: readonly number[];
  /** Players connected at a time. */
  readonly players: number;
  /** Every this many simulated seconds one player leaves and another joins. */
  readonly churnSeconds: number;
}

/** Heap in use in MB, after a full collection when `global.gc` is there. */
export function heapMb(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

/** The heap (MB) at each of `options.readAtMinutes`. */
export function measureHeap<State, Schema extends GameSchema>(scene: BenchScene<State, Schema>, options: HeapOptions): number[] {
  const rng = createRng(options.seed);
  const session = loopbackSession(scene, { clients: options.players, seed: options.seed, conditions: { latencyMs: 30, jitterMs: 10, loss: 0.02 } });
  const readings: number[] = [];
  let elapsedMs = 0;
  for (const minutes of options.readAtMinutes) {
    while (elapsedMs < minutes * 60_000) {
      const step = Math.min(options.churnSeconds * 1000, minutes * 60_000 - elapsedMs);
      session.run(step);
      elapsedMs += step;
      const leaving = session.clients[rng.int(0, session.clients.length - 1)];
      if (leaving) session.leave(leaving);
      session.join();
    }
    readings.push(heapMb());
  }
  session.host.close();
  return readings;
}
