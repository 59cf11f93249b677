/**
 * Validation of the state messages, `input` and `snapshot`, whose contents depend on the game's
 * schema: every quantized value is checked against the range of its field, every entity record
 * against its type's field count, so nothing past this point can index outside a schema.
 */
import {
  MAX_ENTITIES_PER_PART,
  MAX_ENTITY_ID,
  MAX_INPUTS_PER_MESSAGE,
  MAX_SNAPSHOT_PARTS,
  MAX_TICK,
  NO_TICK,
} from './message-limits.js';
import type { EntityRecord, InputMessage, SnapshotMessage } from './messages.js';
import { bad, badArity } from './parse-control.js';
import { isValidQuantized } from './quantize.js';
import { accept, type ParseResult } from './result.js';
import type { EntityLayout, SchemaLayout } from './schema-layout.js';
import { MAX_FIELDS } from './schema.js';
import { isBoundedArray, isTick, isUint, tickFromAge } from './wire-checks.js';

type Wire = readonly unknown[];

/** `[6, firstTick, ackAge | nil, inputs]`. */
export function parseInput(w: Wire, layout: SchemaLayout): ParseResult<InputMessage> {
  if (w.length !== 4) return badArity('input', w, 4);
  const [, firstTick, ackAge, rawInputs] = w;
  if (!isTick(firstTick)) return bad('input', 'firstTick');
  const ackSnapshotTick = tickFromAge(firstTick, ackAge, NO_TICK);
  if (ackSnapshotTick === undefined) return bad('input', 'ackSnapshotTick');
  if (!isBoundedArray(rawInputs, MAX_INPUTS_PER_MESSAGE) || rawInputs.length === 0) return bad('input', 'inputs');
  if (firstTick + rawInputs.length - 1 > MAX_TICK) return bad('input', 'firstTick');
  const inputs: Int32Array[] = [];
  for (const raw of rawInputs) {
    const q = parseValues(raw, layout.input);
    if (!q) return bad('input', `inputs[${inputs.length}]`);
    inputs.push(q);
  }
  return accept({ kind: 'input', ackSnapshotTick, firstTick, inputs });
}

/** `[7, tick, baselineAge | nil, lastInputAge | nil, part, partCount, removed, entities]`. */
export function parseSnapshot(w: Wire, layout: SchemaLayout): ParseResult<SnapshotMessage> {
  if (w.length !== 8) return badArity('snapshot', w, 8);
  const [, tick, baselineAge, lastInputAge, part, partCount, removed, entities] = w;
  if (!isTick(tick)) return bad('snapshot', 'tick');
  // A baseline is strictly older than the snapshot built on it.
  const baselineTick = baselineAge === null ? NO_TICK : isUint(baselineAge, tick) && baselineAge >= 1 ? tick - baselineAge : undefined;
  if (baselineTick === undefined) return bad('snapshot', 'baselineTick');
  const lastInputTick = tickFromAge(tick, lastInputAge, NO_TICK);
  if (lastInputTick === undefined) return bad('snapshot', 'lastInputTick');
  if (!isUint(partCount, MAX_SNAPSHOT_PARTS) || partCount === 0) return bad('snapshot', 'partCount');
  if (!isUint(part, partCount - 1)) return bad('snapshot', 'part');
  if (!isIdList(removed)) return bad('snapshot', 'removed');
  if (!isRecordList(entities, layout)) return bad('snapshot', 'entities');
  return accept({ kind: 'snapshot', tick, baselineTick, lastInputTick, part, partCount, removed, entities });
}

/**
 * True when `value` is `[id, typeIndex, mask, ...values]` with a known type, a mask within the
 * type's fields, exactly one value per set bit, and each value valid for its field.
 */
export function isEntityRecord(value: unknown, layout: SchemaLayout): value is EntityRecord {
  if (!isBoundedArray(value, 3 + MAX_FIELDS)) return false;
  const [id, typeIndex, mask] = value;
  if (!isUint(id, MAX_ENTITY_ID) || !isUint(typeIndex, layout.types.length - 1)) return false;
  const type = layout.types[typeIndex]!;
  if (!isUint(mask, type.fullMask)) return false;
  let next = 3;
  for (let i = 0; i < type.fieldTypes.length; i++) {
    if ((mask & (1 << i)) === 0) continue;
    if (!isValidQuantized(type.fieldTypes[i]!, value[next++])) return false;
  }
  return next === value.length;
}

/** A full set of quantized values for `entity`, copied into an `Int32Array`, or undefined. */
function parseValues(raw: unknown, entity: EntityLayout): Int32Array | undefined {
  const types = entity.fieldTypes;
  if (!isBoundedArray(raw, types.length) || raw.length !== types.length) return undefined;
  const q = new Int32Array(types.length);
  for (let i = 0; i < types.length; i++) {
    const v = raw[i];
    if (!isValidQuantized(types[i]!, v)) return undefined;
    q[i] = v;
  }
  return q;
}

function isRecordList(value: unknown, layout: SchemaLayout): value is readonly EntityRecord[] {
  return isBoundedArray(value, MAX_ENTITIES_PER_PART) && value.every((record) => isEntityRecord(record, layout));
}

function isIdList(value: unknown): value is readonly number[] {
  return isBoundedArray(value, MAX_ENTITIES_PER_PART) && value.every((id) => isUint(id, MAX_ENTITY_ID));
}
