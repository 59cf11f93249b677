/**
 * A checkpoint: what an heir needs, beyond what every client already has, to host the game when
 * the host goes (host migration). The host sends its newest to its first heirs at most once a
 * second; on the wire it is one msgpack array cut into `checkpoint` chunks:
 *
 *   [tick, hostPlayerId, credential, seats, state, listing?]
 *   seats: [[playerId, name, token, received, sent], ...]
 *   listing: [name, mode]
 *
 * `hostPlayerId` is the host's own player (-1 for a host that only serves), `credential` what the
 * broker asks of whoever takes the lobby over (empty where there is no broker), `received` and
 * `sent` the seat's reliable game message counts each way, and `state` the game's state as
 * `saveState` made it: plain data (see `isPlainPayload`). `listing`, present only while the lobby
 * is on the broker's public list, is the name and game mode the heir lists it under again.
 */
import { CHECKPOINT_CHUNK_BYTES, MAX_CHECKPOINT_PARTS, MAX_PLAYER_ID, MAX_PLAYER_NAME_LENGTH, MAX_RESUME_TOKEN_LENGTH, MAX_TICK } from '../../protocol/message-limits.js';
import { decodeMessage, encodeMessage } from '../../protocol/codec.js';
import type { CheckpointMessage } from '../../protocol/messages.js';
import { isPlainPayload } from '../../protocol/parse-payload.js';
import { accept, refuse, type ParseResult } from '../../protocol/result.js';
import { isBoundedArray, isBoundedString, isTick, isUint } from '../../protocol/wire-checks.js';
import type { PlayerId } from '../simulation.js';

/** One client's seat as the host holds it. */
export interface CheckpointSeat {
  readonly playerId: PlayerId;
  readonly name: string;
  /** The secret the player's client comes back with. */
  readonly token: string;
  /** Reliable game messages the host had received from this player. */
  readonly received: number;
  /** Reliable game messages the host had sent this player. */
  readonly sent: number;
}

/** The newest state of a game and its seats, as the host sends its first heirs. */
export interface Checkpoint {
  readonly tick: number;
  /** The host's own player, or undefined for a host that only serves. */
  readonly hostPlayerId: PlayerId | undefined;
  /** What the broker asks of a host that takes the lobby over; empty without a broker. */
  readonly credential: string;
  readonly seats: readonly CheckpointSeat[];
  /** The game's state, as `saveState` made it. */
  readonly state: unknown;
  /** How the lobby shows on the broker's public list; undefined when it is not listed. */
  readonly listing?: CheckpointListing | undefined;
}

/** A public lobby's name and game mode, as an heir lists the lobby again. */
export interface CheckpointListing {
  readonly name: string;
  readonly mode: string;
}

/** The longest credential a checkpoint carries. */
export const MAX_CREDENTIAL_LENGTH = 512;
/** Nesting the saved state may use inside the checkpoint (the decoder's own limit is a little more). */
export const MAX_STATE_DEPTH = 20;
/** The longest listing name, in characters, as the broker takes it; and in UTF-16 code units. */
const MAX_LISTING_NAME = 48;
const MAX_LISTING_NAME_LENGTH = 2 * MAX_LISTING_NAME;
/** A game mode as the broker takes it. */
const LISTING_MODE = /^[a-z0-9][a-z0-9._-]{0,31}$/;

/** The largest checkpoint, in bytes. */
export const MAX_CHECKPOINT_BYTES = CHECKPOINT_CHUNK_BYTES * MAX_CHECKPOINT_PARTS;

/** The checkpoint's bytes; throws a `RangeError` naming the problem when they could not be sent. */
export function encodeCheckpoint(checkpoint: Checkpoint): Uint8Array {
  const seats = checkpoint.seats.map((s) => [s.playerId, s.name, s.token, s.received, s.sent]);
  const fields: unknown[] = [checkpoint.tick, checkpoint.hostPlayerId ?? -1, checkpoint.credential, seats, checkpoint.state];
  if (checkpoint.listing) fields.push([checkpoint.listing.name, checkpoint.listing.mode]);
  const bytes = encodeMessage(fields);
  if (bytes.byteLength > MAX_CHECKPOINT_BYTES) {
    throw new RangeError(`a checkpoint is at most ${MAX_CHECKPOINT_BYTES} bytes; the game's saved state makes it ${bytes.byteLength}`);
  }
  return bytes;
}

