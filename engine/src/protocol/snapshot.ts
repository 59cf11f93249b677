/**
 * Snapshots as the host keeps them: entity id → type index and quantized values. Quantizing once
 * per tick on the host lets every client's delta compare integers, and the client rebuilds exactly
 * the same maps, so host and client agree bit for bit on what a baseline holds.
 */
import { NetError } from '../core/net-error.js';
import { MAX_ENTITY_ID } from './message-limits.js';
import { dequantizeValues, neutralValue, quantizeField } from './quantize.js';
import { schemaLayout } from './schema-layout.js';
import type { EntityLayout } from './schema-layout.js';
import type { FieldType, FieldValue, FieldValues, GameSchema } from './schema.js';
import { valueProblem, type ValueProblem } from './value-problem.js';
import { writeWireValues } from './wire-values.js';

/** One entity, quantized. `values` is shared between snapshots and must not be written. */
export interface QuantizedEntity {
  /** The entity type's wire index (see `SchemaLayout.typeNames`). */
  readonly type: number;
  /** The type's wire values, in wire order: one per field, three for a quaternion of more than 9 bits. */
  readonly values: Int32Array;
}

/** A whole snapshot, quantized: entity id (uint32) → entity. */
export type QuantizedSnapshot = ReadonlyMap<number, QuantizedEntity>;

/** One entity as the game describes it. */
export interface SnapshotEntity {
  /** 0..2^32-1, unique in the snapshot. */
  readonly id: number;
  /** A key of `schema.entities`. */
  readonly type: string;
  readonly values: FieldValues;
}

/** One entity as a client reads it back. */
export interface DequantizedEntity {
  readonly type: string;
  readonly values: Record<string, FieldValue>;
}

/** Hears each field of the game's entities that quantizing changes beyond rounding (see `value-problem.ts`). */
export type EntityValueCheck = (entity: SnapshotEntity, field: string, type: FieldType, problem: ValueProblem) => void;

/**
 * Quantizes the game's entities. Throws `NetError('invalid_option')` for an unknown type, an id
 * outside 0..2^32-1 or a repeated id: those are bugs in the game, not bad input from the network.
 *
 * With `reuse` (usually the previous tick's snapshot), an entity whose quantized values are the
 * same as there is that snapshot's very object: nothing is allocated for it, and the host's diff
 * skips it without comparing (most of a world at rest costs nothing per tick). With `check`, every
 * field is checked before it is quantized and `check` hears of each problem (it may throw).
 */
export function quantizeSnapshot(schema: GameSchema, entities: readonly SnapshotEntity[], reuse?: QuantizedSnapshot, check?: EntityValueCheck): QuantizedSnapshot {
  const layout = schemaLayout(schema);
  const snapshot = new Map<number, QuantizedEntity>();
  const scratch: Int32Array[] = [];
  for (const entity of entities) {
    const type = layout.typeIndex.get(entity.type);
    if (type === undefined) throw new NetError('invalid_option', `entity ${entity.id} has unknown type "${entity.type}"`);
    if (!Number.isInteger(entity.id) || entity.id < 0 || entity.id > MAX_ENTITY_ID) {
      throw new NetError('invalid_option', `entity id ${entity.id} is not an integer in 0..${MAX_ENTITY_ID}`);
    }
    if (snapshot.has(entity.id)) throw new NetError('invalid_option', `entity id ${entity.id} appears twice`);
    const fields = layout.types[type]!;
    const q = quantizeEntity(fields, entity, (scratch[type] ??= new Int32Array(fields.valueTypes.length)), check);
    const before = reuse?.get(entity.id);
    snapshot.set(entity.id, before !== undefined && before.type === type && sameValues(before.values, q) ? before : { type, values: q.slice() });
  }
  return snapshot;
}

/**
 * `quantizeValues` for one entity, into `out`. With `check`, each value is checked in the same pass
 * (one property read per field), and `check` hears of each problem before the value is quantized.
 */
export function quantizeEntity({ fieldNames, fieldTypes, valueStart }: EntityLayout, entity: SnapshotEntity, out: Int32Array, check: EntityValueCheck | undefined): Int32Array {
  for (let i = 0; i < fieldNames.length; i++) {
    const type = fieldTypes[i]!;
    const value = entity.values[fieldNames[i]!];
    if (check) {
      const problem = valueProblem(type, value);
      if (problem !== undefined) check(entity, fieldNames[i]!, type, problem);
    }
    writeWireValues(type, quantizeField(type, value ?? neutralValue(type)), out, valueStart[i]!);
  }
  return out;
}

/** True when two entities' wire values are the same. */
export function sameValues(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The type name and field values of a quantized entity. */
export function dequantizeEntity(schema: GameSchema, entity: QuantizedEntity): DequantizedEntity {
  const type = schemaLayout(schema).typeNames[entity.type];
  if (type === undefined) throw new NetError('invalid_option', `no entity type has index ${entity.type}`);
  return { type, values: dequantizeValues(schema.entities[type]!, entity.values) };
}
