/**
 * Snapshots as the host keeps them: entity id → type index and quantized values. Quantizing once
 * per tick on the host lets every client's delta compare integers, and the client rebuilds exactly
 * the same maps, so host and client agree bit for bit on what a baseline holds.
 */
import { NetError } from '../core/net-error.js';
import { MAX_ENTITY_ID } from './message-limits.js';
import { dequantizeValues, quantizeValues } from './quantize.js';
import { schemaLayout } from './schema-layout.js';
import type { FieldValue, FieldValues, GameSchema } from './schema.js';

/** One entity, quantized. `values` is shared between snapshots and must not be written. */
export interface QuantizedEntity {
  /** The entity type's wire index (see `SchemaLayout.typeNames`). */
  readonly type: number;
  /** One quantized value per field of the type, in wire order. */
  readonly values: Int32Array;
}

/** A whole snapshot, quantized: entity id (uint16) → entity. */
export type QuantizedSnapshot = ReadonlyMap<number, QuantizedEntity>;

/** One entity as the game describes it. */
export interface SnapshotEntity {
  /** 0..65535, unique in the snapshot. */
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

/**
 * Quantizes the game's entities. Throws `NetError('invalid_option')` for an unknown type, an id
 * outside 0..65535 or a repeated id: those are bugs in the game, not bad input from the network.
 */
export function quantizeSnapshot(schema: GameSchema, entities: readonly SnapshotEntity[]): QuantizedSnapshot {
  const layout = schemaLayout(schema);
  const snapshot = new Map<number, QuantizedEntity>();
  for (const entity of entities) {
    const type = layout.typeIndex.get(entity.type);
    if (type === undefined) throw new NetError('invalid_option', `entity ${entity.id} has unknown type "${entity.type}"`);
    if (!Number.isInteger(entity.id) || entity.id < 0 || entity.id > MAX_ENTITY_ID) {
      throw new NetError('invalid_option', `entity id ${entity.id} is not an integer in 0..${MAX_ENTITY_ID}`);
    }
    if (snapshot.has(entity.id)) throw new NetError('invalid_option', `entity id ${entity.id} appears twice`);
    snapshot.set(entity.id, { type, values: quantizeValues(schema.entities[entity.type]!, entity.values) });
  }
  return snapshot;
}

/** The type name and field values of a quantized entity. */
export function dequantizeEntity(schema: GameSchema, entity: QuantizedEntity): DequantizedEntity {
  const type = schemaLayout(schema).typeNames[entity.type];
  if (type === undefined) throw new NetError('invalid_option', `no entity type has index ${entity.type}`);
  return { type, values: dequantizeValues(schema.entities[type]!, entity.values) };
}
