/**
 * Splitting a snapshot into parts that each fit one unreliable message (1150 bytes by default) and
 * each decode on their own. A part holds whole entity records, so losing it loses only its
 * entities; every part repeats the tick, baseline and last applied input.
 *
 * Packing is greedy in one pass: removed ids first (they all land in part 0 unless they do not
 * fit), then records in the order given. Sizes come from `msgpack-size.ts`, not from trial
 * encoding, so the host splits 32 clients' snapshots without encoding anything twice. `part` and
 * `partCount` are below 128, so they take one byte each whatever the final count turns out to be.
 */
import { NetError } from '../core/net-error.js';
import { tickAge, writeMessage } from './encode-message.js';
import { MessageKind } from './message-kinds.js';
import { DEFAULT_SNAPSHOT_PART_BYTES, MAX_ENTITIES_PER_PART, MAX_SNAPSHOT_PARTS } from './message-limits.js';
import type { EntityRecord, SnapshotHeader, SnapshotMessage } from './messages.js';
import { arrayHeaderSize, intArraySize, intOrNilSize, intSize } from './msgpack-size.js';

interface Draft {
  readonly removed: number[];
  readonly entities: EntityRecord[];
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
    this.room((d) => d.removed.length, intSize(id)).removed.push(id);
  }

  addRecord(record: EntityRecord): void {
    this.room((d) => d.entities.length, intArraySize(record)).entities.push(record);
  }

  finish(): Draft[] {
    this.done.push(this.draft);
    return this.done;
  }

  /** The draft that takes one more item of `itemBytes` into the list `count` measures, bytes counted. */
  private room(count: (d: Draft) => number, itemBytes: number): Draft {
    for (;;) {
      const n = count(this.draft);
      // The array header grows too, at 16 and 65536 elements.
      const growth = itemBytes + arrayHeaderSize(n + 1) - arrayHeaderSize(n);
      if (this.draft.bytes + growth <= this.maxBytes && n < MAX_ENTITIES_PER_PART) {
        this.draft.bytes += growth;
        return this.draft;
      }
      if (this.draft.bytes === this.emptyBytes) {
        throw tooLarge(`one entity record takes ${this.emptyBytes + growth} bytes in a part`, this.maxBytes);
      }
      this.done.push(this.draft);
      this.draft = this.fresh();
    }
  }

  private fresh(): Draft {
    return { removed: [], entities: [], bytes: this.emptyBytes };
  }
}

/**
 * Plans the parts of a snapshot, each at most `maxBytes` once encoded. Throws
 * `NetError('message_too_large')` when one record (or the header) alone exceeds `maxBytes`, or when
 * more than 64 parts would be needed.
 */
export function planSnapshotParts(
  header: SnapshotHeader,
  records: readonly EntityRecord[],
  removed: readonly number[],
  maxBytes = DEFAULT_SNAPSHOT_PART_BYTES,
): SnapshotMessage[] {
  const packer = new PartPacker(headerSize(header) + 2 * arrayHeaderSize(0), maxBytes);
  for (const id of removed) packer.addRemoved(id);
  for (const record of records) packer.addRecord(record);
  const drafts = packer.finish();
  if (drafts.length > MAX_SNAPSHOT_PARTS) {
    throw tooLarge(`the snapshot needs ${drafts.length} parts; at most ${MAX_SNAPSHOT_PARTS}`, maxBytes);
  }
  const { tick, baselineTick, lastInputTick } = header;
  return drafts.map((d, part) => ({
    kind: 'snapshot',
    tick,
    baselineTick,
    lastInputTick,
    part,
    partCount: drafts.length,
    removed: d.removed,
    entities: d.entities,
  }));
}

/** Plans and encodes the parts of a snapshot (see {@link planSnapshotParts}). */
export function splitSnapshot(
  header: SnapshotHeader,
  records: readonly EntityRecord[],
  removed: readonly number[],
  maxBytes = DEFAULT_SNAPSHOT_PART_BYTES,
): Uint8Array[] {
  return planSnapshotParts(header, records, removed, maxBytes).map((part) => {
    const bytes = writeMessage(part);
    // Only reachable if the size arithmetic and the packer ever disagree: fail loudly, not on the wire.
    if (bytes.byteLength > maxBytes) throw tooLarge(`part ${part.part} encoded to ${bytes.byteLength} bytes`, maxBytes);
    return bytes;
  });
}

/** Encoded bytes of everything in a snapshot message but its two arrays' contents. */
function headerSize(h: SnapshotHeader): number {
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
