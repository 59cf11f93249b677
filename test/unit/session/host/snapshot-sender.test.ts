/**
 * The host's snapshot stream without interest management: deltas against the client's newest
 * acknowledged snapshot, predicted from the one it acknowledged before when the host still has it
 * and it is recent enough; decoded as a client would, every delta rebuilds the host's snapshot.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../engine/src/core/rng.js';
import { NO_TICK } from '../../../../engine/src/protocol/message-limits.js';
import { readMessage } from '../../../../engine/src/protocol/parse-message.js';
import { SnapshotAssembler } from '../../../../engine/src/protocol/snapshot-assembler.js';
import { quantizeSnapshot, type QuantizedSnapshot } from '../../../../engine/src/protocol/snapshot.js';
import { SnapshotSender } from '../../../../engine/src/session/host/snapshot-sender.js';
import { plain, RandomScene, schema } from '../../protocol/fixtures.js';

const HISTORY = 120;

describe('SnapshotSender', () => {
  it('predicts from the acknowledgement before the newest, within the history and a second of ticks', () => {
    const sender = new SnapshotSender(schema, HISTORY, false);
    const rng = createRng(3);
    const scene = new RandomScene(rng, 40);
    const snapshots = new Map<number, QuantizedSnapshot>();
    for (let tick = 0; tick <= 200; tick++) {
      scene.step();
      const snapshot = quantizeSnapshot(schema, scene.list());
      snapshots.set(tick, snapshot);
      sender.record(tick, snapshot);
    }
    const headerOf = (tick: number, ackedTick: number, priorAckedTick: number) => {
      const { parts } = sender.encodeFor(tick, snapshots.get(tick)!, { playerId: 1, ackedTick, priorAckedTick, lastInputTick: NO_TICK });
      const read = readMessage(parts[0]!, 64 * 1024, { schema });
      if (!read.ok || read.value.kind !== 'snapshot') throw new Error('the part did not read back');
      return read.value;
    };
    expect(headerOf(200, 194, 193)).toMatchObject({ baselineTick: 194, predictorTick: 193 });
    expect(headerOf(200, 194, NO_TICK).predictorTick).toBeUndefined();
    expect(headerOf(200, 194, 140).predictorTick).toBe(140); // 60 ticks back: half the history
    expect(headerOf(200, 194, 139).predictorTick).toBeUndefined(); // older than the client surely keeps
    expect(headerOf(200, NO_TICK, NO_TICK)).toMatchObject({ baselineTick: NO_TICK });
    expect(headerOf(200, 194, 194).predictorTick).toBeUndefined();
  });

  it('sends deltas a client rebuilds exactly, acknowledgements lost and late', () => {
    const sender = new SnapshotSender(schema, HISTORY, false);
    const rng = createRng(9);
    const scene = new RandomScene(rng, 60);
    const receiver = { playerId: 1, ackedTick: NO_TICK, priorAckedTick: NO_TICK, lastInputTick: NO_TICK };
    const assembler = new SnapshotAssembler(schema);
    const completes = new Map<number, QuantizedSnapshot>();
    const acks: [due: number, tick: number][] = [];
    let predicted = 0;
    for (let tick = 0; tick < 400; tick++) {
      scene.step();
      const snapshot = quantizeSnapshot(schema, scene.list());
      sender.record(tick, snapshot);
      const { parts } = sender.encodeFor(tick, snapshot, receiver);
      for (const bytes of parts) {
        if (rng.chance(0.05)) continue;
        const read = readMessage(bytes, 64 * 1024, { schema });
        if (!read.ok || read.value.kind !== 'snapshot') throw new Error('a part did not read back');
        const message = read.value;
        if (message.predictorTick !== undefined) predicted++;
        const result = assembler.accept(message, completes.get(message.baselineTick), completes.get(message.predictorTick ?? NO_TICK));
        expect(result.ok || result.late).toBe(true);
        const complete = result.ok ? result.value.complete : undefined;
        if (!complete) continue;
        expect(plain(complete)).toEqual(plain(snapshot));
        completes.set(tick, complete);
        if (!rng.chance(0.05)) acks.push([tick + rng.int(3, 8), tick]);
      }
      for (const [due, acked] of acks) {
        if (due !== tick || acked <= receiver.ackedTick) continue;
        receiver.priorAckedTick = receiver.ackedTick;
        receiver.ackedTick = acked;
      }
    }
    expect(predicted).toBeGreaterThan(300);
  });
});
