/**
 * Entity records as a bit stream: the `entities` of a snapshot part (SPEC.md, kind 7). Each number
 * goes as an exponential-Golomb code (`exp-golomb.ts`) whose order is chosen once per snapshot for
 * its column, so a column of small differences costs a few bits each and a column of large values
 * about their width:
 *
 *     stream   = nothing (no records) | head record+ padding
 *     head     = gapOrder:5 hasFull:1 hasDelta:1 columns:5 [fullOrder:5 × columns]
 *                [deltaOrder:5 × columns, commonMask:columns]
 *     record   = idGap:EG(gapOrder) kind (type:EG(0) value:EG(fullOrder[j]) … | [mask:columns] diff:EG(deltaOrder[j]) …)
 *     padding  = 0 to 7 zero bits, to the end of the last byte
 *
 * `columns` is the most wire values any record of the snapshot has (a full record's count, the
 * highest bit of a delta's mask); column `j` is wire value `j` of a record's type. The record's
 * `kind` (`recordKinds`) says full, a delta with the snapshot's most common mask, or a delta with
 * its own mask, in as few bits as the head's flags allow. A difference goes zigzag (0, -1, 1, -2 …
 * as 0, 1, 2, 3 …). Every part of a snapshot uses the one coding chosen from all its records, so
 * the splitter knows each record's size in bits before it packs.
 *
 * Writing needs no schema; reading checks every record against it (`parse-state.ts`): a stream that
 * ends inside a record, a code longer than its value can be, a record form the head says is absent,
 * or padding that is not zero is refused whole.
 */
import { NetError } from '../core/net-error.js';
import { BitReader } from './bit-reader.js';
import type { BitWriter } from './bit-writer.js';
import { bestOrder, bitLength, expGolombBits, LENGTH_SLOTS, unzigzag, zigzag } from './exp-golomb.js';
import { MAX_ENTITIES_PER_PART, MAX_ENTITY_ID } from './message-limits.js';
import type { EntityRecord } from './messages.js';
import { isValidWireValue } from './quantize.js';
import type { SchemaLayout } from './schema-layout.js';
import { MAX_FIELDS, MAX_QUANTIZED } from './schema.js';

/** How one snapshot's records are coded: the orders of its columns. */
export interface RecordCoding {
  readonly gapOrder: number;
  /** Wire values per record at most; also the width of a delta's mask. */
  readonly columns: number;
  /** Orders of full records' values by column, or undefined when there are no full records. */
  readonly fullOrders: readonly number[] | undefined;
  /** Orders of deltas' differences by column, or undefined when there are no delta records. */
  readonly deltaOrders: readonly number[] | undefined;
  /** The mask most deltas have (sent once in the head); 0 when there are no delta records. */
  readonly commonMask: number;
}

/**
 * What a record is, after its id gap: with both forms present, `1` is a delta with the common mask,
 * `01` a delta with its own mask and `00` a full record; with deltas only, `1` and `0`; with full
 * records only, nothing.
 */
const Kind = { common: 0, masked: 1, full: 2 } as const;
type Kind = (typeof Kind)[keyof typeof Kind];

const ORDER_BITS = 5;
const COLUMN_BITS = 5;
/** Histograms by bit length: the gaps, then full values and differences, column after column. */
const gapHistogram = new Float64Array(LENGTH_SLOTS);
const fullHistograms = new Float64Array(MAX_FIELDS * LENGTH_SLOTS);
const deltaHistograms = new Float64Array(MAX_FIELDS * LENGTH_SLOTS);
const maskCounts = new Map<number, number>();

/** The best order of each of the first `columns` columns of `histograms`. */
function columnOrders(histograms: Float64Array, columns: number): number[] {
  const orders: number[] = [];
  for (let j = 0; j < columns; j++) orders.push(bestOrder(histograms.subarray(j * LENGTH_SLOTS, (j + 1) * LENGTH_SLOTS)));
  return orders;
}

/** The coding of `records` (ascending by id, as a snapshot sends them): each column's best order. */
export function recordCoding(records: readonly EntityRecord[]): RecordCoding {
  gapHistogram.fill(0);
  maskCounts.clear();
  let columns = 0;
  let fulls = 0;
  let deltas = 0;
  let previous = -1;
  for (const record of records) {
    gapHistogram[bitLength(record[0] - previous - 1)]!++;
    previous = record[0];
    const header = record[1];
    if (header < 0) {
      if (fulls++ === 0) fullHistograms.fill(0);
      columns = Math.max(columns, record.length - 2);
      for (let j = 2; j < record.length; j++) fullHistograms[(j - 2) * LENGTH_SLOTS + bitLength(record[j]!)]!++;
    } else {
      if (deltas++ === 0) deltaHistograms.fill(0);
      const width = bitLength(header);
      columns = Math.max(columns, width);
      maskCounts.set(header, (maskCounts.get(header) ?? 0) + 1);
      let next = 2;
      for (let j = 0; j < width; j++) if (header & (1 << j)) deltaHistograms[j * LENGTH_SLOTS + bitLength(zigzag(record[next++]!))]!++;
    }
  }
  return {
    gapOrder: bestOrder(gapHistogram),
    columns,
    fullOrders: fulls > 0 ? columnOrders(fullHistograms, columns) : undefined,
    deltaOrders: deltas > 0 ? columnOrders(deltaHistograms, columns) : undefined,
    commonMask: mostCommon(maskCounts),
  };
}

