/**
 * The snapshot sender with interest and budgets, against a client made of the real assembler: parts
 * are lost at random and acknowledgements come late or not at all, as on the wire. What the client
 * rebuilds must be exactly the view the host meant for it, never an entity out of its interest,
 * never a value older than one it already drew, and never more bytes than the budget.
 */
import { describe, expect, it } from 'vitest';
import { NO_TICK } from '../../../../../engine/src/protocol/message-limits.js';
import { readMessage } from '../../../../../engine/src/protocol/parse-message.js';
import { field, validateSchema } from '../../../../../engine/src/protocol/schema.js';
import { SnapshotAssembler } from '../../../../../engine/src/protocol/snapshot-assembler.js';
import { quantizeSnapshot, type QuantizedSnapshot } from '../../../../../engine/src/protocol/snapshot.js';
import { resolveInterest } from '../../../../../engine/src/session/host/interest/resolve-interest.js';
import type { InterestHostOptions } from '../../../../../engine/src/session/host/interest/interest-options.js';
import { SnapshotSender } from '../../../../../engine/src/session/host/snapshot-sender.js';

const schema = validateSchema({
  entities: { dot: { x: field.fixed(1, 0, 100_000), y: field.fixed(1, 0, 100_000) } },
  input: { go: field.bool() },
});

const DOTS = 120;
const PLAYER_ENTITY = 0;

/** Whole units per tick: the player's dot (0) at 5, others from 1 to 9, so some overtake it and it overtakes some. */
const speed = (id: number): number => 1 + ((id + 4) % 9);

/** Dot `id` at `tick`: each at its own whole speed along x, so a value tells the tick it is from. */
function dotX(id: number, tick: number): number {
  return ((id * 7919) % 3000) + tick * speed(id);
}

function world(tick: number): QuantizedSnapshot {
  const dots = Array.from({ length: DOTS }, (_, id) => ({ id, type: 'dot' as const, values: { x: dotX(id, tick), y: 500 } }));
  return quantizeSnapshot(schema, dots);
}

function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

interface Run {
  /** Bytes of each tick's snapshot. */
  readonly bytes: number[];
  /** Entity ids of records, by tick, as decoded. */
  readonly records: Map<number, number[]>;
  /** Ticks whose complete view the client rebuilt, with the view. */
  readonly completes: Map<number, QuantizedSnapshot>;
  /** Per entity, the ticks its values came from, in the order of the snapshot ticks that settled them. */
  readonly sourceTicks: Map<number, number[]>;
  /** Parts the assembler refused as bad (not late). */
  refused: number;
}

/** Sends `ticks` snapshots to one client (player 1, steering dot 0) and plays its side. */
function play(options: InterestHostOptions, { loss, ackLoss, ackLag, ticks, seed }: { loss: number; ackLoss: number; ackLag: number; ticks: number; seed: number }): Run {
  const config = resolveInterest(options, schema, 30)!;
  const sender = new SnapshotSender(schema, 120, false, { config, playerEntityId: (playerId) => (playerId === 1 ? PLAYER_ENTITY : undefined) });
  const receiver = { playerId: 1, ackedTick: NO_TICK, priorAckedTick: NO_TICK, lastInputTick: NO_TICK };
  const assembler = new SnapshotAssembler(schema);
  const rand = random(seed);
  const run: Run = { bytes: [], records: new Map(), completes: new Map(), sourceTicks: new Map(), refused: 0 };
  const acks: [number, number][] = [];
  for (let tick = 2; tick <= ticks; tick += 2) {
    const snapshot = world(tick);
    sender.record(tick, snapshot);
    const encoded = sender.encodeFor(tick, snapshot, receiver);
    run.bytes.push(encoded.bytes);
    for (const part of encoded.parts) {
      const message = readMessage(part, 1150, { schema });
      if (!message.ok || message.value.kind !== 'snapshot') throw new Error('a part did not decode');
      let ids = run.records.get(tick);
      if (!ids) run.records.set(tick, (ids = []));
      for (const record of message.value.entities) ids.push(record[0]);
      if (rand() < loss) continue;
      const base = message.value.baselineTick === NO_TICK ? undefined : run.completes.get(message.value.baselineTick);
      const predictor = run.completes.get(message.value.predictorTick ?? NO_TICK);
      const result = assembler.accept(message.value, base, predictor);
      if (!result.ok) {
        if (!result.late) run.refused++;
        continue;
      }
      // Everything the part settles is what the client draws at that tick, sent or held.
      for (const [id, entity] of result.value.known) {
        if (!result.value.covers(id)) continue;
        const x = entity.values[0]!;
        const source = (x - ((id * 7919) % 3000)) / speed(id);
        let sources = run.sourceTicks.get(id);
        if (!sources) run.sourceTicks.set(id, (sources = []));
        sources.push(source);
      }
      if (result.value.complete) {
        run.completes.set(tick, result.value.complete);
        if (rand() >= ackLoss) acks.push([tick + ackLag, tick]);
      }
    }
    for (const [due, acked] of acks) {
      if (due > tick || acked <= receiver.ackedTick) continue;
      receiver.priorAckedTick = receiver.ackedTick;
      receiver.ackedTick = acked;
    }
  }
  return run;
}

