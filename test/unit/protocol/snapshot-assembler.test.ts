import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../../engine/src/core/rng.js';
import { NO_TICK } from '../../../engine/src/protocol/message-limits.js';
import type { SnapshotMessage } from '../../../engine/src/protocol/messages.js';
import { SnapshotAssembler, type AssembledPart, type PartResult } from '../../../engine/src/protocol/snapshot-assembler.js';
import { readMessage } from '../../../engine/src/protocol/parse-message.js';
import { writeMessage } from '../../../engine/src/protocol/encode-message.js';
import { diffSnapshot } from '../../../engine/src/protocol/snapshot-delta.js';
import { planSnapshotParts } from '../../../engine/src/protocol/snapshot-split.js';
import { quantizeSnapshot, type QuantizedSnapshot } from '../../../engine/src/protocol/snapshot.js';
import { plain, RandomScene, schema } from './fixtures.js';

/** The parts the host would send for `current` against `baseline`. */
function partsOf(tick: number, current: QuantizedSnapshot, baseline?: { tick: number; snapshot: QuantizedSnapshot }, maxBytes = 300): SnapshotMessage[] {
  const { records, removed } = diffSnapshot(schema, current, baseline?.snapshot);
  const header = { tick, baselineTick: baseline?.tick ?? NO_TICK, lastInputTick: NO_TICK };
  return planSnapshotParts(header, records, removed, maxBytes);
}

/** A part through the bytes of the wire and back, as a client reads it. */
function writtenAndRead(part: SnapshotMessage): SnapshotMessage {
  const read = readMessage(writeMessage(part), 64 * 1024, { schema });
  if (!read.ok || read.value.kind !== 'snapshot') throw new Error('the part did not read back');
  return read.value;
}

function accepted(result: PartResult): AssembledPart {
  if (!result.ok) throw new Error(result.reason);
  return result.value;
}

/** An entity as comparable data, or undefined. */
function entityOf(snapshot: QuantizedSnapshot | undefined, id: number): [number, number[]] | undefined {
  const e = snapshot?.get(id);
  return e && [e.type, Array.from(e.values)];
}

/** Every id of `snapshots`. */
function idsOf(...snapshots: QuantizedSnapshot[]): number[] {
  return [...new Set(snapshots.flatMap((s) => [...s.keys()]))];
}

