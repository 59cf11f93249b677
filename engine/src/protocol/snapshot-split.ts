/**
 * Splitting a snapshot into parts that each fit one unreliable message (1150 bytes by default) and
 * each decode on their own. A part holds whole entity records, so losing it loses only its
 * entities; every part repeats the tick, baseline and last applied input.
 *
 * Packing is greedy in one pass: removed ids first (they all land in part 0 unless they do not
 * fit), then records in the order given, which must be ascending by id (as `diffSnapshot` gives
 * them): ids are sent as gaps within each part, so a part still decodes on its own. Sizes come from
 * `msgpack-size.ts`, not from trial encoding. `part` and `partCount` are below 128, so they take
 * one byte each whatever the final count turns out to be.
 *
 * A part is its header (kind, tick, the two tick ages, part, part count) followed by its **body**,
 * the encoded `removed` and `entities` arrays. Every client that acknowledged the same baseline gets
 * the same bodies; only the header differs (its last input tick). So the host plans and encodes
 * bodies once per baseline (`planSnapshotBodies`) and puts a header in front for each client
 * (`encodeSnapshotPart` in `snapshot-wire.ts`, the one snapshot encoder).
 */
import { NetError } from '../core/net-error.js';
import { MessageKind } from './message-kinds.js';
import { DEFAULT_SNAPSHOT_PART_BYTES, MAX_ENTITIES_PER_PART, MAX_RECORD_ELEMENTS_PER_PART, MAX_SNAPSHOT_PARTS } from './message-limits.js';
import type { EntityRecord, SnapshotHeader, SnapshotMessage } from './messages.js';
import { arrayHeaderSize, intOrNilSize, intSize } from './msgpack-size.js';
import { encodeSnapshotBody, encodeSnapshotPart, idGap, tickAge, type SnapshotPartBody } from './snapshot-wire.js';

interface Draft {
  readonly removed: number[];
  readonly entities: EntityRecord[];
  /** Integers in the part's flat list of records. */
  recordElements: number;
  bytes: number;
}

/** Fills parts greedily, opening a new one when the next item does not fit. */
class PartPacker {
  private readonly done: Draft[] = [];
  private draft: Draft;

  constructor(
    private readonly emptyBytes: number,
    private readonly maxBytes: number,
  ) {
    if (emptyBytes > maxBytes) throw tooLarge(`the snapshot header alone takes ${emptyBytes} bytes`, maxBytes);
    this.draft = this.fresh();
  }

  addRemoved(id: number): void {
    for (;;) {
      const d = this.draft;
      const n = d.removed.length;
      // Ids go as gaps from the previous id in the same part, so the size depends on the part.
      const growth = intSize(idGap(d.removed.at(-1) ?? -1, id)) + arrayHeaderSize(n + 1) - arrayHeaderSize(n);
      if (n < MAX_ENTITIES_PER_PART && this.fits(growth)) {
        d.removed.push(id);
        return;
      }
      this.next(growth);
    }
  }

  addRecord(record: EntityRecord): void {
    for (;;) {
      const d = this.draft;
      const n = d.recordElements;
      const growth = recordWireSize(record, d.entities.at(-1)?.[0] ?? -1) + arrayHeaderSize(n + record.length) - arrayHeaderSize(n);
      if (d.entities.length < MAX_ENTITIES_PER_PART && n + record.length <= MAX_RECORD_ELEMENTS_PER_PART && this.fits(growth)) {
        d.entities.push(record);
        d.recordElements += record.length;
        return;
      }
      this.next(growth);
    }
  }

  finish(): Draft[] {
    this.done.push(this.draft);
    return this.done;
  }

  /** Counts `growth` bytes into the current draft when they fit. */
  private fits(growth: number): boolean {
    if (this.draft.bytes + growth > this.maxBytes) return false;
    this.draft.bytes += growth;
    return true;
  }

  /** Closes the current draft for an item of `growth` bytes that did not fit it. */
  private next(growth: number): void {
    if (this.draft.bytes === this.emptyBytes) {
      throw tooLarge(`one entity record takes ${this.emptyBytes + growth} bytes in a part`, this.maxBytes);
    }
    this.done.push(this.draft);
    this.draft = this.fresh();
  }

  private fresh(): Draft {
    return { removed: [], entities: [], recordElements: 0, bytes: this.emptyBytes };
  }
}

/** Encoded bytes of `record` in the flat list, following a record with id `previousId` (-1 for the first). */
function recordWireSize(record: EntityRecord, previousId: number): number {
  let size = intSize(idGap(previousId, record[0]));
  for (let i = 1; i < record.length; i++) size += intSize(record[i]!);
  return size;
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
  const packer = new PartPacker(headerBytes + 2 * arrayHeaderSize(0), maxBytes);
  for (const id of removed) packer.addRemoved(id);
  for (const record of records) packer.addRecord(record);
  const drafts = packer.finish();
  if (drafts.length > MAX_SNAPSHOT_PARTS) {
    throw tooLarge(`the snapshot needs ${drafts.length} parts; at most ${MAX_SNAPSHOT_PARTS}`, maxBytes);
  }
  return drafts.map((d) => encodeSnapshotBody(d.removed, d.entities));
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
  const { tick, baselineTick, lastInputTick } = header;
  return bodies.map((body, part) => ({
    kind: 'snapshot',
    tick,
    baselineTick,
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

/** Encoded bytes of everything in a snapshot message but its two arrays (part and count below 128). */
export function snapshotHeaderSize(h: SnapshotHeader): number {
  const partAndCount = 2; // both below 128: one byte each
  return (
    arrayHeaderSize(8) +
    intSize(MessageKind.snapshot) +
    intSize(h.tick) +
    intOrNilSize(tickAge(h.tick, h.baselineTick)) +
    intOrNilSize(tickAge(h.tick, h.lastInputTick)) +
    partAndCount
  );
}

function tooLarge(what: string, maxBytes: number): NetError {
  return new NetError('message_too_large', `cannot split snapshot into parts of ${maxBytes} bytes: ${what}`);
}