/** The `checkpoint` messages that carry `bytes`, in order. */
export function checkpointChunks(tick: number, bytes: Uint8Array): CheckpointMessage[] {
  const partCount = Math.max(1, Math.ceil(bytes.byteLength / CHECKPOINT_CHUNK_BYTES));
  const chunks: CheckpointMessage[] = [];
  for (let part = 0; part < partCount; part++) {
    const chunk = bytes.subarray(part * CHECKPOINT_CHUNK_BYTES, (part + 1) * CHECKPOINT_CHUNK_BYTES);
    chunks.push({ kind: 'checkpoint', tick, part, partCount, bytes: chunk });
  }
  return chunks;
}

/** Reads and checks a whole checkpoint. Never throws. */
export function readCheckpoint(bytes: Uint8Array): ParseResult<Checkpoint> {
  const decoded = decodeMessage(bytes, MAX_CHECKPOINT_BYTES);
  if (!decoded.ok) return decoded;
  const w = decoded.value;
  if (!isBoundedArray(w, 6) || w.length < 5) return refuse('checkpoint: expected 5 or 6 elements');
  const [tick, hostPlayerId, credential, seats, state, listingValue] = w;
  if (!isTick(tick)) return refuse('checkpoint: bad tick');
  if (hostPlayerId !== -1 && !isUint(hostPlayerId, MAX_PLAYER_ID)) return refuse('checkpoint: bad hostPlayerId');
  if (!isBoundedString(credential, MAX_CREDENTIAL_LENGTH)) return refuse('checkpoint: bad credential');
  if (!isBoundedArray(seats, MAX_PLAYER_ID + 1)) return refuse('checkpoint: bad seats');
  const read: CheckpointSeat[] = [];
  const ids = new Set<number>();
  for (const seat of seats) {
    const parsed = readSeat(seat);
    if (parsed === undefined || ids.has(parsed.playerId) || parsed.playerId === hostPlayerId) return refuse('checkpoint: bad seat');
    ids.add(parsed.playerId);
    read.push(parsed);
  }
  if (!isPlainPayload(state, MAX_STATE_DEPTH)) return refuse('checkpoint: the state is not plain data');
  const listing = w.length === 6 ? readListing(listingValue) : undefined;
  if (w.length === 6 && listing === undefined) return refuse('checkpoint: bad listing');
  return accept({ tick, hostPlayerId: hostPlayerId === -1 ? undefined : (hostPlayerId as number), credential, seats: read, state, listing });
}

function readListing(value: unknown): CheckpointListing | undefined {
  if (!isBoundedArray(value, 2) || value.length !== 2) return undefined;
  const [name, mode] = value;
  if (!isBoundedString(name, MAX_LISTING_NAME_LENGTH)) return undefined;
  const characters = [...name.trim()].length;
  if (characters === 0 || characters > MAX_LISTING_NAME) return undefined;
  if (!isBoundedString(mode, 32) || !LISTING_MODE.test(mode)) return undefined;
  return { name, mode };
}

function readSeat(value: unknown): CheckpointSeat | undefined {
  if (!isBoundedArray(value, 5) || value.length !== 5) return undefined;
  const [playerId, name, token, received, sent] = value;
  if (!isUint(playerId, MAX_PLAYER_ID) || !isBoundedString(name, MAX_PLAYER_NAME_LENGTH)) return undefined;
  if (!isBoundedString(token, MAX_RESUME_TOKEN_LENGTH) || token === '') return undefined;
  if (!isUint(received, MAX_TICK) || !isUint(sent, MAX_TICK)) return undefined;
  return { playerId, name, token, received, sent };
}
