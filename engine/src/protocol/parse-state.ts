/**
 * Validation of the state messages, `input` and `snapshot`, whose contents depend on the game's
 * schema: every quantized value is checked against the range of its field, every full entity record
 * against its type's field count, every delta record's mask against the widest type, and ids sent
 * as gaps are turned back into ascending absolute ids. Whether a delta fits its baseline entity can
 * only be known with the baseline; `snapshot-delta.ts` checks that when applying.
 */
import {
  MAX_ENTITIES_PER_PART,
  MAX_ENTITY_ID,
  MAX_INPUTS_PER_MESSAGE,
  MAX_RECORD_ELEMENTS_PER_PART,
  MAX_SNAPSHOT_PARTS,
  MAX_TICK,
  MAX_VIEW_AGE,
  NO_TICK,
} from './message-limits.js';
import type { EntityRecord, InputMessage, SnapshotMessage } from './messages.js';
import { bad, badArity } from './parse-control.js';
import { isValidWireValue } from './quantize.js';
import { accept, type ParseResult } from './result.js';
import { popcount, type EntityLayout, type SchemaLayout } from './schema-layout.js';
import { MAX_QUANTIZED } from './schema.js';
import { isBoundedArray, isTick, isUint, tickFromAge } from './wire-checks.js';

type Wire = readonly unknown[];

/** `[6, firstTick, ackAge | nil, inputs, viewAges]`. */
export function parseInput(w: Wire, layout: SchemaLayout): ParseResult<InputMessage> {
  if (w.length !== 5) return badArity('input', w, 5);
  const [, firstTick, ackAge, rawInputs, viewAges] = w;
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
  if (!Array.isArray(viewAges) || viewAges.length !== inputs.length || !viewAges.every((age) => isUint(age, MAX_VIEW_AGE))) {
    return bad('input', 'viewAges');
  }
  return accept({ kind: 'input', ackSnapshotTick, firstTick, inputs, viewAges: viewAges as number[] });
}

/** `[7, tick, baselineAge | nil, lastInputAge | nil, part, partCount, removedGaps, flatRecords]`. */
export function parseSnapshot(w: Wire, layout: SchemaLayout): ParseResult<SnapshotMessage> {
  if (w.length !== 8) return badArity('snapshot', w, 8);
  const [, tick, baselineAge, lastInputAge, part, partCount, rawRemoved, rawEntities] = w;
  if (!isTick(tick)) return bad('snapshot', 'tick');
  // A baseline is strictly older than the snapshot built on it.
  const baselineTick = baselineAge === null ? NO_TICK : isUint(baselineAge, tick) && baselineAge >= 1 ? tick - baselineAge : undefined;
  if (baselineTick === undefined) return bad('snapshot', 'baselineTick');
  const lastInputTick = tickFromAge(tick, lastInputAge, NO_TICK);
  if (lastInputTick === undefined) return bad('snapshot', 'lastInputTick');
  if (!isUint(partCount, MAX_SNAPSHOT_PARTS) || partCount === 0) return bad('snapshot', 'partCount');
  if (!isUint(part, partCount - 1)) return bad('snapshot', 'part');
  const removed = parseIdGaps(rawRemoved);
  // A snapshot without a baseline has nothing to remove from.
  if (!removed || (baselineTick === NO_TICK && removed.length > 0)) return bad('snapshot', 'removed');
  const entities = parseRecords(rawEntities, layout);
  if (!entities) return bad('snapshot', 'entities');
  return accept({ kind: 'snapshot', tick, baselineTick, lastInputTick, part, partCount, removed, entities });
}

/**
 * The entity record at `offset` of the flat wire list, `idGap, header, ...values`, given the
 * previous record's id in the part (-1 before the first), and the offset after it; undefined when
 * it is not valid: a full record (`header < 0`) needs a known type and a valid value for each of
 * its wire values; a delta record (`header > 0`) a mask within the widest type's wire values and
 * one integer difference per set bit, each at most 2^31 - 1 either way (whether they fit the
 * baseline entity is checked on applying).
 */
export function readEntityRecord(
  flat: readonly unknown[],
  offset: number,
  previousId: number,
  layout: SchemaLayout,
): { record: EntityRecord; next: number } | undefined {
  const gap = flat[offset];
  const header = flat[offset + 1];
  if (!isUint(gap, MAX_ENTITY_ID) || previousId + 1 + gap > MAX_ENTITY_ID) return undefined;
  if (typeof header !== 'number' || !Number.isInteger(header) || header === 0) return undefined;
  const record: [number, number, ...number[]] = [previousId + 1 + gap, header];
  let next = offset + 2;
  if (header < 0) {
    const type = layout.types[-header - 1];
    if (type === undefined || next + type.valueTypes.length > flat.length) return undefined;
    for (const valueType of type.valueTypes) {
      const v = flat[next++];
      if (!isValidWireValue(valueType, v)) return undefined;
      record.push(v);
    }
    return { record, next };
  }
  const count = popcount(header);
  if (header > widestMask(layout) || next + count > flat.length) return undefined;
  for (let i = 0; i < count; i++) {
    const d = flat[next++];
    if (typeof d !== 'number' || !Number.isInteger(d) || Math.abs(d) > MAX_QUANTIZED) return undefined;
    record.push(d);
  }
  return { record, next };
}

function widestMask(layout: SchemaLayout): number {
  let mask = 0;
  for (const type of layout.types) mask = Math.max(mask, type.fullMask);
  return mask;
}

/** The flat wire list of records as records with absolute ids (ascending), or undefined. */
function parseRecords(value: unknown, layout: SchemaLayout): EntityRecord[] | undefined {
  if (!isBoundedArray(value, MAX_RECORD_ELEMENTS_PER_PART)) return undefined;
  const records: EntityRecord[] = [];
  let previousId = -1;
  for (let offset = 0; offset < value.length; ) {
    const read = readEntityRecord(value, offset, previousId, layout);
    if (!read || records.length === MAX_ENTITIES_PER_PART) return undefined;
    records.push(read.record);
    previousId = read.record[0];
    offset = read.next;
  }
  return records;
}

/** Ids sent as gaps (`id - previous - 1`, the first from -1), as ascending ids, or undefined. */
function parseIdGaps(value: unknown): number[] | undefined {
  if (!isBoundedArray(value, MAX_ENTITIES_PER_PART)) return undefined;
  const ids: number[] = [];
  let previous = -1;
  for (const gap of value) {
    if (!isUint(gap, MAX_ENTITY_ID) || previous + 1 + gap > MAX_ENTITY_ID) return undefined;
    previous += 1 + gap;
    ids.push(previous);
  }
  return ids;
}

/** A full set of wire values for `entity`, copied into an `Int32Array`, or undefined. */
function parseValues(raw: unknown, entity: EntityLayout): Int32Array | undefined {
  const types = entity.valueTypes;
  if (!isBoundedArray(raw, types.length) || raw.length !== types.length) return undefined;
  const q = new Int32Array(types.length);
  for (let i = 0; i < types.length; i++) {
    const v = raw[i];
    if (!isValidWireValue(types[i]!, v)) return undefined;
    q[i] = v;
  }
  return q;
}
