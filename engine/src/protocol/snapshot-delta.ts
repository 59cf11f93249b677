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
 * With a predictor (`prediction.ts`), the baseline is first moved on: each entity that the predictor
 * (an older snapshot the client holds) has with the same type takes its predicted values
 * (`predictedSnapshot`), and the delta is taken against that. A body moving steadily then sends
 * nothing at all, and one whose motion changed sends only how far it is from where it was expected.
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
 * The records and removals that turn `baseline` (undefined: nothing), moved on by `prediction`
 * where it has the entity, into `current`.
 */
export function diffSnapshot(schema: GameSchema, current: QuantizedSnapshot, baseline: QuantizedSnapshot | undefined, prediction?: Prediction): SnapshotDelta {
  const layout = schemaLayout(schema);
  const records: EntityRecord[] = [];
  let ascending = true;
  const add = (id: number, entity: QuantizedEntity, base: QuantizedEntity | undefined): void => {
    // The host reused the object, and nothing moved it from the predictor: unchanged without comparing.
    if (base === entity && (prediction === undefined || prediction.snapshot.get(id) === base)) return;
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
  const snapshot = predictedSnapshot(schema, baseline, prediction);
  const dropped = applyDeltaInto(schema, snapshot, records, removed);
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
): number {
  const layout = schemaLayout(schema);
  for (const id of removed) target.delete(id);
  let dropped = 0;
  for (const record of records) {
    const entity = applyRecord(layout, target.get(record[0]), record);
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
function applyRecord(layout: SchemaLayout, base: QuantizedEntity | undefined, record: EntityRecord): QuantizedEntity | undefined {
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
  let next = 2;
  for (let i = 0; i < values.length; i++) {
    if ((header & (1 << i)) === 0) continue;
    const q = applyFieldDelta(type.valueTypes[i]!, values[i]!, record[next++]!);
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
  const older = predictorOf(prediction, id, baseEntity);
  // What the client holds for the entity before this record: the baseline's values, or their prediction.
  const reference = older ? references : base;
  if (older) for (let i = 0; i < values.length; i++) references[i] = predictValue(type.valueTypes[i]!, base[i]!, older[i]!, prediction!.ahead, prediction!.span);
  let mask = 0;
  for (let i = 0; i < values.length; i++) if (values[i] !== reference[i]) mask |= 1 << i;
  if (mask === 0) return undefined;
  const record: [number, number, ...number[]] = [id, mask];
  let deltaBits = values.length;
  for (let i = 0; i < values.length; i++) {
    if ((mask & (1 << i)) === 0) continue;
    const d = fieldDelta(type.valueTypes[i]!, values[i]!, reference[i]!);
    record.push(d);
    deltaBits += typicalBits(zigzag(d));
  }
  return typicalFullBits(entity.type, values) <= deltaBits ? fullRecord(id, entity) : record;
}

/** Predicted values of one entity, reused: an entity has at most 32 wire values (a mask bit each). */
const references = new Float64Array(32);

/** The predictor's values of entity `id`, when it has the entity with the baseline's type. */
function predictorOf(prediction: Prediction | undefined, id: number, base: QuantizedEntity): Int32Array | undefined {
  const older = prediction?.snapshot.get(id);
  return older !== undefined && older.type === base.type && older.values.length === base.values.length ? older.values : undefined;
}

/**
 * The snapshot a delta applies to: `baseline` (undefined: nothing) with each entity the predictor
 * has with the same type moved to its predicted values; a copy.
 */
export function predictedSnapshot(schema: GameSchema, baseline: QuantizedSnapshot | undefined, prediction: Prediction | undefined): Map<number, QuantizedEntity> {
  const out = new Map(baseline);
  if (!baseline || !prediction) return out;
  const layout = schemaLayout(schema);
  for (const [id, base] of baseline) {
    const older = predictorOf(prediction, id, base);
    if (older === undefined || older === base.values) continue;
    const types = layout.types[base.type]!.valueTypes;
    let values: Int32Array | undefined;
    for (let i = 0; i < base.values.length; i++) {
      const p = predictValue(types[i]!, base.values[i]!, older[i]!, prediction.ahead, prediction.span);
      if (p === base.values[i]) continue;
      values ??= base.values.slice();
      values[i] = p;
    }
    if (values) out.set(id, { type: base.type, values });
  }
  return out;
}