/** The key counted most often (the smallest of a tie), or 0 for none. */
function mostCommon(counts: ReadonlyMap<number, number>): number {
  let best = 0;
  let bestCount = 0;
  for (const [key, count] of counts) {
    if (count > bestCount || (count === bestCount && key < best)) {
      best = key;
      bestCount = count;
    }
  }
  return best;
}

/**
 * About the bits the unsigned `u` takes in a column whose order suits the column: its bit length
 * and one. What the host weighs records by before a snapshot's coding is chosen (full or delta,
 * and a budget's estimates).
 */
export function typicalBits(u: number): number {
  return bitLength(u) + 1;
}

/** About the bits of a full record's type and values, id and kind not counted. */
export function typicalFullBits(typeIndex: number, values: ArrayLike<number>): number {
  let bits = expGolombBits(typeIndex, 0);
  for (let i = 0; i < values.length; i++) bits += typicalBits(values[i]!);
  return bits;
}

/** Bits of the head of a part that holds records (a part without records has no head). */
export function headBits(coding: RecordCoding): number {
  const full = coding.fullOrders ? coding.columns * ORDER_BITS : 0;
  const delta = coding.deltaOrders ? coding.columns * (ORDER_BITS + 1) : 0;
  return ORDER_BITS + 2 + COLUMN_BITS + full + delta;
}

function kindOf(coding: RecordCoding, header: number): Kind {
  return header < 0 ? Kind.full : header === coding.commonMask ? Kind.common : Kind.masked;
}

/** Bits of a record's kind, and of its mask when it carries one. */
function kindBits(coding: RecordCoding, kind: Kind): number {
  const both = coding.fullOrders !== undefined && coding.deltaOrders !== undefined;
  if (kind === Kind.common) return 1;
  if (kind === Kind.full) return both ? 2 : 0;
  return (both ? 2 : 1) + coding.columns;
}

/** Bits of `record` after a record with id `previousId` (-1 for the first of a part). */
export function recordBits(record: EntityRecord, previousId: number, coding: RecordCoding): number {
  const header = record[1];
  let bits = expGolombBits(record[0] - previousId - 1, coding.gapOrder) + kindBits(coding, kindOf(coding, header));
  if (header < 0) {
    const orders = coding.fullOrders!;
    bits += expGolombBits(-header - 1, 0);
    for (let j = 2; j < record.length; j++) bits += expGolombBits(record[j]!, orders[j - 2]!);
    return bits;
  }
  const orders = coding.deltaOrders!;
  let next = 2;
  for (let j = 0; j < coding.columns; j++) if (header & (1 << j)) bits += expGolombBits(zigzag(record[next++]!), orders[j]!);
  return bits;
}

/** Writes `records` (ascending by id) as a stream with `coding`, which must cover them. */
export function writeRecords(out: BitWriter, records: readonly EntityRecord[], coding: RecordCoding): void {
  if (records.length === 0) return;
  const both = coding.fullOrders !== undefined && coding.deltaOrders !== undefined;
  out.bits(coding.gapOrder, ORDER_BITS);
  out.bit(coding.fullOrders !== undefined);
  out.bit(coding.deltaOrders !== undefined);
  out.bits(coding.columns, COLUMN_BITS);
  for (const order of coding.fullOrders ?? []) out.bits(order, ORDER_BITS);
  for (const order of coding.deltaOrders ?? []) out.bits(order, ORDER_BITS);
  if (coding.deltaOrders) out.bits(coding.commonMask, coding.columns);
  let previous = -1;
  for (const record of records) {
    if (!(record[0] > previous)) throw new NetError('invalid_option', `snapshot ids must ascend: ${record[0]} after ${previous}`);
    out.expGolomb(record[0] - previous - 1, coding.gapOrder);
    previous = record[0];
    const header = record[1];
    const kind = kindOf(coding, header);
    if (kind === Kind.common) out.bit(true);
    else if (both) out.bits(kind === Kind.masked ? 0b01 : 0b00, 2);
    else if (kind === Kind.masked) out.bit(false);
    if (kind === Kind.full) {
      out.expGolomb(-header - 1, 0);
      for (let j = 2; j < record.length; j++) out.expGolomb(record[j]!, coding.fullOrders![j - 2]!);
      continue;
    }
    if (kind === Kind.masked) out.bits(header, coding.columns);
    let next = 2;
    for (let j = 0; j < coding.columns; j++) if (header & (1 << j)) out.expGolomb(zigzag(record[next++]!), coding.deltaOrders![j]!);
  }
}

