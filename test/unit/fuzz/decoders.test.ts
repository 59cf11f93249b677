/**
 * Property-based fuzzing of every decoder that reads what another machine sent: random bytes,
 * mutated valid messages, and arbitrary msgpack values. None may throw, and whatever a decoder
 * accepts must be a well-formed message.
 */
import fc from 'fast-check';
import { Packr } from 'msgpackr';
import { describe, expect, it } from 'vitest';
import { writeMessage } from '../../../engine/src/protocol/encode-message.js';
import { PROTOCOL_VERSION } from '../../../engine/src/protocol/message-kinds.js';
import { readMessage } from '../../../engine/src/protocol/parse-message.js';
import type { Message } from '../../../engine/src/protocol/messages.js';
import { parseMetaMessage } from '../../../engine/src/transport/peerjs/meta-message.js';
import { movingSquare } from '../../../engine/examples/moving-square.js';
import { helloMessage } from '../../support/hello.js';
import { quantizeValues } from '../../../engine/src/protocol/quantize.js';
import { field, validateSchema, type GameSchema } from '../../../engine/src/protocol/schema.js';
import { diffSnapshot } from '../../../engine/src/protocol/snapshot-delta.js';
import { quantizeSnapshot } from '../../../engine/src/protocol/snapshot.js';
import { recordsToWire } from '../../../engine/src/protocol/snapshot-wire.js';

const RUNS = 100_000;
/** A hundred thousand runs take a few seconds; leave room on a busy machine. */
const TIMEOUT_MS = 120_000;
const ctx = { schema: movingSquare.schema };
const valid: Uint8Array[] = (
  [
    helloMessage('ann', { messages: { chat: 'reliable', aim: 'sequenced' }, version: '1.0' }),
    { kind: 'welcome', protocolVersion: PROTOCOL_VERSION, playerId: 3, tickRate: 60, snapshotRate: 30, hostTick: 70_000, snapshotReliable: false, resumeToken: 'AbC-_9', resumed: true, resumeWindowMs: 10_000, resumeReceived: 7, playerName: 'ann', hostPlayerId: 0, takeoverTick: -1 },
    { kind: 'ping', clientTimeMs: 12.5 },
    { kind: 'pong', clientTimeMs: 12.5, hostTimeMs: 99, hostTick: 5 },
    { kind: 'input', ackSnapshotTick: 10, firstTick: 12, inputs: [new Int32Array([100, 50]), new Int32Array([0, 200])], viewAges: [3, 1023] },
    { kind: 'game', messageType: 2, sequence: 65_535, payload: { text: 'hi', n: [1, 2.5, null] } },
    { kind: 'playerLeft', playerId: 2, reason: 'timeout' },
    { kind: 'playerAway', playerId: 2, away: true },
  ] satisfies Message[]
).map((m) => writeMessage(m));

/** A game with quaternions of every width: a wide one (above 9 bits) takes three wire values. */
const quatSchema: GameSchema = validateSchema({
  entities: {
    body: { x: field.fixed(0.01, -100, 100), turn: field.quat(16), spin: field.quat(9) },
    probe: { aim: field.quat(12), on: field.bool() },
  },
  input: { aim: field.quat(10), fire: field.bool() },
});
const quatCtx = { schema: quatSchema };
const quatValid: Uint8Array[] = (() => {
  const at = (angle: number) => [Math.sin(angle) * 0.6, Math.sin(angle) * 0.3, -Math.sin(angle) * 0.2, Math.cos(angle)] as const;
  const world = (t: number) =>
    quantizeSnapshot(quatSchema, [
      { id: 3, type: 'body', values: { x: t, turn: at(t), spin: at(-t) } },
      { id: 9, type: 'probe', values: { aim: at(2 * t), on: t > 1 } },
      { id: 70_000, type: 'body', values: { x: -t, turn: at(t + 2), spin: at(t) } },
    ]);
  const [before, after] = [world(0.5), world(1.5)];
  const full = diffSnapshot(quatSchema, after, undefined);
  const delta = diffSnapshot(quatSchema, after, before);
  const snapshot = { kind: 'snapshot', tick: 900, lastInputTick: 899, part: 0, partCount: 1 } as const;
  const messages: Message[] = [
    { ...snapshot, baselineTick: -1, removed: [], entities: full.records },
    { ...snapshot, baselineTick: 890, removed: [5, 6], entities: delta.records },
    { ...snapshot, baselineTick: 894, predictorTick: 893, removed: [], entities: delta.records },
    { kind: 'input', ackSnapshotTick: 10, firstTick: 12, inputs: [quantizeValues(quatSchema.input, { aim: at(1), fire: true })], viewAges: [2] },
  ];
  return messages.map((m) => writeMessage(m));
})();

/** Valid record streams (`record-bits.ts`) of the quaternion game: a full snapshot and a delta. */
const quatStreams: Uint8Array[] = quatValid.flatMap((bytes) => {
  const read = readMessage(bytes, 64 * 1024, quatCtx);
  return read.ok && read.value.kind === 'snapshot' ? [recordsToWire(read.value.entities)] : [];
});

