/**
 * A schema as the wire sees it: entity types numbered by their sorted names, fields as parallel
 * arrays in key order, and the wire values they take (one per field, three for a quaternion of
 * more than 9 bits: `wire-values.ts`). Computed once per schema object (cached in a WeakMap) so
 * that hot loops index arrays instead of calling `Object.keys` for every entity of every snapshot.
 * Schemas are treated as immutable once used.
 */
import type { EntitySchema, FieldType, GameSchema } from './schema.js';
import { wireValueTypes, type WireValueType } from './wire-values.js';

/** The fields of one entity type or of the input, in wire order. */
export interface EntityLayout {
  readonly fieldNames: readonly string[];
  readonly fieldTypes: readonly FieldType[];
  /** The index of each field's first wire value, by field index. */
  readonly valueStart: readonly number[];
  /** The type of each wire value, in wire order: what records and inputs carry. */
  readonly valueTypes: readonly WireValueType[];
  /** The mask with a bit set for every wire value: what a full entity record carries. */
  readonly fullMask: number;
}

/** A {@link GameSchema} indexed for the wire. */
export interface SchemaLayout {
  /** Entity type names, sorted by UTF-16 code units: a type's wire index is its index here. */
  readonly typeNames: readonly string[];
  /** Entity type layouts, by wire type index. */
  readonly types: readonly EntityLayout[];
  /** Wire type index by entity type name. */
  readonly typeIndex: ReadonlyMap<string, number>;
  readonly input: EntityLayout;
}

const gameLayouts = new WeakMap<GameSchema, SchemaLayout>();
const entityLayouts = new WeakMap<EntitySchema, EntityLayout>();

/** The wire layout of a game schema (cached). */
export function schemaLayout(schema: GameSchema): SchemaLayout {
  let layout = gameLayouts.get(schema);
  if (!layout) {
    // Default sort compares UTF-16 code units: the same order on every engine, unlike localeCompare.
    const names = Object.keys(schema.entities).sort();
    layout = {
      typeNames: names,
      types: names.map((name) => entityLayout(schema.entities[name]!)),
      typeIndex: new Map(names.map((name, i) => [name, i])),
      input: entityLayout(schema.input),
    };
    gameLayouts.set(schema, layout);
  }
  return layout;
}

/** The wire layout of one entity schema (cached). */
export function entityLayout(schema: EntitySchema): EntityLayout {
  let layout = entityLayouts.get(schema);
  if (!layout) {
    const fieldNames = Object.keys(schema);
    const fieldTypes = fieldNames.map((n) => schema[n]!);
    const valueStart: number[] = [];
    const valueTypes: WireValueType[] = [];
    for (const type of fieldTypes) {
      valueStart.push(valueTypes.length);
      valueTypes.push(...wireValueTypes(type));
    }
    layout = {
      fieldNames,
      fieldTypes,
      valueStart,
      valueTypes,
      // 2 ** n rather than 1 << n: with 31 wire values the shift would overflow into the sign bit.
      fullMask: 2 ** valueTypes.length - 1,
    };
    entityLayouts.set(schema, layout);
  }
  return layout;
}

/** How many bits of `mask` are set. */
export function popcount(mask: number): number {
  let m = mask >>> 0;
  let n = 0;
  while (m !== 0) {
    m &= m - 1;
    n++;
  }
  return n;
}
