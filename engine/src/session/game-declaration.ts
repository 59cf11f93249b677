/**
 * The game as the handshake compares it: its schema, its message types and their modes, and the
 * version string the game gave, reduced to the fingerprint a client's `hello` carries (see
 * `protocol/schema-fingerprint.ts`). The host refuses a client whose fingerprint or version differs
 * from its own with `schema_mismatch`, and says what differs in words both players see (the host in
 * its `refused` event, the client in `refused` and as its `disconnected` reason):
 *
 *   entity type "ship", field "x": fixed(0.01,-1000,1000) on the host, something else on the client
 *
 * The host knows its own definitions and the client's codes, so it names the part (a field of an
 * entity type or of the input, a message type, an entity type one side lacks) and its own side of
 * it; a message's mode is one of three, so the client's is named too.
 */
import { NetError } from '../core/net-error.js';
import { MAX_GAME_VERSION_LENGTH, MAX_REFUSE_MESSAGE_LENGTH } from '../protocol/message-limits.js';
import {
  fieldItems,
  hash16,
  hash32,
  itemCode,
  messageItems,
  schemaFingerprint,
  type DeclaredItem,
  type SchemaFingerprint,
} from '../protocol/schema-fingerprint.js';
import type { GameSchema } from '../protocol/schema.js';
import { DELIVERY_MODES, type MessageModes } from './delivery-mode.js';
import { cutToUnits } from './text-bounds.js';

export interface GameDeclaration {
  readonly schema: GameSchema;
  readonly messages: MessageModes;
  /** The game's own version (`''` when it set none). */
  readonly version: string;
  readonly fingerprint: SchemaFingerprint;
}

/** What a client says about its game in its `hello`. */
export interface DeclaredByClient {
  readonly gameVersion: string;
  readonly schema: SchemaFingerprint;
}

/**
 * The declaration of a game whose schema passed `validateSchema` and whose message types passed
 * `GameMessageTypes`; `version` is checked here (`invalid_option` when too long or not a string).
 */
export function declareGame(schema: GameSchema, messages: MessageModes, version: string | undefined): GameDeclaration {
  const checked = version ?? '';
  if (typeof checked !== 'string' || checked.length > MAX_GAME_VERSION_LENGTH) {
    throw new NetError('invalid_option', `version must be a string of at most ${MAX_GAME_VERSION_LENGTH} characters, got ${JSON.stringify(version)}`);
  }
  return { schema, messages, version: checked, fingerprint: schemaFingerprint(schema, messages) };
}

/** Undefined when the client's game is the host's; otherwise what differs, for people. */
export function gameMismatch(host: GameDeclaration, client: DeclaredByClient): string | undefined {
  const differences: string[] = [];
  if (client.gameVersion !== host.version) {
    differences.push(`game version ${JSON.stringify(host.version)} on the host, ${JSON.stringify(client.gameVersion)} on the client`);
  }
  if (client.schema.hash !== host.fingerprint.hash) {
    const named = [
      ...typeDifferences(host.schema, client.schema.types),
      ...itemDifferences('input', 'field', fieldItems(host.schema.input), client.schema.input, () => undefined),
      ...itemDifferences('messages', 'message', messageItems(host.messages), client.schema.messages, modeOf),
    ];
    differences.push(...(named.length > 0 ? named : ['the schema or the message types differ (no single part could be named)']));
  }
  if (differences.length === 0) return undefined;
  const text = `the client's game differs from the host's: ${differences.join('; ')}`;
  return text.length <= MAX_REFUSE_MESSAGE_LENGTH ? text : `${cutToUnits(text, MAX_REFUSE_MESSAGE_LENGTH - 1)}…`;
}

/** Entity types one side lacks, and the fields of those both have. */
function typeDifferences(schema: GameSchema, clientTypes: readonly (readonly number[])[]): string[] {
  const theirs = new Map(clientTypes.map((type) => [type[0]!, type.slice(1)]));
  const out: string[] = [];
  const ours = new Set<number>();
  for (const name of Object.keys(schema.entities).sort()) {
    const key = hash32(name);
    ours.add(key);
    const fields = theirs.get(key);
    if (fields === undefined) out.push(`entity type "${name}" missing on the client`);
    else out.push(...itemDifferences(`entity type "${name}"`, 'field', fieldItems(schema.entities[name]!), fields, () => undefined));
  }
  const extra = clientTypes.filter((type) => !ours.has(type[0]!)).length;
  if (extra > 0) out.push(`${extra} entity type${extra === 1 ? '' : 's'} on the client unknown to the host`);
  return out;
}

/**
 * How the client's codes for one part differ from the host's items: matched by name hash, each
 * differing definition named with the host's (and the client's, when `known` can tell it from its
 * hash), then items only the client has, then the order when nothing else differs.
 */
function itemDifferences(part: string, noun: string, ours: readonly DeclaredItem[], theirs: readonly number[], known: (hash: number) => string | undefined): string[] {
  const theirDefinition = new Map<number, number>();
  for (const code of theirs) if (!theirDefinition.has(code >>> 16)) theirDefinition.set(code >>> 16, code & 0xffff);
  const out: string[] = [];
  const ourNames = new Set<number>();
  for (const item of ours) {
    const name = hash16(item.name);
    ourNames.add(name);
    const definition = theirDefinition.get(name);
    const where = part === 'messages' ? `message "${item.name}"` : `${part}, ${noun} "${item.name}"`;
    if (definition === undefined) out.push(`${where} missing on the client`);
    else if (definition !== hash16(item.definition)) out.push(`${where}: ${item.definition} on the host, ${known(definition) ?? 'something else'} on the client`);
  }
  const extra = theirs.filter((code) => !ourNames.has(code >>> 16)).length;
  if (extra > 0) out.push(`${part}: ${extra} ${noun}${extra === 1 ? '' : 's'} on the client unknown to the host`);
  if (out.length === 0 && ours.map(itemCode).join() !== theirs.join()) out.push(`${part}: the same ${noun}s in another order`);
  return out;
}

/** A delivery mode told from its hash. */
function modeOf(hash: number): string | undefined {
  return DELIVERY_MODES.find((mode) => hash16(mode) === hash);
}