/** What the reader knows from a stream's head. */
interface Head {
  readonly gapOrder: number;
  readonly columns: number;
  readonly fullOrders: readonly number[] | undefined;
  readonly deltaOrders: readonly number[] | undefined;
  readonly commonMask: number;
  /** The widest mask the schema allows. */
  readonly widest: number;
}

/**
 * The records of a stream, with absolute ids (ascending), each checked against `layout`: a full
 * record's type and values, a delta's mask (within the widest type's wire values) and differences
 * (at most 2^31 - 1 either way; whether they fit the baseline entity is checked on applying).
 * Undefined for a stream that is not exactly such records and its padding.
 */
export function readRecords(bytes: Uint8Array, layout: SchemaLayout): EntityRecord[] | undefined {
  const records: EntityRecord[] = [];
  if (bytes.byteLength === 0) return records;
  const input = new BitReader(bytes);
  const head = readHead(input, layout);
  if (head === undefined) return undefined;
  let previous = -1;
  while (!input.isPaddedEnd()) {
    if (records.length === MAX_ENTITIES_PER_PART) return undefined;
    const gap = input.expGolomb(head.gapOrder);
    if (gap === undefined || previous + 1 + gap > MAX_ENTITY_ID) return undefined;
    const id = previous + 1 + gap;
    const kind = readKind(input, head);
    const record =
      kind === Kind.full ? readFull(input, id, layout, head.fullOrders!) : kind === undefined ? undefined : readDelta(input, id, kind === Kind.common ? head.commonMask : input.bits(head.columns), head);
    if (record === undefined) return undefined;
    records.push(record);
    previous = id;
  }
  return records.length > 0 ? records : undefined;
}

function readHead(input: BitReader, layout: SchemaLayout): Head | undefined {
  const gapOrder = input.bits(ORDER_BITS);
  const hasFull = input.bit();
  const hasDelta = input.bit();
  const columns = input.bits(COLUMN_BITS);
  if (gapOrder === undefined || columns === undefined || columns > MAX_FIELDS || (!hasFull && !hasDelta)) return undefined;
  const table = (present: boolean | undefined) => (present ? Array.from({ length: columns }, () => input.bits(ORDER_BITS)) : undefined);
  const fullOrders = table(hasFull);
  const deltaOrders = table(hasDelta);
  const commonMask = hasDelta ? input.bits(columns) : 0;
  if (fullOrders?.includes(undefined) || deltaOrders?.includes(undefined) || commonMask === undefined) return undefined;
  let widest = 0;
  for (const type of layout.types) widest = Math.max(widest, type.fullMask);
  return { gapOrder, columns, fullOrders: fullOrders as number[] | undefined, deltaOrders: deltaOrders as number[] | undefined, commonMask, widest };
}

function readKind(input: BitReader, head: Head): Kind | undefined {
  if (!head.deltaOrders) return Kind.full;
  const first = input.bit();
  if (first === undefined) return undefined;
  if (first) return Kind.common;
  if (!head.fullOrders) return Kind.masked;
  const second = input.bit();
  return second === undefined ? undefined : second ? Kind.masked : Kind.full;
}

function readFull(input: BitReader, id: number, layout: SchemaLayout, orders: readonly number[]): EntityRecord | undefined {
  const typeIndex = input.expGolomb(0);
  const type = typeIndex === undefined ? undefined : layout.types[typeIndex];
  if (type === undefined || type.valueTypes.length > orders.length) return undefined;
  const record: [number, number, ...number[]] = [id, -typeIndex! - 1];
  for (let j = 0; j < type.valueTypes.length; j++) {
    const v = input.expGolomb(orders[j]!);
    if (!isValidWireValue(type.valueTypes[j]!, v)) return undefined;
    record.push(v);
  }
  return record;
}

function readDelta(input: BitReader, id: number, mask: number | undefined, head: Head): EntityRecord | undefined {
  if (mask === undefined || mask === 0 || mask > head.widest) return undefined;
  const orders = head.deltaOrders!;
  const record: [number, number, ...number[]] = [id, mask];
  for (let j = 0; j < head.columns; j++) {
    if ((mask & (1 << j)) === 0) continue;
    const z = input.expGolomb(orders[j]!);
    if (z === undefined || z > 2 * MAX_QUANTIZED) return undefined;
    record.push(unzigzag(z));
  }
  return record;
}