function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
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

  it('rebuilds a delta predicted from an older snapshot, part by part, and refuses parts that disagree on the predictor or lack it', () => {
    scene.step();
    const third = quantizeSnapshot(schema, scene.list());
    const prediction = { snapshot: first, ahead: 3, span: 2 };
    const { records, removed } = diffSnapshot(schema, third, second, prediction);
    const parts = planSnapshotParts({ tick: 15, baselineTick: 12, predictorTick: 10, lastInputTick: NO_TICK }, records, removed, 80);
    expect(parts.length).toBeGreaterThan(1);
    const assembler = new SnapshotAssembler(schema);
    expect(assembler.accept(parts[0]!, second)).toMatchObject({ ok: false, late: false, reason: expect.stringMatching(/^missing_baseline: predictor 10/) });
    let complete: QuantizedSnapshot | undefined;
    for (const part of parts) complete = accepted(assembler.accept(writtenAndRead(part), second, first)).complete ?? complete;
    expect(plain(complete!)).toEqual(plain(third));
    const other = new SnapshotAssembler(schema);
    accepted(other.accept(parts[0]!, second, first));
    expect(other.accept({ ...parts[1]!, predictorTick: 9 }, second, first)).toMatchObject({ ok: false, late: false, reason: expect.stringMatching(/^inconsistent/) });
    expect(other.accept({ ...parts[1]!, predictorTick: NO_TICK }, second)).toMatchObject({ ok: false, late: false, reason: expect.stringMatching(/^inconsistent/) });
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

  it('refuses duplicates and stale ticks as late, and parts that contradict their tick or name a missing baseline as bad', () => {
    const assembler = new SnapshotAssembler(schema);
    const parts = partsOf(10, first);
    expect(assembler.accept(parts[0]!, undefined).ok).toBe(true);
    expect(assembler.accept(parts[0]!, undefined)).toMatchObject({ ok: false, late: true, reason: expect.stringMatching(/^duplicate/) });
    expect(assembler.accept({ ...parts[1]!, partCount: parts.length + 1 }, undefined)).toMatchObject({ ok: false, late: false, reason: expect.stringMatching(/^inconsistent/) });
    expect(assembler.accept({ ...parts[1]!, baselineTick: 3 }, first)).toMatchObject({ ok: false, late: false, reason: expect.stringMatching(/^inconsistent/) });
    for (const part of parts.slice(1)) expect(assembler.accept(part, undefined).ok).toBe(true);
    expect(assembler.accept({ ...parts[0]!, tick: 9 }, undefined)).toMatchObject({ ok: false, late: true, reason: expect.stringMatching(/^stale/) });
    const delta = partsOf(12, second, { tick: 11, snapshot: first });
    expect(assembler.accept(delta[0]!, undefined)).toMatchObject({ ok: false, late: false, reason: expect.stringMatching(/^missing_baseline/) });
  });

  it('refuses as bad a part whose ids break the order of the parts already in', () => {
    const parts = partsOf(10, first);
    expect(parts.length).toBeGreaterThan(2);
    const [a, b, c] = parts as [SnapshotMessage, SnapshotMessage, SnapshotMessage];
    // Part 2 claiming to be part 0: its records would come before part 1's, but their ids are higher.
    const assembler = new SnapshotAssembler(schema);
    accepted(assembler.accept(b, undefined));
    expect(assembler.accept({ ...c, part: 0 }, undefined)).toMatchObject({ ok: false, late: false, reason: expect.stringMatching(/record ids do not ascend/) });
    expect(assembler.accept({ ...a, part: 2 }, undefined)).toMatchObject({ ok: false, late: false, reason: expect.stringMatching(/record ids do not ascend/) });
    // A removal after a record, in a delta.
    const withRemovals = partsOf(11, second, { tick: 10, snapshot: first }, 60);
    const removing = withRemovals.findIndex((p) => p.removed.length > 0);
    const recording = withRemovals.findIndex((p) => p.entities.length > 0 && p.removed.length === 0);
    expect(removing).toBe(0);
    const other = new SnapshotAssembler(schema);
    accepted(other.accept(withRemovals[recording]!, first));
    const lateRemoval = { ...withRemovals[recording]!, part: recording + 1, removed: withRemovals[removing]!.removed.slice(0, 1), entities: [] };
    expect(other.accept(lateRemoval, first)).toMatchObject({ ok: false, late: false, reason: expect.stringMatching(/removed id follows a record/) });
    // The honest parts still go in, in any order, and complete the tick.
    let complete: QuantizedSnapshot | undefined;
    for (const part of withRemovals) complete = (other.accept(part, first) as { value?: AssembledPart }).value?.complete ?? complete;
    expect(plain(complete!)).toEqual(plain(second));
  });

  it('refuses a truncated part, and a full snapshot that removes ids, when it is read', () => {
    const part = partsOf(10, first)[0]!;
    const bytes = writeMessage(part);
    expect(readMessage(bytes, 1150, { schema }).ok).toBe(true);
    for (const cut of [1, 5, bytes.length - 3]) expect(readMessage(bytes.subarray(0, cut), 1150, { schema }).ok).toBe(false);
    expect(readMessage(writeMessage({ ...part, removed: [3] }), 1150, { schema })).toMatchObject({ ok: false, reason: expect.stringContaining('removed') });
    expect(readMessage(writeMessage({ ...part, baselineTick: 9, removed: [3] }), 1150, { schema }).ok).toBe(true);
  });

  it('vouches after every part only for ids it knows exactly as the host has them, present or gone', () => {
    const rng = createRng(21);
    const scene = new RandomScene(rng, 120);
    let vouchedUnsent = 0;
    let unknownSeen = 0;
    for (let round = 0; round < 60; round++) {
      const baseline = quantizeSnapshot(schema, scene.list());
      for (let i = rng.int(1, 4); i > 0; i--) scene.step();
      const current = quantizeSnapshot(schema, scene.list());
      const full = round % 5 === 0;
      const parts = partsOf(100 + round, current, full ? undefined : { tick: 99, snapshot: baseline }, rng.int(40, 400));
      const arriving = shuffled(rng, parts).filter(() => rng.chance(0.7));
      const assembler = new SnapshotAssembler(schema);
      const ids = idsOf(baseline, current);
      for (const part of arriving) {
        const { known, covers, complete } = accepted(assembler.accept(part, full ? undefined : baseline));
        for (const id of [...part.entities.map((r) => r[0]), ...part.removed]) expect(covers(id)).toBe(true);
        const sent = new Set([...arriving.flatMap((p) => p.entities.map((r) => r[0])), ...arriving.flatMap((p) => p.removed)]);
        for (const id of ids) {
          if (!covers(id)) {
            unknownSeen++;
            continue;
          }
          expect(entityOf(known, id)).toEqual(entityOf(current, id));
          if (!sent.has(id)) vouchedUnsent++;
        }
        if (complete) expect(plain(complete)).toEqual(plain(current));
      }
    }
    // Both sides were exercised: unchanged entities outside a lost part's stretch, and ids it may hold.
    expect(vouchedUnsent).toBeGreaterThan(300);
    expect(unknownSeen).toBeGreaterThan(300);
  });

  it('gives the same result whatever order the parts arrive in, and ignores a duplicate', () => {
    const rng = createRng(5);
    const parts = partsOf(11, second, { tick: 10, snapshot: first }, 80);
    expect(parts.length).toBeGreaterThan(3);
    for (let trial = 0; trial < 10; trial++) {
      const assembler = new SnapshotAssembler(schema);
      const order = shuffled(rng, parts);
      order.forEach((part, i) => {
        const value = accepted(assembler.accept(part, first));
        expect(value.complete === undefined).toBe(i < order.length - 1);
        if (i === 0) expect(assembler.accept(part, first)).toMatchObject({ ok: false, late: true });
        if (value.complete) expect(plain(value.complete)).toEqual(plain(second));
      });
    }
  });

  it('refuses a part of an older tick once a newer one is complete, as late', () => {
    const assembler = new SnapshotAssembler(schema);
    const older = partsOf(10, first);
    accepted(assembler.accept(older[0]!, undefined));
    for (const part of partsOf(12, second)) accepted(assembler.accept(part, undefined));
    expect(assembler.pendingTicks).toBe(0);
    expect(assembler.accept(older[1]!, undefined)).toMatchObject({ ok: false, late: true, reason: expect.stringMatching(/^stale/) });
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
    // The record's entity is not vouched for: what the working copy has of it is not the host's.
    expect(accepted(result).covers(60000)).toBe(false);
    expect(accepted(result).covers(59999)).toBe(true);
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
