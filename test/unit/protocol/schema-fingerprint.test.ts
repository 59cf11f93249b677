import { describe, expect, it } from 'vitest';
import { writeMessage } from '../../../engine/src/protocol/encode-message.js';
import { PROTOCOL_VERSION } from '../../../engine/src/protocol/message-kinds.js';
import { MAX_GAME_MESSAGE_TYPE } from '../../../engine/src/protocol/message-limits.js';
import { readMessage } from '../../../engine/src/protocol/parse-message.js';
import { field, MAX_ENTITY_TYPES, MAX_FIELDS, validateSchema, type GameSchema } from '../../../engine/src/protocol/schema.js';
import { MAX_MESSAGE_BYTES } from '../../../engine/src/transport/channels.js';
import { fieldDefinition, hash16, hash32, itemCode, schemaFingerprint } from '../../../engine/src/protocol/schema-fingerprint.js';
import { movingSquare } from '../../../engine/examples/moving-square.js';
import { declareGame, gameMismatch } from '../../../engine/src/session/game-declaration.js';

const square = movingSquare.schema;

describe('the schema fingerprint', () => {
  it('hashes with FNV-1a over UTF-8, as SPEC.md says', () => {
    // The published FNV-1a 32-bit test vectors.
    expect([hash32(''), hash32('a'), hash32('foobar')]).toEqual([0x811c9dc5, 0xe40c292c, 0xbf9cf968]);
    expect(hash32('é')).not.toBe(hash32('\u00e9'.normalize('NFD')));
    expect(hash16('a')).toBe(0xe40c ^ 0x292c);
  });

  it('is the value SPEC.md gives for the moving square, so any other implementation can check itself', () => {
    expect(schemaFingerprint(square, {})).toEqual({
      hash: 0xb1ef5bd2,
      types: [[hash32('square'), itemCode({ name: 'x', definition: 'fixed(0.01,-1000,1000)' }), itemCode({ name: 'y', definition: 'fixed(0.01,-1000,1000)' })]],
      input: [itemCode({ name: 'dx', definition: 'fixed(0.01,-1,1)' }), itemCode({ name: 'dy', definition: 'fixed(0.01,-1,1)' })],
      messages: [],
    });
  });

  it('spells every field kind with all its parameters', () => {
    expect([
      field.fixed(0.5, -2, 2),
      field.int(-3, 3),
      field.angle(10),
      field.bool(),
      field.enum(['a', 'b"c']),
      field.quat(7),
    ].map(fieldDefinition)).toEqual(['fixed(0.5,-2,2)', 'int(-3,3)', 'angle(10)', 'bool', 'enum(["a","b\\"c"])', 'quat(7)']);
  });

  it('changes with anything that reaches the wire: a range, a field order, a type, a message mode', () => {
    const base = schemaFingerprint(square, { chat: 'reliable' }).hash;
    const variants: [GameSchema, Record<string, string>][] = [
      [{ ...square, entities: { square: { x: field.fixed(0.01, -1000, 999), y: square.entities.square!.y! } } }, { chat: 'reliable' }],
      [{ ...square, entities: { square: { y: square.entities.square!.y!, x: square.entities.square!.x! } } }, { chat: 'reliable' }],
      [{ ...square, entities: { ...square.entities, rock: {} } }, { chat: 'reliable' }],
      [{ ...square, input: { dy: square.input.dy!, dx: square.input.dx! } }, { chat: 'reliable' }],
      [square, { chat: 'sequenced' }],
      [square, { chat: 'reliable', aim: 'reliable' }],
      [square, {}],
    ];
    const hashes = variants.map(([schema, messages]) => schemaFingerprint(schema, messages).hash);
    expect(new Set([base, ...hashes]).size).toBe(variants.length + 1);
  });

  it('tells quaternions of every width apart, and the host names the one that differs', () => {
    const withQuat = (bits: number): GameSchema => validateSchema({ entities: { ship: { x: field.fixed(1, 0, 10), turn: field.quat(bits) } }, input: {} });
    const prints = [9, 10, 12, 16].map((bits) => schemaFingerprint(withQuat(bits), {}));
    expect(new Set(prints.map((p) => p.hash)).size).toBe(4);
    expect(new Set(prints.map((p) => p.types[0]![2])).size).toBe(4);
    expect(prints.map((p) => p.types[0]![1])).toEqual(Array(4).fill(prints[0]!.types[0]![1]));
    const host = declareGame(withQuat(16), {}, undefined);
    expect(gameMismatch(host, { gameVersion: '', schema: prints[2]! })).toBe(
      `the client's game differs from the host's: entity type "ship", field "turn": quat(16) on the host, something else on the client`,
    );
    expect(gameMismatch(host, { gameVersion: '', schema: prints[3]! })).toBeUndefined();
  });

  it('does not change with what never reaches the wire: declaration order of types and messages, copies', () => {
    const reordered: GameSchema = { input: square.input, entities: { rock: { n: field.int(0, 1) }, ...square.entities } };
    const original: GameSchema = { ...square, entities: { ...square.entities, rock: { n: field.int(0, 1) } } };
    expect(schemaFingerprint(reordered, { b: 'reliable', a: 'unreliable' })).toEqual(schemaFingerprint(structuredClone(original), { a: 'unreliable', b: 'reliable' }));
  });

  it('keeps the largest hello a schema can make within what control carries', () => {
    const fields = Object.fromEntries(Array.from({ length: MAX_FIELDS }, (_, i) => [`field ${i} ${'é'.repeat(40)}`, field.enum(['a'.repeat(100)])]));
    const entities = Object.fromEntries(Array.from({ length: MAX_ENTITY_TYPES }, (_, i) => [`type ${i} ${'é'.repeat(40)}`, fields]));
    const huge = validateSchema({ entities, input: fields });
    const messages = Object.fromEntries(Array.from({ length: MAX_GAME_MESSAGE_TYPE + 1 }, (_, i) => [`message ${i}`, 'reliable']));
    const hello = {
      kind: 'hello',
      protocolVersion: PROTOCOL_VERSION,
      playerName: '\u{1f600}'.repeat(16),
      resumeToken: 'T'.repeat(64),
      resumeReceived: 2 ** 32 - 1,
      gameVersion: '\u{1f600}'.repeat(32),
      schema: schemaFingerprint(huge, messages),
    } as const;
    const bytes = writeMessage(hello);
    expect(bytes.byteLength).toBeLessThan(44_000);
    expect(bytes.byteLength).toBeLessThan(MAX_MESSAGE_BYTES.control);
    expect(readMessage(bytes, MAX_MESSAGE_BYTES.control, { schema: huge })).toEqual({ ok: true, value: hello });
  });
});
