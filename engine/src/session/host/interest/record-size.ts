/**
 * What one entity's record will take in a snapshot, at most, before it is put in one: the same
 * choice `diffSnapshot` makes (a delta of the changed wire values, or the full record when that is
 * no larger) with the id counted as itself rather than as the gap from the id before it, which is
 * never larger. A removal takes its id. The budget is filled from these, and the encoded snapshot
 * is measured afterwards (`client-stream.ts`).
 */
import { fieldDelta } from '../../../protocol/field-delta.js';
import { intSize } from '../../../protocol/msgpack-size.js';
import type { SchemaLayout } from '../../../protocol/schema-layout.js';
import { fullHeader } from '../../../protocol/snapshot-delta.js';
import type { QuantizedEntity } from '../../../protocol/snapshot.js';

/** The most bytes the record of `entity` against `base` (undefined: none) takes; 0 when nothing changed. */
export function recordBytes(layout: SchemaLayout, id: number, entity: QuantizedEntity, base: QuantizedEntity | undefined): number {
  const values = entity.values;
  let full = intSize(fullHeader(entity.type));
  for (let i = 0; i < values.length; i++) full += intSize(values[i]!);
  if (base === undefined || base.type !== entity.type || base.values.length !== values.length) return intSize(id) + full;
  const valueTypes = layout.types[entity.type]!.valueTypes;
  let mask = 0;
  let delta = 0;
  for (let i = 0; i < values.length; i++) {
    if (values[i] === base.values[i]) continue;
    mask |= 1 << i;
    delta += intSize(fieldDelta(valueTypes[i]!, values[i]!, base.values[i]!));
  }
  if (mask === 0) return 0;
  return intSize(id) + Math.min(full, delta + intSize(mask));
}

/** The bytes a removal of `id` takes at most. */
export function removalBytes(id: number): number {
  return intSize(id);
}
