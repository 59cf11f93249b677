/**
 * The same states as `@colyseus/schema` delta patches: a schema derived from the game's own, one
 * `MapSchema` per entity type keyed by id, updated from each snapshot's entities and encoded with
 * `Encoder.encode()`, which sends the fields that changed since the previous patch.
 *
 * Two variants. `float32`: the field types a Colyseus game would pick, `float32` for positions and
 * angles (and each quaternion component), the smallest integer type that holds an int field,
 * `boolean`, `string` for enums. `quantized`, Colyseus's best case: each of tickwire's own wire
 * values (the quantized integers, a quaternion packed as smallest three) in the smallest unsigned
 * integer type that holds it, so both encoders carry exactly the same information.
 *
 * Patches assume a reliable, ordered channel (each builds on the one before), so they are measured
 * without loss. Used only by the benchmarks.
 */
import { Encoder, schema, t } from '@colyseus/schema';
import { isValidWireValue, maxQuantized, quantizeValues } from '../../../engine/src/protocol/quantize.js';
import { entityLayout } from '../../../engine/src/protocol/schema-layout.js';
import type { EntitySchema, FieldType, FieldValue, GameSchema } from '../../../engine/src/protocol/schema.js';
import type { SnapshotEntity } from '../../../engine/src/protocol/snapshot.js';

type Row = Record<string, number | boolean | string>;
type RowClass = new () => Row;
type Root = Record<string, Map<string, Row>>;

const QUAT_PARTS = ['x', 'y', 'z', 'w'] as const;

function intType(min: number, max: number) {
  if (min >= 0) return max <= 0xff ? t.uint8() : max <= 0xffff ? t.uint16() : t.uint32();
  return min >= -0x80 && max <= 0x7f ? t.int8() : min >= -0x8000 && max <= 0x7fff ? t.int16() : t.int32();
}

/** The Colyseus fields standing for one tickwire field (a quaternion becomes four). */
function columns(name: string, type: FieldType): [string, unknown][] {
  switch (type.kind) {
    case 'fixed':
    case 'angle':
      return [[name, t.float32()]];
    case 'int':
      return [[name, intType(type.min, type.max)]];
    case 'bool':
      return [[name, t.boolean()]];
    case 'enum':
      return [[name, t.string()]];
    case 'quat':
      return QUAT_PARTS.map((part) => [`${name}_${part}`, t.float32()]);
  }
}

/** How the mirror types its fields. */
export type ColyseusVariant = 'float32' | 'quantized';

/** The largest value a wire value of a field of `type` can take. */
function wireMax(type: FieldType, wireIndex: number): number {
  if (type.kind === 'quat' && wireIndex > 0) return 2 ** type.bits - 1;
  if (type.kind === 'quat' && type.bits > 9) return 2 ** (type.bits + 2) - 1;
  return maxQuantized(type);
}

/** One unsigned integer column per wire value, named by field and wire index. */
function quantizedColumns(entity: EntitySchema): [string, unknown][] {
  const { fieldNames, fieldTypes, valueStart, valueTypes } = entityLayout(entity);
  return valueTypes.map((_, v) => {
    const field = fieldNames.findLastIndex((__, f) => valueStart[f]! <= v);
    return [`v${v}`, intType(0, wireMax(fieldTypes[field]!, v - valueStart[field]!))];
  });
}

function rowClass(typeName: string, entity: EntitySchema, variant: ColyseusVariant): RowClass {
  const fields = Object.fromEntries(
    variant === 'quantized' ? quantizedColumns(entity) : Object.entries(entity).flatMap(([name, type]) => columns(name, type)),
  );
  return schema(fields as Parameters<typeof schema>[0], typeName) as unknown as RowClass;
}

/** Copies `value` into `row`, touching only what changed (an unchanged assignment sends nothing anyway). */
function assign(row: Row, name: string, value: FieldValue): void {
  if (Array.isArray(value)) {
    QUAT_PARTS.forEach((part, i) => assign(row, `${name}_${part}`, value[i] ?? 0));
  } else if (row[name] !== value) {
    row[name] = value as number | boolean | string;
  }
}

export class ColyseusMirror {
  private readonly classes = new Map<string, RowClass>();
  private readonly root: Root;
  private readonly encoder: Encoder;
  private readonly game: GameSchema;
  private readonly variant: ColyseusVariant;
  private started = false;

  constructor(game: GameSchema, variant: ColyseusVariant = 'float32') {
    this.game = game;
    this.variant = variant;
    // The first patch is the whole state; 900 bodies of floats outgrow the default 8 KiB buffer.
    Encoder.BUFFER_SIZE = Math.max(Encoder.BUFFER_SIZE, 512 * 1024);
    const maps: Record<string, unknown> = {};
    for (const [typeName, entity] of Object.entries(game.entities)) {
      const row = rowClass(typeName, entity, variant);
      this.classes.set(typeName, row);
      maps[typeName] = t.map(row as never);
    }
    const RootClass = schema(maps as Parameters<typeof schema>[0], 'Root') as unknown as new () => Root;
    this.root = new RootClass();
    this.encoder = new Encoder(this.root as never);
  }

  /** Bytes of the patch that brings a client from the previous snapshot to `entities` (the first: full state). */
  patch(entities: readonly SnapshotEntity[]): number {
    const seen = new Map<string, Set<string>>();
    for (const { id, type, values } of entities) {
      const map = this.root[type]!;
      const key = String(id);
      let row = map.get(key);
      if (!row) {
        row = new (this.classes.get(type)!)();
        map.set(key, row);
      }
      this.fill(row, type, values);
      if (!seen.has(type)) seen.set(type, new Set());
      seen.get(type)!.add(key);
    }
    for (const type of this.classes.keys()) {
      const map = this.root[type]!;
      for (const key of [...map.keys()]) if (!seen.get(type)?.has(key)) map.delete(key);
    }
    const bytes = this.started ? this.encoder.encode() : this.encoder.encodeAll();
    this.started = true;
    const size = bytes.byteLength;
    this.encoder.discardChanges();
    return size;
  }

  private fill(row: Row, type: string, values: SnapshotEntity['values']): void {
    if (this.variant === 'float32') {
      for (const [name, value] of Object.entries(values)) assign(row, name, value);
      return;
    }
    const entity = this.game.entities[type]!;
    const { valueTypes } = entityLayout(entity);
    const wire = quantizeValues(entity, values);
    wire.forEach((v, i) => {
      if (!isValidWireValue(valueTypes[i]!, v)) throw new Error(`wire value ${v} out of range for ${type} v${i}`);
      assign(row, `v${i}`, v);
    });
  }
}
