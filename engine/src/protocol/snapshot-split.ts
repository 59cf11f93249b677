/**
 * Splitting a snapshot into parts that each fit one unreliable message (1150 bytes by default) and
 * each decode on their own. A part holds whole entity records, so losing it loses only its
 * entities; every part repeats the tick, baseline and last applied input.
 *
 * Packing is greedy in one pass: removed ids first (they all land in part 0 unless they do not
 * fit), then records in the order given, which must be ascending by id (as `diffSnapshot` gives
 * them): ids are sent as gaps within each part, so a part still decodes on its own. Sizes come from
 * `msgpack-size.ts` and, for the records' bit stream, from the coding chosen once for the whole
 * snapshot (`record-bits.ts`), not from trial encoding. `part` and `partCount` are below 128, so
 * they take one byte each whatever the final count turns out to be.
 *
 * A part is its header (kind, tick, the two tick ages, part, part count) followed by its **body**,
 * the encoded `removed` array and `entities` stream. Every client that acknowledged the same baseline gets
 * the same bodies; only the header differs (its last input tick). So the host plans and encodes
 * bodies once per baseline (`planSnapshotBodies`) and puts a header in front for each client
 * (`encodeSnapshotPart` in `snapshot-wire.ts`, the one snapshot encoder).
 */
import { NetError } from '../core/net-error.js';
import { MessageKind } from './message-kinds.js';
import { DEFAULT_SNAPSHOT_PART_BYTES, MAX_ENTITIES_PER_PART, MAX_SNAPSHOT_PARTS } from './message-limits.js';
import type { EntityRecord, SnapshotHeader, SnapshotMessage } from './messages.js';
import { arrayHeaderSize, binHeaderSize, intOrNilSize, intSize } from './msgpack-size.js';
import { headBits, recordBits, recordCoding, type RecordCoding } from './record-bits.js';
import { encodeSnapshotBody, encodeSnapshotPart, idGap, predictorGap, tickAge, type SnapshotPartBody } from './snapshot-wire.js';

interface Draft {
  readonly removed: number[];
  readonly entities: EntityRecord[];
  /** Bytes of the `removed` array. */
  removedBytes: number;
  /** Bits of the records' stream (its head included once there is a record). */
  recordBits: number;
}

/** Bytes of a stream of `bits` bits as a msgpack bin. */
function streamBytes(bits: number): number {
  const bytes = Math.ceil(bits / 8);
  return binHeaderSize(bytes) + bytes;
}

/** Fills parts greedily, opening a new one when the next item does not fit. */
class PartPacker {
  private readonly done: Draft[] = [];
  private draft: Draft;

  constructor(
    private readonly headerBytes: number,
    private readonly maxBytes: number,
    private readonly coding: RecordCoding,
  ) {
    if (this.size(arrayHeaderSize(0), 0) > maxBytes) throw tooLarge(`the snapshot header alone takes ${this.size(arrayHeaderSize(0), 0)} bytes`, maxBytes);
    this.draft = this.fresh();
  }

  addRemoved(id: number): void {
    for (;;) {
      const d = this.draft;
      const n = d.removed.length;
      // Ids go as gaps from the previous id in the same part, so the size depends on the part.
      const removedBytes = d.removedBytes + intSize(idGap(d.removed.at(-1) ?? -1, id)) + arrayHeaderSize(n + 1) - arrayHeaderSize(n);
      if (n < MAX_ENTITIES_PER_PART && this.size(removedBytes, d.recordBits) <= this.maxBytes) {
        d.removed.push(id);
        d.removedBytes = removedBytes;
        return;
      }
      this.next(this.size(removedBytes, d.recordBits));
    }
  }

  addRecord(record: EntityRecord): void {
    for (;;) {
      const d = this.draft;
      const head = d.entities.length === 0 ? headBits(this.coding) : 0;
      const bits = d.recordBits + head + recordBits(record, d.entities.at(-1)?.[0] ?? -1, this.coding);
      if (d.entities.length < MAX_ENTITIES_PER_PART && this.size(d.removedBytes, bits) <= this.maxBytes) {
        d.entities.push(record);
        d.recordBits = bits;
        return;
      }
      this.next(this.size(d.removedBytes, bits));
    }
  }

