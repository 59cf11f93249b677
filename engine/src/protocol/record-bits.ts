/**
 * Entity records as a bit stream: the `entities` of a snapshot part (SPEC.md, kind 7). Each number
 * goes as an exponential-Golomb code (`exp-golomb.ts`) whose order is chosen once per snapshot for
 * its column, so a column of small differences costs a few bits each and a column of large values
 * about their width:
 *
 *     stream   = nothing (no records) | head record+ padding
 *     head     = gapOrder:5 hasFull:1 hasDelta:1 columns:5 [fullOrder:5 × columns] [deltaOrder:5 × columns]
 *     record   = idGap:EG(gapOrder) full:1 (type:EG(0) value:EG(fullOrder[j]) … | mask:columns diff:EG(deltaOrder[j]) …)
 *     padding  = 0 to 7 zero bits, to the end of the last byte
 *
 * `columns` is the most wire values any record of the snapshot has (a full record's count, the
 * highest bit of a delta's mask); column `j` is wire value `j` of a record's type. A difference goes
 * zigzag (0, -1, 1, -2 … as 0, 1, 2, 3 …). Every part of a snapshot uses the one coding chosen
 * from all its records, so the splitter knows each record's size in bits before it packs.
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
}

const ORDER_BITS = 5;
const COLUMN_BITS = 5;
/** Histograms by bit length: the gaps, then full values and differences by column. */
const gapHistogram = new Float64Array(LENGTH_SLOTS);
const fullHistograms = Array.from({ length: MAX_FIELDS }, () => new Float64Array(LENGTH_SLOTS));
const deltaHistograms = Array.from({ length: MAX_FIELDS }, () => new Float64Array(LENGTH_SLOTS));

/** The coding of `records` (ascending by id, as a snapshot sends them): each column's best order. */
export function recordCoding(records: readonly EntityRecord[]): RecordCoding {
  gapHistogram.fill(0);
  let columns = 0;
  let fulls = 0;
  let deltas = 0;
  let previous = -1;
  for (const record of records) {
    gapHistogram[bitLength(record[0] - previous - 1)]!++;
    previous = record[0];
    const header = record[1];
    if (header < 0) {
      if (fulls++ === 0) for (const h of fullHistograms) h.fill(0);
      columns = Math.max(columns, record.length - 2);
      for (let j = 2; j < record.length; j++) fullHistograms[j - 2]![bitLength(record[j]!)]!++;
    } else {
      if (deltas++ === 0) for (const h of deltaHistograms) h.fill(0);
      columns = Math.max(columns, bitLength(header));
      let next = 2;
      for (let j = 0; j < 31; j++) if (header & (1 << j)) deltaHistograms[j]![bitLength(zigzag(record[next++]!))]!++;
    }
  }
  const orders = (histograms: Float64Array[]) => histograms.slice(0, columns).map(bestOrder);
  return {
    gapOrder: bestOrder(gapHistogram),
    columns,
    fullOrders: fulls > 0 ? orders(fullHistograms) : undefined,
    deltaOrders: deltas > 0 ? orders(deltaHistograms) : undefined,
  };
}

/**
 * About the bits the unsigned `u` takes in a column whose order suits the column: its bit length
 * and one. What the host weighs records by before a snapshot's coding is chosen (full or delta,
 * and a budget's estimates).
 */
export function typicalBits(u: number): number {
  return bitLength(u) + 1;
}

/** About the bits of a full record's type and values (`values` from `at`), id and form bit not counted. */
export function typicalFullBits(typeIndex: number, values: ArrayLike<number>): number {
  let bits = expGolombBits(typeIndex, 0);
  for (let i = 0; i < values.length; i++) bits += typicalBits(values[i]!);
  return bits;
}

/** Bits of the head of a part that holds records (a part without records has no head). */
export function headBits(coding: RecordCoding): number {
  const tables = (coding.fullOrders ? 1 : 0) + (coding.deltaOrders ? 1 : 0);
  return ORDER_BITS + 2 + COLUMN_BITS + tables * coding.columns * ORDER_BITS;
}

/** Bits of `record` after a record with id `previousId` (-1 for the first of a part). */
export function recordBits(record: EntityRecord, previousId: number, coding: RecordCoding): number {
  let bits = expGolombBits(record[0] - previousId - 1, coding.gapOrder) + 1;
  const header = record[1];
  if (header < 0) {
    const orders = coding.fullOrders!;
    bits += expGolombBits(-header - 1, 0);
    for (let j = 2; j < record.length; j++) bits += expGolombBits(record[j]!, orders[j - 2]!);
    return bits;
  }
  const orders = coding.deltaOrders!;
  bits += coding.columns;
  let next = 2;
  for (let j = 0; j < coding.columns; j++) if (header & (1 << j)) bits += expGolombBits(zigzag(record[next++]!), orders[j]!);
  return bits;
}

