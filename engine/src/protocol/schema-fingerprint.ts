/**
 * A game's declarations reduced to numbers, for the handshake. Host and client must agree on every
 * entity type, field, range and message mode: a client that does not decodes the host's snapshots
 * as garbage, or refuses them. So the client's `hello` carries a fingerprint and the host refuses
 * one that differs from its own.
 *
 * Sending the whole description would let the host say exactly what differs, but a schema may hold
 * 256 types of 31 fields with long enum lists, too much for one message. A single hash would say
 * only "something differs". The fingerprint sits between: one 32-bit hash of the canonical
 * description (the check), and one 32-bit code per field and per message type, the high 16 bits a
 * hash of its name and the low 16 bits a hash of its definition (the diagnosis). The host matches
 * the client's codes by name hash against its own fields, so it can name the field, type or message
 * that differs and say what its own is, in at most about 41 KB whatever the schema.
 *
 * The canonical description (SPEC.md, "Schema fingerprint") depends only on what reaches the wire:
 * type names, field names in key order, kinds and their parameters, message names and modes. The
 * game's functions, its neutral input and its tick rate are not part of it.
 */
import type { EntitySchema, FieldType, GameSchema } from './schema.js';

/** What `hello` carries about the game's declarations. */
export interface SchemaFingerprint {
  /** FNV-1a (32 bits) of the canonical description of everything below. */
  readonly hash: number;
  /** Per entity type, by name sorted: the 32-bit hash of its name, then one code per field in key order. */
  readonly types: readonly (readonly number[])[];
  /** One code per input field, in key order. */
  readonly input: readonly number[];
  /** One code per game message type, by name sorted: the name and its delivery mode. */
  readonly messages: readonly number[];
}

/** A named thing and its definition, as the canonical description spells them. */
export interface DeclaredItem {
  readonly name: string;
  readonly definition: string;
}

/** The fingerprint of a hello that carries none (another protocol version). */
export const NO_FINGERPRINT: SchemaFingerprint = { hash: 0, types: [], input: [], messages: [] };

const utf8 = new TextEncoder();

/** FNV-1a, 32 bits, over the UTF-8 bytes of `text`. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of utf8.encode(text)) h = Math.imul(h ^ byte, 0x01000193) >>> 0;
  return h;
}

/** `hash32` folded to 16 bits (high half XOR low half, as FNV's authors advise for short hashes). */
export function hash16(text: string): number {
  const h = hash32(text);
  return (h >>> 16) ^ (h & 0xffff);
}

/** The code of one field or message type: its name's `hash16`, then its definition's. */
export function itemCode({ name, definition }: DeclaredItem): number {
  return ((hash16(name) << 16) | hash16(definition)) >>> 0;
}

/** How a field type is spelled in the canonical description, e.g. `fixed(0.01,-1000,1000)`. */
export function fieldDefinition(type: FieldType): string {
  switch (type.kind) {
    case 'fixed':
      return `fixed(${type.precision},${type.min},${type.max})`;
    case 'int':
      return `int(${type.min},${type.max})`;
    case 'angle':
      return `angle(${type.bits})`;
    case 'bool':
      return 'bool';
    case 'enum':
      return `enum(${JSON.stringify(type.values)})`;
    case 'quat':
      return `quat(${type.bits})`;
  }
}

/** The fields of an entity type or of the input, in key order (wire order). */
export function fieldItems(fields: EntitySchema): DeclaredItem[] {
  return Object.keys(fields).map((name) => ({ name, definition: fieldDefinition(fields[name]!) }));
}

/** The message types, by name sorted (as they are numbered on the wire), with their modes. */
export function messageItems(modes: Readonly<Record<string, string>>): DeclaredItem[] {
  return Object.keys(modes)
    .sort()
    .map((name) => ({ name, definition: modes[name]! }));
}

/** The fingerprint of a schema (it must have passed `validateSchema`) and message declaration. */
export function schemaFingerprint(schema: GameSchema, modes: Readonly<Record<string, string>>): SchemaFingerprint {
  // Default sort compares UTF-16 code units: the wire's type order, the same on every engine.
  const typeNames = Object.keys(schema.entities).sort();
  const types = typeNames.map((name) => ({ name, fields: fieldItems(schema.entities[name]!) }));
  const input = fieldItems(schema.input);
  const messages = messageItems(modes);
  const pairs = (items: readonly DeclaredItem[]) => items.map((i) => [i.name, i.definition]);
  const canonical = JSON.stringify([types.map((t) => [t.name, pairs(t.fields)]), pairs(input), pairs(messages)]);
  return {
    hash: hash32(canonical),
    types: types.map((t) => [hash32(t.name), ...t.fields.map(itemCode)]),
    input: input.map(itemCode),
    messages: messages.map(itemCode),
  };
}
