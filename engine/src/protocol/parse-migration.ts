/**
 * Validation of the host-migration messages (`heirs`, `checkpoint`, `ledger`) from decoded
 * `unknown` arrays. A checkpoint chunk is only bytes here; the checkpoint they add up to is read
 * and checked once whole (`session/migration/checkpoint-codec.ts`).
 */
import { CHECKPOINT_CHUNK_BYTES, MAX_CHECKPOINT_PARTS, MAX_HEIRS, MAX_PLAYER_ID, MAX_TICK } from './message-limits.js';
import type { CheckpointMessage, HeirsMessage, LedgerMessage } from './messages.js';
import { bad, badArity } from './parse-control.js';
import { accept, type ParseResult } from './result.js';
import { isBoundedArray, isTick, isUint } from './wire-checks.js';

type Wire = readonly unknown[];

/** `[12, playerIds]`: distinct player ids, at most `MAX_HEIRS`. */
export function parseHeirs(w: Wire): ParseResult<HeirsMessage> {
  if (w.length !== 2) return badArity('heirs', w, 2);
  const [, playerIds] = w;
  if (!isBoundedArray(playerIds, MAX_HEIRS) || !playerIds.every((id) => isUint(id, MAX_PLAYER_ID))) return bad('heirs', 'playerIds');
  const ids = playerIds as readonly number[];
  if (new Set(ids).size !== ids.length) return bad('heirs', 'playerIds');
  return accept({ kind: 'heirs', playerIds: ids });
}

/** `[13, tick, part, partCount, bytes]`. */
export function parseCheckpoint(w: Wire): ParseResult<CheckpointMessage> {
  if (w.length !== 5) return badArity('checkpoint', w, 5);
  const [, tick, part, partCount, bytes] = w;
  if (!isTick(tick)) return bad('checkpoint', 'tick');
  if (!isUint(partCount, MAX_CHECKPOINT_PARTS) || partCount < 1) return bad('checkpoint', 'partCount');
  if (!isUint(part, partCount - 1)) return bad('checkpoint', 'part');
  if (!(bytes instanceof Uint8Array) || bytes.byteLength > CHECKPOINT_CHUNK_BYTES) return bad('checkpoint', 'bytes');
  // msgpackr decodes bin to a Node Buffer where there is one: a plain view reads the same everywhere.
  return accept({ kind: 'checkpoint', tick, part, partCount, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
}

/** `[14, tick, received]`: pairs of a player id and a count, each id once. */
export function parseLedger(w: Wire): ParseResult<LedgerMessage> {
  if (w.length !== 3) return badArity('ledger', w, 3);
  const [, tick, received] = w;
  if (!isTick(tick)) return bad('ledger', 'tick');
  if (!isBoundedArray(received, 2 * (MAX_PLAYER_ID + 1)) || received.length % 2 !== 0) return bad('ledger', 'received');
  const ids = new Set<number>();
  for (let i = 0; i < received.length; i += 2) {
    const id = received[i];
    if (!isUint(id, MAX_PLAYER_ID) || ids.has(id) || !isUint(received[i + 1], MAX_TICK)) return bad('ledger', 'received');
    ids.add(id);
  }
  return accept({ kind: 'ledger', tick, received: received as readonly number[] });
}