/** Writes `records` (ascending by id) as a stream with `coding`, which must cover them. */
export function writeRecords(out: BitWriter, records: readonly EntityRecord[], coding: RecordCoding): void {
  if (records.length === 0) return;
  out.bits(coding.gapOrder, ORDER_BITS);
  out.bit(coding.fullOrders !== undefined);
  out.bit(coding.deltaOrders !== undefined);
  out.bits(coding.columns, COLUMN_BITS);
  for (const order of coding.fullOrders ?? []) out.bits(order, ORDER_BITS);
  for (const order of coding.deltaOrders ?? []) out.bits(order, ORDER_BITS);
  let previous = -1;
  for (const record of records) {
    if (!(record[0] > previous)) throw new NetError('invalid_option', `snapshot ids must ascend: ${record[0]} after ${previous}`);
    out.expGolomb(record[0] - previous - 1, coding.gapOrder);
    previous = record[0];
    const header = record[1];
    out.bit(header < 0);
    if (header < 0) {
      out.expGolomb(-header - 1, 0);
      for (let j = 2; j < record.length; j++) out.expGolomb(record[j]!, coding.fullOrders![j - 2]!);
      continue;
    }
    out.bits(header, coding.columns);
    let next = 2;
    for (let j = 0; j < coding.columns; j++) if (header & (1 << j)) out.expGolomb(zigzag(record[next++]!), coding.deltaOrders![j]!);
  }
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
  const gapOrder = input.bits(ORDER_BITS);
  const hasFull = input.bit();
  const hasDelta = input.bit();
  const columns = input.bits(COLUMN_BITS);
  if (gapOrder === undefined || columns === undefined || columns > MAX_FIELDS) return undefined;
  const table = (present: boolean | undefined) => (present ? Array.from({ length: columns }, () => input.bits(ORDER_BITS)) : undefined);
  const fullOrders = table(hasFull);
  const deltaOrders = table(hasDelta);
  if (fullOrders?.includes(undefined) || deltaOrders?.includes(undefined)) return undefined;
  const widest = widestMask(layout);
  let previous = -1;
  while (!input.isPaddedEnd()) {
    if (records.length === MAX_ENTITIES_PER_PART) return undefined;
    const gap = input.expGolomb(gapOrder);
    if (gap === undefined || previous + 1 + gap > MAX_ENTITY_ID) return undefined;
    const id = previous + 1 + gap;
    const full = input.bit();
    const record =
      full === true ? readFull(input, id, layout, fullOrders as number[] | undefined) : full === false ? readDelta(input, id, columns, widest, deltaOrders as number[] | undefined) : undefined;
    if (record === undefined) return undefined;
    records.push(record);
    previous = id;
  }
  return records.length > 0 ? records : undefined;
}

function readFull(input: BitReader, id: number, layout: SchemaLayout, orders: readonly number[] | undefined): EntityRecord | undefined {
  const typeIndex = input.expGolomb(0);
  const type = typeIndex === undefined ? undefined : layout.types[typeIndex];
  if (orders === undefined || type === undefined || type.valueTypes.length > orders.length) return undefined;
  const record: [number, number, ...number[]] = [id, -typeIndex! - 1];
  for (let j = 0; j < type.valueTypes.length; j++) {
    const v = input.expGolomb(orders[j]!);
    if (!isValidWireValue(type.valueTypes[j]!, v)) return undefined;
    record.push(v);
  }
  return record;
}

function readDelta(input: BitReader, id: number, columns: number, widest: number, orders: readonly number[] | undefined): EntityRecord | undefined {
  const mask = input.bits(columns);
  if (orders === undefined || mask === undefined || mask === 0 || mask > widest) return undefined;
  const record: [number, number, ...number[]] = [id, mask];
  for (let j = 0; j < columns; j++) {
    if ((mask & (1 << j)) === 0) continue;
    const z = input.expGolomb(orders[j]!);
    if (z === undefined || z > 2 * MAX_QUANTIZED) return undefined;
    record.push(unzigzag(z));
  }
  return record;
}

function widestMask(layout: SchemaLayout): number {
  let mask = 0;
  for (const type of layout.types) mask = Math.max(mask, type.fullMask);
  return mask;
}
