/**
 * Delta compression of snapshots against a baseline the client has acknowledged.
 *
 * The host remembers the quantized snapshots it sent; each input packet tells it the newest one a
 * client holds in full. The next snapshot for that client lists only what differs from it:
 *
 * - an entity absent from the baseline, or whose type changed (an id reused), goes in full: every
 *   mask bit set, every value present;
 * - an entity whose values changed carries a mask of the changed fields and just those values;
 * - an unchanged entity is left out; an id in the baseline but not in the snapshot is "removed".
 *
 * With no baseline every entity goes in full. Values are quantized integers, so "changed" is exact
 * and the client's rebuilt snapshot equals the host's bit for bit, which is what lets it serve as
 * the next baseline. This is the scheme of Quake 3 and of Glenn Fiedler's "Snapshot Compression"
 * (gafferongames.com), minus the bit packing: msgpack's variable-length integers do most of that.
 *
 * Applying is defensive: a delta record for an entity the baseline lacks (or of another type) can
 * only come from a mismatched baseline or a broken peer, so it is dropped and counted, never thrown.
 */
import type { EntityRecord } from './messages.js';
import { popcount, schemaLayout, type SchemaLayout } from './schema-layout.js';
import type { GameSchema } from './schema.js';
import type { QuantizedEntity, QuantizedSnapshot } from './snapshot.js';

/** What changed between a baseline and the current snapshot. */
export interface SnapshotDelta {
  readonly records: EntityRecord[];
  readonly removed: number[];
}

/** A rebuilt snapshot and how many records could not be applied. */
export interface AppliedDelta {
  readonly snapshot: QuantizedSnapshot;
  readonly dropped: number;
}

/** The records and removals that turn `baseline` (undefined: nothing) into `current`. */
export function diffSnapshot(current: QuantizedSnapshot, baseline: QuantizedSnapshot | undefined): SnapshotDelta {
  const records: EntityRecord[] = [];
  for (const [id, entity] of current) {
    const base = baseline?.get(id);
    if (base === entity) continue; // the host reused the object: unchanged without comparing
    const record =
      base !== undefined && base.type === entity.type && base.values.length === entity.values.length
        ? changedFields(id, entity, base.values)
        : fullRecord(id, entity);
    if (record !== undefined) records.push(record);
  }
  const removed: number[] = [];
  if (baseline) {
    for (const id of baseline.keys()) if (!current.has(id)) removed.push(id);
  }
  return { records, removed };
}

/** `baseline` (undefined: nothing) with `removed` deleted and `records` applied, as a new snapshot. */
export function applyDelta(
  schema: GameSchema,
  baseline: QuantizedSnapshot | undefined,
  records: readonly EntityRecord[],
  removed: readonly number[],
): AppliedDelta {
  const snapshot = new Map(baseline);
  const dropped = applyDeltaInto(schema, snapshot, records, removed);
  return { snapshot, dropped };
}

/**
 * Applies `removed` and `records` to `target` in place and returns how many records were dropped.
 * Each entity a record rebuilt is also written to `touched`, when given.
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
  const [, typeIndex, mask] = record;
  const type = layout.types[typeIndex];
  if (type === undefined || !Number.isInteger(mask) || mask < 0 || mask > type.fullMask) return undefined;
  if (record.length !== 3 + popcount(mask)) return undefined;
  const full = mask === type.fullMask;
  if (!full && (base === undefined || base.type !== typeIndex)) return undefined;
  const values = full ? new Int32Array(type.fieldTypes.length) : base!.values.slice();
  let next = 3;
  for (let i = 0; i < values.length; i++) {
    if ((mask & (1 << i)) !== 0) values[i] = record[next++]!;
  }
  return { type: typeIndex, values };
}

function fullRecord(id: number, entity: QuantizedEntity): EntityRecord {
  const record: [number, number, number, ...number[]] = [id, entity.type, 2 ** entity.values.length - 1];
  for (const v of entity.values) record.push(v);
  return record;
}

/** A record of the fields of `entity` that differ from `base`, or undefined when none do. */
function changedFields(id: number, entity: QuantizedEntity, base: Int32Array): EntityRecord | undefined {
  const values = entity.values;
  let mask = 0;
  for (let i = 0; i < values.length; i++) if (values[i] !== base[i]) mask |= 1 << i;
  if (mask === 0) return undefined;
  const record: [number, number, number, ...number[]] = [id, entity.type, mask];
  for (let i = 0; i < values.length; i++) if ((mask & (1 << i)) !== 0) record.push(values[i]!);
  return record;
}
