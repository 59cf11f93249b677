/**
 * Snapshots on the wire: the one encoder of a snapshot message's bytes. A snapshot part is its
 * header (kind, tick, the two tick ages, part, part count) followed by its body, the `removed` gaps
 * and the flat list of records, and, when the deltas are predicted (`prediction.ts`), the
 * predictor's distance back from the baseline. Every client that acknowledged the same baseline gets the same
 * bodies and only its own header (its last input tick), so the host encodes each body once per tick
 * and puts each client's header in front (`encodeSnapshotPart`); `writeMessage` encodes a whole
 * snapshot message the same way, so there is one path from a snapshot to bytes.
 *
 * Ticks that refer back (the baseline, the last input) go as the distance back from the message's
 * own tick, nil for none: one byte where a 32-bit tick takes five, which keeps an empty delta
 * snapshot at a dozen bytes for the whole life of a session. For the same reason entity ids,
 * ascending, go as the gaps between them, and records as one bit stream (`record-bits.ts`) with
 * the coding chosen for the whole snapshot.
 *
 * The bytes are written straight into reused buffers (`msgpack-writer.ts`, the same bytes the
 * codec would give the wire arrays of `snapshotToWire`), and each body and part copied out of it.
 */
import { NetError } from '../core/net-error.js';
import { MessageKind } from './message-kinds.js';
import { NO_TICK } from './message-limits.js';
import { BitWriter } from './bit-writer.js';
import type { EntityRecord, SnapshotHeader, SnapshotMessage } from './messages.js';
import { MsgpackWriter } from './msgpack-writer.js';
import { recordCoding, writeRecords, type RecordCoding } from './record-bits.js';

/** Elements of a snapshot message: the six of its head, then the `removed` gaps and the records; and the predictor's gap when there is one. */
const SNAPSHOT_ELEMENTS = 8;
/** Every snapshot is written here and copied out, one message at a time. */
const writer = new MsgpackWriter();
/** Every part's records are written here first. */
const bits = new BitWriter();

/** What parts with the same baseline share: everything after the header. */
export interface SnapshotPartBody {
  readonly removed: readonly number[];
  readonly entities: readonly EntityRecord[];
  /** The msgpack encoding of the part's `removed` gaps array followed by its records' bit stream (a bin). */
  readonly bytes: Uint8Array;
}

/** The distance from `reference` back to `tick`, or nil when `tick` is `NO_TICK`. */
export function tickAge(reference: number, tick: number): number | null {
  return tick === NO_TICK ? null : reference - tick;
}

/** The gap sent for `id` after `previous`. Throws for ids that do not ascend: a sender bug. */
export function idGap(previous: number, id: number): number {
  if (!(id > previous)) throw new NetError('invalid_option', `snapshot ids must ascend: ${id} after ${previous}`);
  return id - previous - 1;
}

/**
 * Ascending ids as gaps: each id minus the one before minus 1 (the first from -1), so ids close
 * together take one byte each whatever their size.
 */
export function idGaps(ids: readonly number[]): number[] {
  const gaps: number[] = [];
  let previous = -1;
  for (const id of ids) {
    gaps.push(idGap(previous, id));
    previous = id;
  }
  return gaps;
}

/** Records as their bit stream, with `coding` (by default the best for these records alone). */
export function recordsToWire(records: readonly EntityRecord[], coding: RecordCoding = recordCoding(records)): Uint8Array {
  bits.reset();
  writeRecords(bits, records, coding);
  return bits.take();
}

/** A snapshot message as the msgpack array the receiver decodes (SPEC.md, kind 7). */
export function snapshotToWire(m: SnapshotMessage): unknown[] {
  const wire = [...snapshotHead(m, m.part, m.partCount), idGaps(m.removed), recordsToWire(m.entities)];
  const gap = predictorGap(m);
  if (gap !== undefined) wire.push(gap);
  return wire;
}

/** How far the predictor lies before the baseline, in ticks; undefined when the snapshot has none. */
export function predictorGap(h: SnapshotHeader): number | undefined {
  return h.predictorTick === undefined || h.predictorTick === NO_TICK ? undefined : h.baselineTick - h.predictorTick;
}

/**
 * Encodes a part's body: its `removed` ids and its records, coded with `coding` (the snapshot's,
 * shared by all its parts; by default the best for these records alone).
 */
export function encodeSnapshotBody(removed: readonly number[], entities: readonly EntityRecord[], coding?: RecordCoding): SnapshotPartBody {
  const stream = recordsToWire(entities, coding);
  writer.start();
  writer.arrayHeader(removed.length);
  let previous = -1;
  for (const id of removed) {
    writer.number(idGap(previous, id));
    previous = id;
  }
  writer.bin(stream);
  return { removed, entities, bytes: writer.take() };
}

/**
 * The bytes of part `part` of `partCount` of a snapshot: `header`, then `body`. Throws
 * `NetError('message_too_large')` when they exceed `maxBytes`.
 */
export function encodeSnapshotPart(header: SnapshotHeader, part: number, partCount: number, body: SnapshotPartBody, maxBytes = Infinity): Uint8Array {
  const gap = predictorGap(header);
  writer.start();
  writer.arrayHeader(gap === undefined ? SNAPSHOT_ELEMENTS : SNAPSHOT_ELEMENTS + 1);
  writer.number(MessageKind.snapshot);
  writer.number(header.tick);
  writer.intOrNil(tickAge(header.tick, header.baselineTick));
  writer.intOrNil(tickAge(header.tick, header.lastInputTick));
  writer.number(part);
  writer.number(partCount);
  writer.raw(body.bytes);
  if (gap !== undefined) writer.number(gap);
  const bytes = writer.take();
  if (bytes.byteLength > maxBytes) {
    throw new NetError('message_too_large', `cannot split snapshot into parts of ${maxBytes} bytes: part ${part} encoded to ${bytes.byteLength} bytes`);
  }
  return bytes;
}

/** Encodes a whole snapshot message (what `writeMessage` does for one). */
export function encodeSnapshot(m: SnapshotMessage): Uint8Array {
  return encodeSnapshotPart(m, m.part, m.partCount, encodeSnapshotBody(m.removed, m.entities));
}

/** The six elements before the body. */
function snapshotHead(h: SnapshotHeader, part: number, partCount: number): unknown[] {
  return [MessageKind.snapshot, h.tick, tickAge(h.tick, h.baselineTick), tickAge(h.tick, h.lastInputTick), part, partCount];
}
