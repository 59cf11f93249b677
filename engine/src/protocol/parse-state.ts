/**
 * Validation of the state messages, `input` and `snapshot`, whose contents depend on the game's
 * schema: every quantized value is checked against the range of its field, every full entity record
 * against its type's field count, every delta record's mask against the widest type (the records'
 * bit stream is read in `record-bits.ts`), and ids sent as gaps are turned back into ascending
 * absolute ids. Whether a delta fits its baseline entity can only be known with the baseline;
 * `snapshot-delta.ts` checks that when applying.
 */
import {
  MAX_ENTITIES_PER_PART,
  MAX_ENTITY_ID,
  MAX_INPUTS_PER_MESSAGE,
  MAX_SNAPSHOT_PARTS,
  MAX_TICK,
  MAX_VIEW_AGE,
  NO_TICK,
} from './message-limits.js';
import type { InputMessage, SnapshotMessage } from './messages.js';
import { bad, badArity } from './parse-control.js';
import { isValidWireValue } from './quantize.js';
import { readRecords } from './record-bits.js';
import { MAX_PREDICTION_TICKS } from './prediction.js';
import { accept, type ParseResult } from './result.js';
import type { EntityLayout, SchemaLayout } from './schema-layout.js';
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

/** `[7, tick, baselineAge | nil, lastInputAge | nil, part, partCount, removedGaps, recordStream, predictorGap?]`. */
export function parseSnapshot(w: Wire, layout: SchemaLayout): ParseResult<SnapshotMessage> {
  if (w.length !== 8 && w.length !== 9) return badArity('snapshot', w, 8);
  const [, tick, baselineAge, lastInputAge, part, partCount, rawRemoved, rawEntities, gap] = w;
  if (!isTick(tick)) return bad('snapshot', 'tick');
  // A baseline is strictly older than the snapshot built on it.
  const baselineTick = baselineAge === null ? NO_TICK : isUint(baselineAge, tick) && baselineAge >= 1 ? tick - baselineAge : undefined;
  if (baselineTick === undefined) return bad('snapshot', 'baselineTick');
  // A predictor lies before the baseline, within the prediction's bounds.
  const predicted = baselineTick !== NO_TICK && tick - baselineTick <= MAX_PREDICTION_TICKS;
  const predictorTick = w.length === 8 ? NO_TICK : predicted && isUint(gap, Math.min(baselineTick, MAX_PREDICTION_TICKS)) && gap >= 1 ? baselineTick - gap : undefined;
  if (predictorTick === undefined) return bad('snapshot', 'predictorTick');
  const lastInputTick = tickFromAge(tick, lastInputAge, NO_TICK);
  if (lastInputTick === undefined) return bad('snapshot', 'lastInputTick');
  if (!isUint(partCount, MAX_SNAPSHOT_PARTS) || partCount === 0) return bad('snapshot', 'partCount');
  if (!isUint(part, partCount - 1)) return bad('snapshot', 'part');
  const removed = parseIdGaps(rawRemoved);
  // A snapshot without a baseline has nothing to remove from.
  if (!removed || (baselineTick === NO_TICK && removed.length > 0)) return bad('snapshot', 'removed');
  const entities = rawEntities instanceof Uint8Array ? readRecords(rawEntities, layout) : undefined;
  if (!entities) return bad('snapshot', 'entities');
  const header = { kind: 'snapshot', tick, baselineTick, lastInputTick, part, partCount, removed, entities } as const;
  return accept(predictorTick === NO_TICK ? header : { ...header, predictorTick });
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
