/**
 * Delta compression of snapshots against a baseline the client has acknowledged.
 *
 * The host remembers the quantized snapshots it sent; each input packet tells it the newest one a
 * client holds in full. The next snapshot for that client lists only what differs from it:
 *
 * - an entity absent from the baseline, or whose type changed (an id reused), goes in full: its
 *   type and every value;
 * - an entity whose values changed goes as a delta: a mask of the changed fields and, for each,
 *   the new value minus the baseline's (`field-delta.ts`), unless sending it in full would take
 *   about as many bits or fewer (`typicalBits`);
 * - an unchanged entity is left out; an id in the baseline but not in the snapshot is "removed".
 *
 * With no baseline every entity goes in full. Records and removals come out by ascending id, so the
 * wire can send each id as the gap from the one before. Values are quantized integers, so "changed"
 * is exact and the client's rebuilt snapshot equals the host's bit for bit, which is what lets it
 * serve as the next baseline. This is the scheme of Quake 3 and of Glenn Fiedler's "Snapshot
 * Compression" (gafferongames.com); the records then go bit-packed (`record-bits.ts`).
 *
 * With a predictor (`prediction.ts`), a delta's differences are taken against the value predicted
 * from the baseline and an older snapshot the client holds, instead of the baseline's, for an
 * entity both have with the same type; which fields changed is still judged against the baseline.
 *
 * Applying is defensive: a delta for an entity the baseline lacks, with fields its type does not
 * have, or whose result a field cannot hold can only come from a mismatched baseline or a broken
 * peer, so it is dropped and counted, never thrown.
 */
import { EntityTable } from './entity-table.js';
import { zigzag } from './exp-golomb.js';
import { applyFieldDelta, fieldDelta } from './field-delta.js';
import type { EntityRecord } from './messages.js';
import { predictValue, type Prediction } from './prediction.js';
import { typicalBits, typicalFullBits } from './record-bits.js';
import { popcount, schemaLayout, type EntityLayout, type SchemaLayout } from './schema-layout.js';
import type { GameSchema } from './schema.js';
import type { QuantizedEntity, QuantizedSnapshot } from './snapshot.js';

/** What changed between a baseline and the current snapshot, by ascending id. */
export interface SnapshotDelta {
  readonly records: EntityRecord[];
  readonly removed: number[];
}

/** A rebuilt snapshot and how many records could not be applied. */
export interface AppliedDelta {
  readonly snapshot: QuantizedSnapshot;
  readonly dropped: number;
}

/** The header of a full record of the entity type with wire index `typeIndex`. */
export function fullHeader(typeIndex: number): number {
  return -typeIndex - 1;
}

/** The entity type index of a full record's header. */
export function fullRecordType(header: number): number {
  return -header - 1;
}

/**
 * The records and removals that turn `baseline` (undefined: nothing) into `current`, differences
 * taken against `prediction` where it has the entity.
 */
export function diffSnapshot(schema: GameSchema, current: QuantizedSnapshot, baseline: QuantizedSnapshot | undefined, prediction?: Prediction): SnapshotDelta {
  const layout = schemaLayout(schema);
  const records: EntityRecord[] = [];
  let ascending = true;
  const add = (id: number, entity: QuantizedEntity, base: QuantizedEntity | undefined): void => {
    if (base === entity) return; // the host reused the object: unchanged without comparing
    const record =
      base !== undefined && base.type === entity.type && base.values.length === entity.values.length
        ? deltaRecord(layout.types[entity.type]!, id, entity, base, prediction)
        : fullRecord(id, entity);
    if (record === undefined) return;
    if (records.length > 0 && records[records.length - 1]![0] > id) ascending = false;
    records.push(record);
  };
  const aligned = current instanceof EntityTable && baseline instanceof EntityTable && current.index === baseline.index;
  if (current instanceof EntityTable) {
    // Tables of one index hold each id at the same position: no lookup.
    const { ids } = current.index;
    for (let i = 0; i < ids.length; i++) add(ids[i]!, current.list[i]!, aligned ? baseline.list[i] : baseline?.get(ids[i]!));
  } else {
    for (const [id, entity] of current) add(id, entity, baseline?.get(id));
  }
  if (!ascending) records.sort((a, b) => a[0] - b[0]);
  return { records, removed: aligned || baseline === undefined ? [] : removedIds(current, baseline) };
}

/** The ids of `baseline` that `current` lacks, ascending. */
function removedIds(current: QuantizedSnapshot, baseline: QuantizedSnapshot): number[] {
  const removed: number[] = [];
  let ascending = true;
  const ids = baseline instanceof EntityTable ? baseline.index.ids : baseline.keys();
  for (const id of ids) {
    if (current.has(id)) continue;
    if (removed.length > 0 && removed[removed.length - 1]! > id) ascending = false;
    removed.push(id);
  }
  if (!ascending) removed.sort((a, b) => a - b);
  return removed;
}

