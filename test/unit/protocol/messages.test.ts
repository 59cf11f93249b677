import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../../engine/src/core/rng.js';
import { decodeMessage, encodeMessage } from '../../../engine/src/protocol/codec.js';
import { messageToWire, writeMessage } from '../../../engine/src/protocol/encode-message.js';
import { MessageKind, PROTOCOL_VERSION } from '../../../engine/src/protocol/message-kinds.js';
import { NO_TICK } from '../../../engine/src/protocol/message-limits.js';
import { BitWriter } from '../../../engine/src/protocol/bit-writer.js';
import type { EntityRecord, Message } from '../../../engine/src/protocol/messages.js';
import { parseMessage, readMessage } from '../../../engine/src/protocol/parse-message.js';
import { NO_FINGERPRINT, schemaFingerprint } from '../../../engine/src/protocol/schema-fingerprint.js';
import { recordsToWire } from '../../../engine/src/protocol/snapshot-wire.js';
import { ctx, schema } from './fixtures.js';

const BIG_TICK = 2 ** 32 - 1;

/** One or more messages of every kind, at the edges of their ranges. */
const samples: readonly Message[] = [
  { kind: 'hello', protocolVersion: PROTOCOL_VERSION, playerName: 'Ada', resumeToken: '', resumeReceived: 0, gameVersion: '', schema: schemaFingerprint(schema, {}) },
  {
    kind: 'hello',
    protocolVersion: PROTOCOL_VERSION,
    playerName: 'x'.repeat(32),
    resumeToken: 'T'.repeat(64),
    resumeReceived: 2 ** 32 - 1,
    gameVersion: 'v'.repeat(64),
    schema: { hash: 2 ** 32 - 1, types: [[0], [2 ** 32 - 1, ...Array<number>(31).fill(0)]], input: Array<number>(31).fill(2 ** 32 - 1), messages: Array<number>(256).fill(7) },
  },
  { kind: 'welcome', protocolVersion: 1, playerId: 65535, tickRate: 60, snapshotRate: 20, hostTick: BIG_TICK, snapshotReliable: false, resumeToken: 'AbC-_9', resumed: true, resumeWindowMs: 10_000, resumeReceived: 7, playerName: 'Ada', hostPlayerId: 0, takeoverTick: -1 },
  { kind: 'refuse', reason: 'version_mismatch', message: 'This lobby runs protocol 1; reload the page.' },
  { kind: 'ping', clientTimeMs: 12345.678 },
  { kind: 'pong', clientTimeMs: 12345.678, hostTimeMs: -3.25, hostTick: 0 },
  { kind: 'input', ackSnapshotTick: NO_TICK, firstTick: 0, inputs: [Int32Array.of(1, 0, 0, 1, 1, 1023)], viewAges: [0] },
  {
    kind: 'input',
    ackSnapshotTick: 90000,
    firstTick: 90007,
    inputs: Array.from({ length: 16 }, (_, i) => Int32Array.of(i & 1, 0, 1, 0, 0, i * 60)),
    viewAges: Array.from({ length: 16 }, (_, i) => (i === 0 ? 1023 : i)),
  },
  {
    kind: 'snapshot',
    tick: 100000,
    baselineTick: 99990,
    lastInputTick: 100004,
    part: 2,
    partCount: 3,
    removed: [0, 65535, 2 ** 32 - 1],
    entities: [
      [1, -3, 200000, 0, 4095, 100000],
      [2, 0b010, 12],
      [3, 0b1100, -2, 1],
      [65535, 0b1, -(2 ** 31 - 1)],
    ],
  },
  { kind: 'snapshot', tick: 5, baselineTick: NO_TICK, lastInputTick: NO_TICK, part: 0, partCount: 1, removed: [], entities: [] },
  { kind: 'snapshot', tick: 2000, baselineTick: 1994, predictorTick: 1993, lastInputTick: 2002, part: 0, partCount: 1, removed: [7], entities: [[2, 0b010, -1]] },
  { kind: 'game', messageType: 255, sequence: 65535, payload: { text: 'gg', at: [1, 2.5, null, true], nested: { deep: [[[]]] } } },
  { kind: 'game', messageType: 0, sequence: 0, payload: null },
  { kind: 'playerJoined', playerId: 3, name: 'Grace' },
  { kind: 'playerLeft', playerId: 3, reason: 'timeout' },
  { kind: 'playerAway', playerId: 65535, away: true },
  { kind: 'playerAway', playerId: 0, away: false },
  { kind: 'welcome', protocolVersion: 7, playerId: 4, tickRate: 60, snapshotRate: 20, hostTick: 900, snapshotReliable: false, resumeToken: 'AbC-_9', resumed: true, resumeWindowMs: 10_000, resumeReceived: 7, playerName: 'Bob', hostPlayerId: 2, takeoverTick: 880 },
  { kind: 'heirs', playerIds: [2, 5, 1] },
  { kind: 'heirs', playerIds: [] },
  { kind: 'checkpoint', tick: 880, part: 1, partCount: 3, bytes: new Uint8Array([1, 2, 3]) },
  { kind: 'ledger', tick: 880, received: [1, 0, 2, 17] },
  { kind: 'voice', peer: 2, signal: { type: 'candidate', link: 1, candidate: 'candidate:1 1 udp 2122260223 10.0.0.2 50000 typ host', sdpMid: '0', sdpMLineIndex: 0 } },
];

