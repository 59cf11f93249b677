/**
 * The one gate between the network and everything else: a decoded `unknown` becomes a typed
 * `Message` or a refusal. It never throws, so a hostile or corrupt message costs a counter bump.
 */
import { decodeMessage } from './codec.js';
import { messageKindName, type MessageKindName } from './message-kinds.js';
import type { Message } from './messages.js';
import {
  parseGame,
  parseHello,
  parsePing,
  parsePlayerJoined,
  parsePlayerAway,
  parsePlayerLeft,
  parsePong,
  parseRefuse,
  parseWelcome,
} from './parse-control.js';
import { parseCheckpoint, parseHeirs, parseLedger } from './parse-migration.js';
import { parseInput, parseSnapshot } from './parse-state.js';
import { parseVoice } from './parse-voice.js';
import { refuse, type ParseResult } from './result.js';
import { schemaLayout, type SchemaLayout } from './schema-layout.js';
import type { GameSchema } from './schema.js';
import { isBoundedArray } from './wire-checks.js';

/** What validation needs to know about the game. */
export interface ParseContext {
  /** The game's schema; it must have passed `validateSchema`. */
  readonly schema: GameSchema;
}

type Parser = (wire: readonly unknown[], layout: SchemaLayout) => ParseResult<Message>;

const parsers: Readonly<Record<MessageKindName, Parser>> = {
  hello: parseHello,
  welcome: parseWelcome,
  refuse: parseRefuse,
  ping: parsePing,
  pong: parsePong,
  input: parseInput,
  snapshot: parseSnapshot,
  game: parseGame,
  playerJoined: parsePlayerJoined,
  playerLeft: parsePlayerLeft,
  playerAway: parsePlayerAway,
  heirs: parseHeirs,
  checkpoint: parseCheckpoint,
  ledger: parseLedger,
  voice: parseVoice,
};

/** The longest wire array of any message (`hello` with its tolerated extra fields). */
const MAX_WIRE_LENGTH = 16;

/** Validates a decoded value as a message. Never throws. */
export function parseMessage(value: unknown, ctx: ParseContext): ParseResult<Message> {
  if (!isBoundedArray(value, MAX_WIRE_LENGTH) || value.length === 0) return refuse('not a message array');
  const kind = messageKindName(value[0]);
  if (kind === undefined) return refuse(`unknown message kind ${describeKind(value[0])}`);
  try {
    return parsers[kind](value, schemaLayout(ctx.schema));
  } catch (error) {
    // Unreachable for a valid schema; kept so that "never throws" holds even for a broken one.
    return refuse(`${kind}: ${error instanceof Error ? error.message : 'validation failed'}`);
  }
}

/** Decodes (refusing more than `maxBytes` before decoding) and validates one message. Never throws. */
export function readMessage(bytes: Uint8Array, maxBytes: number, ctx: ParseContext): ParseResult<Message> {
  const decoded = decodeMessage(bytes, maxBytes);
  return decoded.ok ? parseMessage(decoded.value, ctx) : decoded;
}

function describeKind(code: unknown): string {
  return typeof code === 'number' ? String(code) : `of type ${code === null ? 'null' : typeof code}`;
}