  finish(): Draft[] {
    this.done.push(this.draft);
    return this.done;
  }

  /** Bytes of a part with `removedBytes` of removals and `bits` of records. */
  private size(removedBytes: number, bits: number): number {
    return this.headerBytes + removedBytes + streamBytes(bits);
  }

  /** Closes the current draft for an item that made it `bytes` long and did not fit. */
  private next(bytes: number): void {
    const d = this.draft;
    if (d.removed.length === 0 && d.entities.length === 0) {
      throw tooLarge(`one entity record takes ${bytes} bytes in a part`, this.maxBytes);
    }
    this.done.push(d);
    this.draft = this.fresh();
  }

  private fresh(): Draft {
    return { removed: [], entities: [], removedBytes: arrayHeaderSize(0), recordBits: 0 };
  }
}

/**
 * Plans and encodes the bodies of a snapshot's parts, for parts whose header encodes to
 * `headerBytes` (see {@link snapshotHeaderSize}), each part at most `maxBytes` once encoded.
 * Throws `NetError('message_too_large')` when one record (or the header) alone exceeds `maxBytes`,
 * or when more than 64 parts would be needed.
 */
export function planSnapshotBodies(
  headerBytes: number,
  records: readonly EntityRecord[],
  removed: readonly number[],
  maxBytes = DEFAULT_SNAPSHOT_PART_BYTES,
): SnapshotPartBody[] {
  const coding = recordCoding(records);
  const packer = new PartPacker(headerBytes, maxBytes, coding);
  for (const id of removed) packer.addRemoved(id);
  for (const record of records) packer.addRecord(record);
  const drafts = packer.finish();
  if (drafts.length > MAX_SNAPSHOT_PARTS) {
    throw tooLarge(`the snapshot needs ${drafts.length} parts; at most ${MAX_SNAPSHOT_PARTS}`, maxBytes);
  }
  return drafts.map((d) => encodeSnapshotBody(d.removed, d.entities, coding));
}

/**
 * Plans the parts of a snapshot, each at most `maxBytes` once encoded (see {@link planSnapshotBodies}).
 */
export function planSnapshotParts(
  header: SnapshotHeader,
  records: readonly EntityRecord[],
  removed: readonly number[],
  maxBytes = DEFAULT_SNAPSHOT_PART_BYTES,
): SnapshotMessage[] {
  const bodies = planSnapshotBodies(snapshotHeaderSize(header), records, removed, maxBytes);
  const { tick, baselineTick, lastInputTick, predictorTick } = header;
  return bodies.map((body, part) => ({
    kind: 'snapshot',
    tick,
    baselineTick,
    ...(predictorTick === undefined ? {} : { predictorTick }),
    lastInputTick,
    part,
    partCount: bodies.length,
    removed: body.removed,
    entities: body.entities,
  }));
}

/** Plans and encodes the parts of a snapshot (see {@link planSnapshotBodies}). */
export function splitSnapshot(
  header: SnapshotHeader,
  records: readonly EntityRecord[],
  removed: readonly number[],
  maxBytes = DEFAULT_SNAPSHOT_PART_BYTES,
): Uint8Array[] {
  const bodies = planSnapshotBodies(snapshotHeaderSize(header), records, removed, maxBytes);
  return bodies.map((body, part) => encodeSnapshotPart(header, part, bodies.length, body, maxBytes));
}

/** Encoded bytes of everything in a snapshot message but its body (part and count below 128). */
export function snapshotHeaderSize(h: SnapshotHeader): number {
  const partAndCount = 2; // both below 128: one byte each
  const gap = predictorGap(h);
  return (
    arrayHeaderSize(8) +
    intSize(MessageKind.snapshot) +
    intSize(h.tick) +
    intOrNilSize(tickAge(h.tick, h.baselineTick)) +
    intOrNilSize(tickAge(h.tick, h.lastInputTick)) +
    partAndCount +
    (gap === undefined ? 0 : intSize(gap))
  );
}

function tooLarge(what: string, maxBytes: number): NetError {
  return new NetError('message_too_large', `cannot split snapshot into parts of ${maxBytes} bytes: ${what}`);
}
