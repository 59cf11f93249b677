/**
 * About what one entity's record will take in a snapshot, before it is put in one: the same choice
 * `diffSnapshot` makes (a delta of the changed wire values, or the full record when that is about
 * as small), with each number counted at its typical size in the bit stream (`typicalBits`) and the
 * id as itself rather than the gap from the id before it, which is never larger. A removal takes
 * its id. The budget is filled from these, and the encoded snapshot is measured afterwards
 * (`client-stream.ts`), which takes back what does not fit.
 */
import { zigzag } from '../../../protocol/exp-golomb.js';
import { fieldDelta } from '../../../protocol/field-delta.js';
import { intSize } from '../../../protocol/msgpack-size.js';
import { typicalBits, typicalFullBits } from '../../../protocol/record-bits.js';
import type { SchemaLayout } from '../../../protocol/schema-layout.js';
import type { QuantizedEntity } from '../../../protocol/snapshot.js';

/** About the bytes the record of `entity` against `base` (undefined: none) takes; 0 when nothing changed. */
export function recordBytes(layout: SchemaLayout, id: number, entity: QuantizedEntity, base: QuantizedEntity | undefined): number {
  const values = entity.values;
  const full = typicalFullBits(entity.type, values);
  const idBits = typicalBits(id) + 1;
  if (base === undefined || base.type !== entity.type || base.values.length !== values.length) return (idBits + full) / 8;
  const valueTypes = layout.types[entity.type]!.valueTypes;
  let changed = false;
  let delta = values.length;
  for (let i = 0; i < values.length; i++) {
    if (values[i] === base.values[i]) continue;
    changed = true;
    delta += typicalBits(zigzag(fieldDelta(valueTypes[i]!, values[i]!, base.values[i]!)));
  }
  if (!changed) return 0;
  return (idBits + Math.min(full, delta)) / 8;
}

/** The bytes a removal of `id` takes at most. */
export function removalBytes(id: number): number {
  return intSize(id);
}