const inRadius = (tick: number, radius: number) => (id: number) => Math.abs(dotX(id, tick) - dotX(PLAYER_ENTITY, tick)) <= radius;

describe('snapshot sender with interest', () => {
  it('sends each client exactly the entities within its radius, entering in full and leaving as removals, under loss', () => {
    const radius = 800;
    const run = play({ interest: { radius } }, { loss: 0.1, ackLoss: 0.1, ackLag: 6, ticks: 600, seed: 3 });
    expect(run.refused).toBe(0);
    for (const [tick, ids] of run.records) for (const id of ids) expect(inRadius(tick, radius)(id), `entity ${id} at tick ${tick}`).toBe(true);
    let entered = 0;
    let previous: QuantizedSnapshot | undefined;
    for (const [tick, view] of [...run.completes].sort((a, b) => a[0] - b[0])) {
      const expected = [...world(tick).keys()].filter(inRadius(tick, radius));
      expect([...view.keys()].sort((a, b) => a - b), `view at ${tick}`).toEqual(expected);
      for (const [id, entity] of view) expect([...entity.values]).toEqual([...world(tick).get(id)!.values]);
      if (previous) entered += [...view.keys()].filter((id) => !previous!.has(id)).length;
      previous = view;
    }
    expect(entered).toBeGreaterThan(20);
    expect(run.completes.size).toBeGreaterThan(200);
  });

  it('keeps every snapshot within the budget, never draws a value older than one drawn, and starves nothing', () => {
    for (const [seed, loss] of [
      [1, 0],
      [2, 0.05],
      [3, 0.2],
    ] as const) {
      const budget = 120;
      const radius = 1500;
      const run = play({ interest: { radius }, bandwidth: { bytesPerSnapshot: budget } }, { loss, ackLoss: loss, ackLag: 8, ticks: 700, seed });
      expect(run.refused).toBe(0);
      expect(Math.max(...run.bytes)).toBeLessThanOrEqual(budget);
      for (const [tick, ids] of run.records) for (const id of ids) expect(inRadius(tick, radius)(id)).toBe(true);
      for (const [id, sources] of run.sourceTicks) {
        for (let i = 1; i < sources.length; i++) expect(sources[i], `entity ${id}: ${sources.join(',')}`).toBeGreaterThanOrEqual(sources[i - 1]!);
      }
      // The player's own entity goes first: in every snapshot, it is as the host has it.
      for (const [tick, ids] of run.records) if (tick > 10) expect(ids).toContain(PLAYER_ENTITY);
      // Every entity in the radius for the second half is updated there: nothing waits forever.
      const steady = [...run.records.keys()].filter((t) => t > 350);
      const always = [...world(350).keys()].filter((id) => steady.every((t) => inRadius(t, radius)(id)));
      expect(always.length).toBeGreaterThan(5);
      for (const id of always) {
        const sent = steady.filter((t) => run.records.get(t)!.includes(id));
        expect(sent.length, `entity ${id}, seed ${seed}`).toBeGreaterThan(3);
      }
    }
  }, 60_000);

  it('sends a budget alone to the whole world, own entity first, and the bytes it allows', () => {
    const run = play({ bandwidth: { bytesPerSnapshot: 200 } }, { loss: 0.05, ackLoss: 0.05, ackLag: 4, ticks: 600, seed: 9 });
    expect(run.refused).toBe(0);
    expect(Math.max(...run.bytes)).toBeLessThanOrEqual(200);
    expect(Math.min(...run.bytes.slice(20))).toBeGreaterThan(150);
    const sentOnce = new Set([...run.records.values()].flat());
    expect(sentOnce.size).toBe(DOTS);
  });
});
