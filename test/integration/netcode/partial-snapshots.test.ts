/**
 * Split snapshots under loss: a client uses every part that arrives. Remote entities update at the
 * ticks whose parts reached it, not only at the ticks whose every part did; entities in lost parts
 * keep their path (never missing, never off it); acks name only snapshots the client holds whole;
 * a removal whose parts were lost still happens once one arrives; and a part that contradicts its
 * tick is dropped and counted like any bad message.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../engine/src/core/clock.js';
import { writeMessage } from '../../../engine/src/protocol/encode-message.js';
import type { SnapshotMessage } from '../../../engine/src/protocol/messages.js';
import { createClient } from '../../../engine/src/session/client/client.js';
import { createHost } from '../../../engine/src/session/host/host.js';
import { LoopbackNetwork } from '../../../engine/src/transport/loopback/loopback-network.js';
import { movingSquare } from '../../../engine/examples/moving-square.js';
import { measurePartialSnapshots } from './support/dot-field.js';

describe('split snapshots with parts lost', () => {
  it('update remote entities at far more ticks than the snapshots that arrived whole, at 5% loss', () => {
    const m = measurePartialSnapshots({ loss: 0.05, seed: 7, dots: 400 });
    expect(m.maxParts).toBeGreaterThanOrEqual(4);
    expect(m.sent).toBeGreaterThan(250);
    // The loss bit: about 85% of the snapshots arrived whole (measured 231 of 271).
    expect(m.complete).toBeLessThan(0.9 * m.sent);
    expect(m.complete).toBeGreaterThan(0.6 * m.sent);
    // Every dot updated at about 95% of the ticks (measured 253..261 of 271): clearly more, each of them.
    for (const updated of m.updated) expect(updated).toBeGreaterThan(m.complete + 0.05 * m.sent);
    const mean = m.updated.reduce((a, b) => a + b, 0) / m.updated.length;
    expect(mean).toBeGreaterThan(0.9 * m.sent);
    // Nothing was lost, moved or frozen to get there.
    expect(m.frames).toBeGreaterThan(1000);
    expect(m.missing).toBe(0);
    expect(m.offPath).toBe(0);
    expect(m.acks).toBeGreaterThan(500);
    expect(m.badAcks).toBe(0);
    expect(m.invalidMessages).toBe(0);
    // Removed dots go when the snapshot before their removal is reached, as with whole snapshots.
    expect(m.lastRemovedDrawnAt).toBeGreaterThan(m.removeAt - 4);
    expect(m.lastRemovedDrawnAt).toBeLessThan(m.removeAt);
  });

  it('keep every entity on its path and every ack whole at 20% loss, where few snapshots arrive whole', () => {
    const m = measurePartialSnapshots({ loss: 0.2, seed: 7, dots: 400 });
    expect(m.complete).toBeLessThan(0.5 * m.sent);
    for (const updated of m.updated) expect(updated).toBeGreaterThan(m.complete + 0.2 * m.sent);
    expect(m.missing).toBe(0);
    expect(m.offPath).toBeLessThan(0.01 * m.frames * m.updated.length);
    expect(m.badAcks).toBe(0);
    expect(m.acks).toBeGreaterThan(300);
  });

  it('still remove entities whose removal was in parts that were lost, once a part with it arrives', () => {
    const m = measurePartialSnapshots({ loss: 0.05, seed: 7, dots: 400, loseRemovalsForTicks: 30 });
    expect(m.lostRemovals).toBeGreaterThan(10);
    // Drawn while no arrived part could say they were gone (not removed on a guess) ...
    expect(m.lastRemovedDrawnAt).toBeGreaterThan(m.removeAt + 20);
    // ... and gone within a few ticks of the first part that could.
    expect(m.lastRemovedDrawnAt).toBeLessThan(m.removeAt + 30);
    expect(m.missing).toBe(0);
    expect(m.badAcks).toBe(0);
  });
});

describe('snapshot parts that contradict their tick', () => {
  it('are dropped and counted as bad messages, while late ones are not, and the game goes on', () => {
    const clock = new ManualClock();
    const network = new LoopbackNetwork({ clock, seed: 3, conditions: { latencyMs: 10 } });
    const hostTransport = network.createHost('host');
    const host = createHost({ simulation: movingSquare, transport: hostTransport, clock });
    const client = createClient({ simulation: movingSquare, transport: network.connect('host', { peerId: 'ann' }), clock });
    host.start();
    client.start();
    clock.advance(1000);
    expect(client.stats()).toMatchObject({ invalidMessages: 0 });
    const before = client.stats().snapshotsApplied;
    expect(before).toBeGreaterThan(10);
    // An odd tick, one the host never sends a snapshot for (60 Hz ticks, 30 Hz snapshots).
    const tick = (host.tick | 1) + 2;
    const part = (index: number, partCount: number, entities: SnapshotMessage['entities']): SnapshotMessage => ({
      kind: 'snapshot',
      tick,
      baselineTick: -1,
      lastInputTick: -1,
      part: index,
      partCount,
      removed: [],
      entities,
    });
    const send = (message: SnapshotMessage | Uint8Array) =>
      hostTransport.send('ann', 'state', message instanceof Uint8Array ? message : writeMessage(message));
    const honest = writeMessage(part(2, 3, [[1000, -1, 100, 100]]));
    send(honest);
    send(honest); // a duplicate: late, not bad
    send(part(1, 2, [[900, -1, 100, 100]])); // another part count for the same tick
    send(part(0, 3, [[2000, -1, 100, 100]])); // part 0 with ids above part 2's
    send(honest.subarray(0, honest.length - 2)); // truncated
    send(writeMessage({ ...part(1, 3, []), removed: [5] })); // a full snapshot that removes
    clock.advance(1000);
    expect(client.stats().invalidMessages).toBe(4);
    expect(client.stats().snapshotsApplied).toBeGreaterThan(before + 20);
    expect(client.view().entities.map((e) => e.id).sort()).toEqual([0, 1]);
    host.stop();
    client.close();
  });
});