/** `baseline` (undefined: nothing) with `removed` deleted and `records` applied, as a new snapshot. */
export function applyDelta(
  schema: GameSchema,
  baseline: QuantizedSnapshot | undefined,
  records: readonly EntityRecord[],
  removed: readonly number[],
  prediction?: Prediction,
): AppliedDelta {
  const snapshot = new Map(baseline);
  const dropped = applyDeltaInto(schema, snapshot, records, removed, undefined, prediction);
  return { snapshot, dropped };
}

/**
 * Applies `removed` and `records` to `target` in place and returns how many records were dropped.
 * Each entity a record rebuilt is also written to `touched`, when given. `target` holds the
 * baseline for every record's id (records and removals name each id once).
 */
export function applyDeltaInto(
  schema: GameSchema,
  target: Map<number, QuantizedEntity>,
  records: readonly EntityRecord[],
  removed: readonly number[],
  touched?: Map<number, QuantizedEntity>,
  prediction?: Prediction,
): number {
  const layout = schemaLayout(schema);
  for (const id of removed) target.delete(id);
  let dropped = 0;
  for (const record of records) {
    const entity = applyRecord(layout, target.get(record[0]), record, prediction);
    if (entity === undefined) {
      dropped++;
      continue;
    }
    target.set(record[0], entity);
    touched?.set(record[0], entity);
  }
  return dropped;
}

/** The entity `record` describes on top of `base`, or undefined when it cannot apply. */
function applyRecord(layout: SchemaLayout, base: QuantizedEntity | undefined, record: EntityRecord, prediction: Prediction | undefined): QuantizedEntity | undefined {
  const header = record[1];
  if (!Number.isInteger(header) || header === 0) return undefined;
  if (header < 0) {
    const typeIndex = fullRecordType(header);
    const type = layout.types[typeIndex];
    if (type === undefined || record.length !== 2 + type.valueTypes.length) return undefined;
    return { type: typeIndex, values: Int32Array.from(record.slice(2)) };
  }
  if (base === undefined) return undefined;
  const type = layout.types[base.type];
  if (type === undefined || header > type.fullMask || record.length !== 2 + popcount(header)) return undefined;
  const values = base.values.slice();
  const older = predictorOf(prediction, record[0], base);
  let next = 2;
  for (let i = 0; i < values.length; i++) {
    if ((header & (1 << i)) === 0) continue;
    const valueType = type.valueTypes[i]!;
    const reference = older ? predictValue(valueType, values[i]!, older[i]!, prediction!.ahead, prediction!.span) : values[i]!;
    const q = applyFieldDelta(valueType, reference, record[next++]!);
    if (q === undefined) return undefined;
    values[i] = q;
  }
  return { type: base.type, values };
}

function fullRecord(id: number, entity: QuantizedEntity): EntityRecord {
  const record: [number, number, ...number[]] = [id, fullHeader(entity.type)];
  for (const v of entity.values) record.push(v);
  return record;
}

/**
 * A delta record of the fields of `entity` that differ from `base`, or undefined when none do.
 * When the full record would take about as many bits or fewer (a teleport, most fields changed),
 * that instead.
 */
function deltaRecord(type: EntityLayout, id: number, entity: QuantizedEntity, baseEntity: QuantizedEntity, prediction: Prediction | undefined): EntityRecord | undefined {
  const values = entity.values;
  const base = baseEntity.values;
  let mask = 0;
  for (let i = 0; i < values.length; i++) if (values[i] !== base[i]) mask |= 1 << i;
  if (mask === 0) return undefined;
  const record: [number, number, ...number[]] = [id, mask];
  const older = predictorOf(prediction, id, baseEntity);
  let deltaBits = values.length;
  for (let i = 0; i < values.length; i++) {
    if ((mask & (1 << i)) === 0) continue;
    const valueType = type.valueTypes[i]!;
    const reference = older ? predictValue(valueType, base[i]!, older[i]!, prediction!.ahead, prediction!.span) : base[i]!;
    const d = fieldDelta(valueType, values[i]!, reference);
    record.push(d);
    deltaBits += typicalBits(zigzag(d));
  }
  return typicalFullBits(entity.type, values) <= deltaBits ? fullRecord(id, entity) : record;
}

/** The predictor's values of entity `id`, when it has the entity with the baseline's type. */
function predictorOf(prediction: Prediction | undefined, id: number, base: QuantizedEntity): Int32Array | undefined {
  const older = prediction?.snapshot.get(id);
  return older !== undefined && older.type === base.type && older.values.length === base.values.length ? older.values : undefined;
}
