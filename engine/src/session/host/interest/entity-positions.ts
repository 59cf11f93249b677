/**
 * Where entities are, for the spatial grid and the default priority. By default an entity type with
 * numeric fields named `x` and `y` (`fixed` or `int`) is placed at their values, read straight from
 * its quantized values without reading the rest back; a game whose positions live elsewhere (other
 * names, a 3D position on the ground plane) passes `position`, which is given the entity read back
 * as the game declared it, and must depend on nothing else. Entities are read back and placed at
 * most once per quantized value: an unchanged entity is the same object tick after tick.
 */
import { dequantizeField } from '../../../protocol/quantize.js';
import { schemaLayout } from '../../../protocol/schema-layout.js';
import type { EntityOf, FieldType, GameSchema } from '../../../protocol/schema.js';
import { dequantizeEntity, type QuantizedEntity } from '../../../protocol/snapshot.js';
import type { WorldPoint } from './interest-options.js';

interface PositionFields {
  readonly x: { readonly index: number; readonly type: FieldType };
  readonly y: { readonly index: number; readonly type: FieldType };
}

/** The `x` and `y` fields of each entity type, by wire type index; undefined for a type without both. */
function positionFields(schema: GameSchema): (PositionFields | undefined)[] {
  return schemaLayout(schema).types.map((type) => {
    const at = (name: string) => {
      const i = type.fieldNames.indexOf(name);
      const fieldType = type.fieldTypes[i];
      return fieldType && (fieldType.kind === 'fixed' || fieldType.kind === 'int') ? { index: type.valueStart[i]!, type: fieldType } : undefined;
    };
    const x = at('x');
    const y = at('y');
    return x && y ? { x, y } : undefined;
  });
}

/** Entities read back and placed, for one game schema. */
export class EntityPositions {
  private readonly fields: (PositionFields | undefined)[];
  private readonly readBack = new WeakMap<QuantizedEntity, EntityOf<GameSchema>>();
  private readonly points = new WeakMap<QuantizedEntity, WorldPoint | null>();

  constructor(
    private readonly schema: GameSchema,
    private readonly custom: ((entity: EntityOf<GameSchema>) => WorldPoint | undefined) | undefined,
  ) {
    this.fields = positionFields(schema);
  }

  /** The entity as the game declared it (read back once per quantized value). */
  entity(id: number, quantized: QuantizedEntity): EntityOf<GameSchema> {
    const cached = this.readBack.get(quantized);
    if (cached?.id === id) return cached;
    const { type, values } = dequantizeEntity(this.schema, quantized);
    const entity = { id, type, values } as EntityOf<GameSchema>;
    this.readBack.set(quantized, entity);
    return entity;
  }

  /** Where the entity is; undefined when it has no place (no position, or one not finite). */
  of(id: number, quantized: QuantizedEntity): WorldPoint | undefined {
    const cached = this.points.get(quantized);
    if (cached !== undefined) return cached ?? undefined;
    const point = this.custom ? this.custom(this.entity(id, quantized)) : this.fromFields(quantized);
    const placed = point && Number.isFinite(point.x) && Number.isFinite(point.y) ? { x: point.x, y: point.y } : undefined;
    this.points.set(quantized, placed ?? null);
    return placed;
  }

  private fromFields(quantized: QuantizedEntity): WorldPoint | undefined {
    const fields = this.fields[quantized.type];
    if (!fields) return undefined;
    return {
      x: dequantizeField(fields.x.type, quantized.values[fields.x.index]!) as number,
      y: dequantizeField(fields.y.type, quantized.values[fields.y.index]!) as number,
    };
  }
}