function roundTrip(message: Message): unknown {
  const decoded = decodeMessage(writeMessage(message), 65536);
  if (!decoded.ok) throw new Error(decoded.reason);
  const parsed = parseMessage(decoded.value, ctx);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}

/** The wire array of a sample with element `index` replaced. */
function mutated(message: Message, index: number, value: unknown): unknown[] {
  const wire = messageToWire(message);
  wire[index] = value;
  return wire;
}

/** Labels a test value; JSON.stringify cannot take bigints. */
function label(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)) ?? String(value);
}

/** Byte arrays as plain arrays: under Node msgpackr decodes bytes to a Buffer, which toEqual tells from a Uint8Array. */
function plainBytes(value: unknown): unknown {
  if (value instanceof Uint8Array) return Array.from(value);
  if (Array.isArray(value)) return (value as unknown[]).map(plainBytes);
  if (value !== null && typeof value === 'object' && !ArrayBuffer.isView(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]: [string, unknown]) => [k, plainBytes(v)]));
  }
  return value;
}

function sample<K extends Message['kind']>(kind: K): Extract<Message, { kind: K }> {
  return samples.find((m) => m.kind === kind) as Extract<Message, { kind: K }>;
}

describe('messages', () => {
  it('round-trip every kind: encode, decode, parse gives the input back', () => {
    const kinds = new Set<string>();
    for (const message of samples) {
      expect(roundTrip(message), message.kind).toEqual(message);
      kinds.add(message.kind);
    }
    expect([...kinds].sort()).toEqual(Object.keys(MessageKind).sort());
  });

  it('are compact arrays led by their kind code', () => {
    expect(Array.from(writeMessage({ kind: 'ping', clientTimeMs: 1 }))).toEqual([0x92, MessageKind.ping, 0x01]);
    const input = messageToWire(samples[7]!);
    expect(input.slice(0, 3)).toEqual([MessageKind.input, 90007, 7]);
  });

  it('encode a snapshot to the bytes of its wire array, through the encoder the host streams with', () => {
    for (const snap of samples.filter((m) => m.kind === 'snapshot')) {
      expect(Array.from(writeMessage(snap))).toEqual(Array.from(encodeMessage(messageToWire(snap))));
    }
  });

  it('reads bytes with a size limit', () => {
    const bytes = writeMessage(sample('playerJoined'));
    expect(readMessage(bytes, 100, ctx)).toEqual({ ok: true, value: sample('playerJoined') });
    expect(readMessage(bytes, 3, ctx).ok).toBe(false);
  });

  it('accept a hello of a newer protocol with extra fields, so the host can refuse it politely', () => {
    const parsed = parseMessage([MessageKind.hello, 2, 'Ada', { future: true }], ctx);
    const value = { kind: 'hello', protocolVersion: 2, playerName: 'Ada', resumeToken: '', resumeReceived: 0, gameVersion: '', schema: NO_FINGERPRINT };
    expect(parsed).toEqual({ ok: true, value });
  });
});