const LIMIT = 64 * 1024;
const bytesEqual = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((byte, i) => byte === b[i]);

/**
 * A decoder must answer, never throw; an accepted message must be well formed: one the encoder can
 * write, whose written form reads back to a message written the same way again.
 */
let accepted = 0;
function decodes(bytes: Uint8Array, context: { readonly schema: GameSchema } = ctx): boolean {
  const first = readMessage(bytes, LIMIT, context);
  if (!first.ok) return true;
  accepted++;
  const written = writeMessage(first.value);
  const again = readMessage(written, LIMIT, context);
  return again.ok && again.value.kind === first.value.kind && bytesEqual(writeMessage(again.value), written);
}

describe('fuzzing the decoders', () => {
  it(`survives ${RUNS} random byte strings`, () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => decodes(bytes)), { numRuns: RUNS, seed: 1 });
  }, TIMEOUT_MS);

  it(`survives ${RUNS} mutations of valid messages`, () => {
    const mutation = fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }));
    const mutated = fc.tuple(fc.constantFrom(...valid), fc.array(mutation, { minLength: 0, maxLength: 4 }), fc.nat()).map(([bytes, edits, cut]) => {
      // A copy: the encoder hands out Node Buffers, whose slice() is a view that the edits would
      // write through, wearing the valid messages down to garbage run by run.
      const copy = Uint8Array.from(bytes.subarray(0, Math.max(1, bytes.length - (cut % 3))));
      for (const [at, value] of edits) copy[at % copy.length] = value;
      return copy;
    });
    const before = accepted;
    fc.assert(fc.property(mutated, (bytes) => decodes(bytes)), { numRuns: RUNS, seed: 2 });
    // Many mutations leave a message valid: the well-formedness check above really ran on them.
    expect(accepted - before).toBeGreaterThan(RUNS / 10);
  }, TIMEOUT_MS);

  it(`survives ${RUNS} mutations of snapshots and inputs with quaternions of every width`, () => {
    for (const bytes of quatValid) expect(readMessage(bytes, LIMIT, quatCtx).ok).toBe(true);
    const mutation = fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }));
    const mutated = fc.tuple(fc.constantFrom(...quatValid), fc.array(mutation, { minLength: 0, maxLength: 3 }), fc.nat()).map(([bytes, edits, cut]) => {
      const copy = Uint8Array.from(bytes.subarray(0, Math.max(1, bytes.length - (cut % 3))));
      for (const [at, value] of edits) copy[at % copy.length] = value;
      return copy;
    });
    const before = accepted;
    fc.assert(
      fc.property(mutated, (bytes) => decodes(bytes, quatCtx)),
      { numRuns: RUNS, seed: 5 },
    );
    expect(accepted - before).toBeGreaterThan(RUNS / 10);
  }, TIMEOUT_MS);

  it(`survives ${RUNS} record bit streams: random bytes, and valid streams with bits flipped, cut short or run on`, () => {
    expect(quatStreams).toHaveLength(3);
    const packr = new Packr({ useRecords: false });
    const edited = fc.tuple(fc.constantFrom(...quatStreams), fc.array(fc.nat(), { maxLength: 4 }), fc.integer({ min: -3, max: 2 })).map(([stream, flips, end]) => {
      const copy = new Uint8Array(Math.max(0, stream.length + end));
      copy.set(stream.subarray(0, copy.length));
      for (const at of flips) if (copy.length > 0) copy[(at >> 3) % copy.length]! ^= 1 << (at & 7);
      return copy;
    });
    const streams = fc.oneof(fc.uint8Array({ maxLength: 120 }), edited);
    const before = accepted;
    fc.assert(
      fc.property(streams, (stream) => decodes(packr.pack([7, 900, 10, 1, 0, 1, [], stream]), quatCtx)),
      { numRuns: RUNS, seed: 6 },
    );
    // Flipping a bit of a value often leaves a valid stream: the well-formedness check ran on those.
    expect(accepted - before).toBeGreaterThan(RUNS / 20);
  }, TIMEOUT_MS);

  it(`survives ${RUNS} arbitrary msgpack values shaped like messages`, () => {
    const packr = new Packr({ useRecords: false, moreTypes: true });
    const shaped = fc.tuple(fc.integer({ min: -2, max: 12 }), fc.array(fc.anything({ maxDepth: 3 }), { maxLength: 8 }));
    fc.assert(
      fc.property(shaped, ([kind, rest]) => {
        let bytes: Uint8Array;
        try {
          bytes = packr.pack([kind, ...rest]);
        } catch {
          return true;
        }
        return decodes(bytes);
      }),
      { numRuns: RUNS, seed: 3 },
    );
  }, TIMEOUT_MS);

  it(`never lets ${RUNS} arbitrary values through the transport's housekeeping parser unchecked`, () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 2 }), (value) => {
        const meta = parseMetaMessage(value);
        return meta === undefined || ['ready', 'bye', 'ping', 'pong'].includes(meta.t);
      }),
      { numRuns: RUNS, seed: 4 },
    );
    expect(Object.keys(Object.prototype)).toEqual([]);
  }, TIMEOUT_MS);
});
