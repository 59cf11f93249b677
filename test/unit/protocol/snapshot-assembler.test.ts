import { describe, expect, it } from 'vitest';
import { createRng } from '../../../engine/src/core/rng.js';
import { NO_TICK } from '../../../engine/src/protocol/message-limits.js';
import type { SnapshotMessage } from '../../../engine/src/protocol/messages.js';
import { SnapshotAssembler } from '../../../engine/src/protocol/snapshot-assembler.js';
import { diffSnapshot } from '../../../engine/src/protocol/snapshot-delta.js';
import { planSnapshotParts } from '../../../engine/src/protocol/snapshot-split.js';
import { quantizeSnapshot, type QuantizedSnapshot } from '../../../engine/src/protocol/snapshot.js';
import { RandomScene, schema } from './fixtures.js';

function plain(snapshot: QuantizedSnapshot): Record<number, [number, number[]]> {
  const out: Record<number, [number, number[]]> = {};
  for (const [id, e] of snapshot) out[id] = [e.type, Array.from(e.values)];
  return out;
}

/** The parts the host would send for `current` against `baseline`. */
function partsOf(tick: number, current: QuantizedSnapshot, baseline?: { tick: number; snapshot: QuantizedSnapshot }): SnapshotMessage[] {
  const { records, removed } = diffSnapshot(schema, current, baseline?.snapshot);
  const header = { tick, baselineTick: baseline?.tick ?? NO_TICK, lastInputTick: NO_TICK };
  return planSnapshotParts(header, records, removed, 300);
}

describe('SnapshotAssembler', () => {
  const rng = createRng(11);
  const scene = new RandomScene(rng, 80);
  const first = quantizeSnapshot(schema, scene.list());
  scene.step();
  const second = quantizeSnapshot(schema, scene.list());

  it('completes a tick once every part arrived, in any order, and hands out each part at once', () => {
    const assembler = new SnapshotAssembler(schema);
    const parts = partsOf(10, first);
    expect(parts.length).toBeGreaterThan(2);
    const order = [...parts].reverse();
    let seen = 0;
    order.forEach((part, i) => {
      const result = assembler.accept(part, undefined);
      if (!result.ok) throw new Error(result.reason);
      seen += result.value.entities.size;
      expect(result.value.complete === undefined).toBe(i < order.length - 1);
    });
    expect(seen).toBe(first.size);
    expect(assembler.pendingTicks).toBe(0);
  });

  it('rebuilds a delta against the baseline and equals the host snapshot', () => {
    const assembler = new SnapshotAssembler(schema);
    for (const part of partsOf(10, first)) assembler.accept(part, undefined);
    let complete: QuantizedSnapshot | undefined;
    for (const part of partsOf(11, second, { tick: 10, snapshot: first })) {
      const result = assembler.accept(part, first);
      if (!result.ok) throw new Error(result.reason);
      complete = result.value.complete ?? complete;
    }
    expect(plain(complete!)).toEqual(plain(second));
  });

  it('loses only the entities of a lost part, and never completes that tick', () => {
    const assembler = new SnapshotAssembler(schema);
    const parts = partsOf(10, first);
    const lost = parts[1]!;
    const kept = new Set<number>();
    for (const part of parts) {
      if (part === lost) continue;
      const result = assembler.accept(part, undefined);
      if (!result.ok) throw new Error(result.reason);
      expect(result.value.complete).toBeUndefined();
      for (const id of result.value.entities.keys()) kept.add(id);
    }
    expect(kept.size).toBe(first.size - lost.entities.length);
    for (const record of lost.entities) expect(kept.has(record[0])).toBe(false);
    expect(assembler.pendingTicks).toBe(1);
  });

  it('refuses duplicates, stale ticks, inconsistent parts and missing baselines', () => {
    const assembler = new SnapshotAssembler(schema);
    const parts = partsOf(10, first);
    expect(assembler.accept(parts[0]!, undefined).ok).toBe(true);
    expect(assembler.accept(parts[0]!, undefined)).toMatchObject({ ok: false, reason: expect.stringMatching(/^duplicate/) });
    expect(assembler.accept({ ...parts[1]!, partCount: parts.length + 1 }, undefined)).toMatchObject({ ok: false, reason: expect.stringMatching(/^inconsistent/) });
    for (const part of parts.slice(1)) expect(assembler.accept(part, undefined).ok).toBe(true);
    expect(assembler.accept({ ...parts[0]!, tick: 9 }, undefined)).toMatchObject({ ok: false, reason: expect.stringMatching(/^stale/) });
    const delta = partsOf(12, second, { tick: 11, snapshot: first });
    expect(assembler.accept(delta[0]!, undefined)).toMatchObject({ ok: false, reason: expect.stringMatching(/^missing_baseline/) });
  });

  it('does not complete a tick whose records could not apply', () => {
    const assembler = new SnapshotAssembler(schema);
    const part: SnapshotMessage = {
      kind: 'snapshot',
      tick: 5,
      baselineTick: 4,
      lastInputTick: NO_TICK,
      part: 0,
      partCount: 1,
      removed: [],
      entities: [[60000, 0b0001, 5]],
    };
    const result = assembler.accept(part, new Map());
    expect(result).toMatchObject({ ok: true, value: { dropped: 1, complete: undefined } });
  });

  it('stays bounded: abandons the oldest tick beyond the limit and ticks far behind', () => {
    const assembler = new SnapshotAssembler(schema, { maxPendingTicks: 3, maxTickAge: 20 });
    const parts = partsOf(0, first);
    for (let tick = 100; tick < 110; tick++) assembler.accept({ ...parts[0]!, tick }, undefined);
    expect(assembler.pendingTicks).toBe(3);
    expect(assembler.accept({ ...parts[1]!, tick: 100 }, undefined).ok).toBe(false);
    expect(assembler.accept({ ...parts[1]!, tick: 107 }, undefined).ok).toBe(true);
    expect(assembler.accept({ ...parts[0]!, tick: 80 }, undefined)).toMatchObject({ ok: false, reason: expect.stringMatching(/^stale/) });
    assembler.reset();
    expect(assembler.pendingTicks).toBe(0);
    expect(assembler.accept({ ...parts[0]!, tick: 80 }, undefined).ok).toBe(true);
  });
});