describe('parseMessage rejects', () => {
  const rejects = (value: unknown): void => {
    const result = parseMessage(value, ctx);
    expect(result.ok, label(value)).toBe(false);
  };

  it('anything that is not a message array, and unknown kinds', () => {
    for (const value of [undefined, null, 1, 'hello', {}, [], [0], [99, 1], ['hello', 1, 'x'], [null], [1.5]]) rejects(value);
  });

  it('wrong arity', () => {
    for (const message of samples) {
      const wire = messageToWire(message);
      // Without its last element a snapshot with a predictor is one without: two fewer are too few.
      rejects(wire.slice(0, message.kind === 'snapshot' && message.predictorTick !== undefined ? -2 : -1));
      // A hello may carry a few more elements (a newer client's), so that it can be refused politely.
      if (message.kind !== 'hello') rejects([...wire, 0]);
    }
    rejects([MessageKind.hello, PROTOCOL_VERSION, 'a']);
    rejects([MessageKind.hello, 1, 'a', 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    rejects([...messageToWire(sample('hello')), 0, 0, 0, 0, 0]);
    expect(parseMessage([...messageToWire(sample('hello')), 0, 0, 0, 0], ctx).ok).toBe(true);
  });

  it('strings where numbers belong, NaN and Infinity, fractions where integers belong', () => {
    const isTime = (kind: Message['kind'], i: number): boolean => (kind === 'ping' || kind === 'pong') && i <= 2;
    for (const message of samples) {
      messageToWire(message).forEach((v, i) => {
        if (i === 0 || typeof v !== 'number') return;
        const bad: unknown[] = ['1', Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, true, null];
        if (!isTime(message.kind, i)) bad.push(Math.floor(v) + 0.5);
        for (const b of bad) {
          // nil is "no tick" for the tick ages of input (2) and snapshot (2, 3).
          if (b === null && (message.kind === 'input' || message.kind === 'snapshot') && (i === 2 || i === 3)) continue;
          // nil is "none" for a welcome's host player (12) and takeover tick (13).
          if (b === null && message.kind === 'welcome' && i >= 12) continue;
          rejects(mutated(message, i, b));
        }
      });
    }
  });

  it('out-of-range ids, ticks, rates and strings', () => {
    const welcome = sample('welcome');
    rejects(mutated(welcome, 2, 65536));
    rejects(mutated(welcome, 3, 0));
    rejects(mutated(welcome, 4, 1001));
    rejects(mutated(welcome, 5, 2 ** 32));
    rejects(mutated(welcome, 5, -1));
    rejects(mutated(welcome, 6, 1));
    rejects(mutated(sample('hello'), 2, 'x'.repeat(33)));
    rejects(mutated(sample('hello'), 5, 'v'.repeat(65)));
    rejects(mutated(sample('hello'), 5, 1));
    const fingerprint = messageToWire(sample('hello'))[6] as unknown[];
    const withFingerprint = (i: number, value: unknown) => mutated(sample('hello'), 6, fingerprint.map((v, j) => (j === i ? value : v)));
    for (const bad of [null, [], [1, [], []], [...fingerprint, 0], { hash: 1 }]) rejects(mutated(sample('hello'), 6, bad));
    for (const hash of [-1, 2 ** 32, 0.5, '1']) rejects(withFingerprint(0, hash));
    rejects(withFingerprint(1, [[]]));
    rejects(withFingerprint(1, [Array<number>(33).fill(1)]));
    rejects(withFingerprint(1, Array.from({ length: 257 }, () => [1])));
    rejects(withFingerprint(1, [[1, -1]]));
    rejects(withFingerprint(2, Array<number>(32).fill(1)));
    rejects(withFingerprint(3, Array<number>(257).fill(1)));
    rejects(withFingerprint(3, [1.5]));
    rejects(mutated(sample('refuse'), 1, 'Lobby Full'));
    rejects(mutated(sample('refuse'), 1, ''));
    rejects(mutated(sample('refuse'), 2, 'x'.repeat(201)));
    rejects(mutated(sample('playerLeft'), 2, 'x'.repeat(33)));
    rejects(mutated(welcome, 11, 'x'.repeat(33)));
    rejects(mutated(welcome, 11, 1));
    rejects(mutated(sample('playerAway'), 1, 65536));
    rejects(mutated(sample('playerAway'), 2, 1));
    rejects(mutated(sample('playerAway'), 2, null));
    rejects(mutated(sample('game'), 1, 256));
    rejects(mutated(sample('game'), 2, 65536));
  });

  it('game payloads that are not bounded plain data', () => {
    const game = sample('game');
    let deep: unknown = 1;
    for (let i = 0; i < 17; i++) deep = [deep];
    for (const payload of [deep, Number.NaN, [Number.POSITIVE_INFINITY], new Date(0), new Set([1]), new Map(), 1n, undefined, { a: new Error('x') }]) {
      rejects(mutated(game, 3, payload));
    }
    let ok: unknown = 1;
    for (let i = 0; i < 16; i++) ok = [ok];
    expect(parseMessage(mutated(game, 3, ok), ctx).ok).toBe(true);
    expect(parseMessage(mutated(game, 3, { bytes: new Uint8Array(3) }), ctx).ok).toBe(true);
  });

  it('bad inputs: too many, none, wrong length, out-of-range values, tick overflow, view ages out of range or not one per input', () => {
    const input = messageToWire(samples[7]!);
    const inputs = input[3] as number[][];
    rejects(mutated(samples[7]!, 3, [...inputs, inputs[0]]));
    rejects(mutated(samples[7]!, 3, []));
    rejects(mutated(samples[7]!, 3, [[1, 0, 0, 1, 1]]));
    rejects(mutated(samples[7]!, 3, [[1, 0, 0, 1, 1, 1024]]));
    rejects(mutated(samples[7]!, 3, [[2, 0, 0, 1, 1, 0]]));
    rejects(mutated(samples[7]!, 3, [[-1, 0, 0, 1, 1, 0]]));
    rejects(mutated(samples[7]!, 3, 'inputs'));
    rejects(mutated(samples[7]!, 1, BIG_TICK - 5));
    rejects(mutated(samples[7]!, 2, 90008));
    const viewAges = input[4] as number[];
    rejects(mutated(samples[7]!, 4, viewAges.slice(1)));
    rejects(mutated(samples[7]!, 4, [...viewAges, 0]));
    rejects(mutated(samples[7]!, 4, viewAges.map((age, i) => (i === 3 ? 1024 : age))));
    rejects(mutated(samples[7]!, 4, viewAges.map((age, i) => (i === 3 ? -1 : age))));
    rejects(mutated(samples[7]!, 4, viewAges.map((age, i) => (i === 3 ? 0.5 : age))));
    rejects(mutated(samples[7]!, 4, 'viewAges'));
  });

  it('bad snapshots: unknown type index, bad headers and masks, value counts, ranges, id gaps, parts', () => {
    const snap = sample('snapshot');
    const withRecords = (...records: EntityRecord[]): unknown[] => mutated(snap, 7, recordsToWire(records));
    const withStream = (write: (out: BitWriter) => void): unknown[] => {
      const out = new BitWriter();
      write(out);
      return mutated(snap, 7, out.take());
    };
    expect(parseMessage(withRecords([1, 0b0001, 5]), ctx).ok).toBe(true);
    expect(parseMessage(withRecords([1, 0b0001, -5], [2, -3, 1, 2, 3, 4]), ctx)).toMatchObject({
      ok: true,
      value: { entities: [[1, 0b0001, -5], [2, -3, 1, 2, 3, 4]] },
    });
    expect(parseMessage(mutated(snap, 7, new Uint8Array(0)), ctx)).toMatchObject({ ok: true, value: { entities: [] } });
    rejects(withRecords([1, -4, 5])); // no type 3
    rejects(withRecords([1, 0, 5])); // mask 0
    rejects(withRecords([2 ** 32, 0b0001, 5]));
    rejects(withRecords([2 ** 32 - 1, 0b0001, 5], [2 ** 32, 0b0001, 5])); // the second id is above 2^32 - 1
    rejects(withRecords([1, 0b10000, 5])); // wider than the widest type (four fields)
    rejects(withRecords([1, 0b0001, 2 ** 31]));
    rejects(withRecords([1, 0b0001, -(2 ** 31)]));
    rejects(withRecords([1, -3, 200001, 0, 0, 0])); // a full record holds valid values
    rejects(withRecords([1, -3, 0, 0, 4096, 0]));
    rejects(withRecords([1, -2, 3])); // a pickup has four fields: the stream has orders for one
    rejects(withRecords(...Array.from({ length: 16385 }, (_, i): EntityRecord => [i, 0b0001, 5])));
    rejects(mutated(snap, 7, 'records'));
    rejects(mutated(snap, 7, [1, 0b0001, 5]));
    rejects(mutated(snap, 7, null));
    // Truncated: every shorter prefix of a stream whose last record needs its last byte.
    const whole = recordsToWire([[1, 0b0001, 5], [2, -3, 1, 2, 3, 4]]);
    for (let cut = 1; cut < whole.byteLength; cut++) rejects(mutated(snap, 7, whole.slice(0, cut)));
    rejects(mutated(snap, 7, Uint8Array.of(...whole, 0))); // a zero byte after the padding
    rejects(mutated(snap, 7, Uint8Array.of(...whole, 0xff)));
    // Streams written by hand: a head for deltas only (gap order 0, one column of order 0, common
    // mask `common`), 18 bits; then gap 1, the common mask, +5 (zigzag 10): 11 bits; then `tail`.
    const handWritten = (common: number, tail: (out: BitWriter) => void, flags: [boolean, boolean] = [false, true]) =>
      withStream((out) => {
        out.bits(0, 5);
        out.bit(flags[0]);
        out.bit(flags[1]);
        out.bits(1, 5);
        out.bits(0, 5);
        out.bits(common, 1);
        out.expGolomb(1, 0);
        out.bit(true);
        out.expGolomb(10, 0);
        tail(out);
      });
    expect(parseMessage(handWritten(1, () => undefined), ctx)).toMatchObject({ ok: true, value: { entities: [[1, 0b1, 5]] } });
    rejects(handWritten(1, (out) => out.bits(0b001, 3))); // padding that is not zero (nor a whole record)
    rejects(handWritten(1, (out) => out.bits(0, 8))); // a zero byte after the padding
    rejects(handWritten(0, () => undefined)); // a record with the common mask, 0
    rejects(handWritten(1, () => undefined, [false, false])); // a head with neither form
    rejects(
      handWritten(1, (out) => {
        out.bits(0, 32);
        out.bits(0, 32);
        out.bits(0, 8); // 72 zero bits: no code of a 32-bit value is that long
        out.bits(1, 1);
      }),
    );
    expect(() => recordsToWire([[3, 0b1, 1], [2, 0b1, 1]])).toThrow(/ascend/);
    rejects(mutated(snap, 6, [2 ** 32]));
    rejects(mutated(snap, 6, [0, 2 ** 32 - 1])); // the second id would be 2^32
    rejects(mutated(snap, 6, [2 ** 32 - 1, 0]));
    rejects(mutated(snap, 6, [-1]));
    rejects(mutated(snap, 6, new Array(16385).fill(0)));
    rejects(mutated(snap, 2, 0));
    rejects(mutated(snap, 2, 100001));
    rejects(mutated(snap, 3, 100001));
    rejects(mutated(snap, 4, 3));
    rejects(mutated(snap, 5, 0));
    rejects(mutated(snap, 5, 65));
    // A predictor: a ninth element, its distance back from the baseline.
    const wire = messageToWire(snap);
    expect(parseMessage([...wire, 1], ctx)).toMatchObject({ ok: true, value: { baselineTick: 99990, predictorTick: 99989 } });
    expect(parseMessage([...wire, 1024], ctx)).toMatchObject({ ok: true, value: { predictorTick: 99990 - 1024 } });
    const plain = parseMessage(wire, ctx);
    expect(plain.ok).toBe(true);
    expect(plain.ok && 'predictorTick' in plain.value).toBe(false);
    rejects([...wire, 0]); // not before the baseline
    rejects([...wire, 1025]); // further back than a prediction reaches
    rejects([...wire, -1]);
    rejects([...wire, null]);
    rejects([...wire, 1.5]);
    rejects([...mutated(snap, 2, null), 1]); // a predictor without a baseline
    rejects([...mutated(snap, 2, 1025), 1]); // a baseline further back than a prediction reaches
    expect(parseMessage(mutated(snap, 2, 1025), ctx).ok).toBe(true);
    rejects([...wire, 1, 1]);
  });

  it('sends snapshot ids as gaps and records as one bit stream, and refuses to encode ids that do not ascend', () => {
    const snap = sample('snapshot');
    const wire = messageToWire(snap);
    expect(wire[6]).toEqual([0, 65534, 2 ** 32 - 1 - 65535 - 1]);
    expect(wire[7]).toBeInstanceOf(Uint8Array);
    expect(wire[7]).toEqual(recordsToWire(snap.entities));
    expect(() => writeMessage({ ...snap, removed: [5, 5] })).toThrow(/ascend/);
    expect(() => writeMessage({ ...snap, entities: [[3, 0b1, 1], [2, 0b1, 1]] })).toThrow(/ascend/);
  });
});

/** Random edits of valid wire arrays: replace, delete, insert or retype one element, maybe deep. */
function mutate(rng: Rng, value: unknown, depth = 0): unknown {
  if (!Array.isArray(value) || value.length === 0 || (depth > 0 && rng.chance(0.3))) return randomJunk(rng);
  const copy: unknown[] = [...(value as unknown[])];
  const i = rng.int(0, copy.length - 1);
  const roll = rng.next();
  if (roll < 0.5) copy[i] = mutate(rng, copy[i], depth + 1);
  else if (roll < 0.65) copy.splice(i, 1);
  else if (roll < 0.8) copy.splice(i, 0, randomJunk(rng));
  else if (typeof copy[i] === 'number') copy[i] = (copy[i] as number) + rng.int(-70000, 70000) * (rng.chance(0.5) ? 1 : 0.5);
  else copy[i] = randomJunk(rng);
  return copy;
}

function randomJunk(rng: Rng): unknown {
  const options: readonly unknown[] = [
    null,
    undefined,
    -1,
    0,
    1,
    255,
    65536,
    2 ** 32,
    -(2 ** 40),
    0.5,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    '',
    'x'.repeat(300),
    true,
    [],
    [1, 2, 3],
    {},
    { length: 3 },
    new Uint8Array(2),
    new Date(0),
  ];
  return options[rng.int(0, options.length - 1)];
}

describe('parseMessage under random mutation', () => {
  it('never throws, and whatever it accepts survives a round trip', () => {
    const rng = createRng(42);
    let accepted = 0;
    for (let n = 0; n < 5000; n++) {
      const base = messageToWire(samples[rng.int(0, samples.length - 1)]!);
      let value: unknown = base;
      const edits = rng.int(1, 3);
      for (let e = 0; e < edits; e++) value = mutate(rng, value);
      const result = parseMessage(value, ctx);
      if (result.ok) {
        accepted++;
        expect(plainBytes(roundTrip(result.value))).toEqual(plainBytes(result.value));
      }
    }
    // Some mutations land on valid messages (a different in-range number): both paths were exercised.
    expect(accepted).toBeGreaterThan(50);
    expect(accepted).toBeLessThan(4000);
  });

  it('never throws on random bytes or flipped bytes', () => {
    const rng = createRng(7);
    const encoded = samples.map((m) => writeMessage(m));
    for (let n = 0; n < 3000; n++) {
      const bytes = Uint8Array.from(encoded[rng.int(0, encoded.length - 1)]!);
      const flips = rng.int(1, 4);
      for (let f = 0; f < flips; f++) bytes[rng.int(0, bytes.length - 1)] = rng.int(0, 255);
      expect(() => readMessage(bytes, 65536, ctx)).not.toThrow();
      const junk = Uint8Array.from({ length: rng.int(1, 40) }, () => rng.int(0, 255));
      expect(() => readMessage(junk, 65536, ctx)).not.toThrow();
    }
    expect(encodeMessage([1]).byteLength).toBe(2);
  });
});
