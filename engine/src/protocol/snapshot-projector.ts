/**
 * Quantizing a game's entities tick after tick, paying only for what changed.
 *
 * Every state passes through the wire's quantization as it is made: its entities are quantized,
 * then read back for `fromEntities`. Most of a world is usually still (a resting body, a wall), and
 * an entity the game did not move comes back with the very values it was given last time, read
 * back from the wire. So the projector remembers, by id, each entity's quantized values and the
 * values they read back as; an entity whose values are those, field for field (`===`, and a
 * quaternion component by component), is neither quantized nor read back again: the remembered
 * objects serve. Since `quantize(dequantize(q)) === q`, that is exactly what the full round trip
 * would give. Anything else (a moved entity, a value a field cannot hold) takes the full way,
 * checked and quantized; if its quantized values did not change, the remembered objects still
 * serve. So a tick allocates for changed entities only, and an unchanged entity keeps its object
 * in the snapshot: the host's diff skips it without comparing.
 *
 * What it hands back is shared between ticks: the quantized entities, and the read-back entities
 * given to `fromEntities`; neither may be changed (their types say so).
 */
import { NetError } from '../core/net-error.js';
import { EntityTable, entityIndex } from './entity-table.js';
import { MAX_ENTITY_ID } from './message-limits.js';
import { WireValueArena } from './wire-value-arena.js';
import { dequantizeValues } from './quantize.js';
import { schemaLayout, type EntityLayout, type SchemaLayout } from './schema-layout.js';
import type { FieldValue, FieldValues, GameSchema } from './schema.js';
import { quantizeEntity, sameValues, type EntityValueCheck, type QuantizedEntity, type SnapshotEntity } from './snapshot.js';

/** What the projector remembers of one entity. */
interface Known {
  readonly quantized: QuantizedEntity;
  /** The entity as read back from `quantized`. */
  readonly entity: SnapshotEntity;
  /** Its values again, by field index: compared without looking each name up twice. */
  readonly fields: readonly FieldValue[];
  /** The projection that last saw it. */
  seen: number;
}

/** One tick's projection: the snapshot, and its entities as read back, in the game's order. */
export interface Projection {
  readonly snapshot: EntityTable;
  readonly entities: readonly SnapshotEntity[];
}

export class SnapshotProjector {
  private readonly layout: SchemaLayout;
  private known = new Map<number, Known>();
  /** The last projection's entities, in its order: where this tick's are looked for first. */
  private order: Known[] = [];
  private stamp = 0;
  private readonly scratch: Int32Array[];
  private readonly arena = new WireValueArena();
  private last: Projection | undefined;

  /** @param check hears each field that quantizing changes beyond rounding (see `quantizeSnapshot`) */
  constructor(
    private readonly schema: GameSchema,
    private readonly check?: EntityValueCheck,
  ) {
    this.layout = schemaLayout(schema);
    this.scratch = this.layout.types.map((type) => new Int32Array(type.valueTypes.length));
  }

  /** The last projection made, if any. */
  get latest(): Projection | undefined {
    return this.last;
  }

  /**
   * The snapshot of `entities`, and the entities read back from it. Throws
   * `NetError('invalid_option')` as `quantizeSnapshot` does (unknown type, bad or repeated id), or
   * whatever `check` throws; a projection that throws leaves nothing half remembered.
   */
  project(entities: readonly SnapshotEntity[]): Projection {
    try {
      return this.projectAll(entities);
    } catch (error) {
      this.forget();
      throw error;
    }
  }

  private projectAll(entities: readonly SnapshotEntity[]): Projection {
    const stamp = ++this.stamp;
    const count = entities.length;
    const list = new Array<QuantizedEntity>(count);
    const order = new Array<Known>(count);
    const readBack = new Array<SnapshotEntity>(count);
    const previous = this.order;
    // The same ids in the same order as last time: the last table's index serves again.
    let sameIds = this.last !== undefined && previous.length === count;
    for (let i = 0; i < count; i++) {
      const entity = entities[i]!;
      const candidate = previous[i];
      const inPlace = candidate !== undefined && candidate.entity.id === entity.id;
      if (!inPlace) sameIds = false;
      const before = inPlace ? candidate : this.known.get(entity.id);
      if (before !== undefined) {
        if (before.seen === stamp) throw new NetError('invalid_option', `entity id ${entity.id} appears twice`);
        // Marked before it may be replaced: a second entity with this id finds it seen, whichever way it looks.
        before.seen = stamp;
      }
      const known = before !== undefined && before.entity.type === entity.type && sameFieldValues(this.layoutOf(before), entity.values, before.fields) ? before : this.quantize(entity, before);
      known.seen = stamp;
      order[i] = known;
      readBack[i] = known.entity;
      list[i] = known.quantized;
    }
    for (const gone of previous) if (gone.seen !== stamp && this.known.get(gone.entity.id) === gone) this.known.delete(gone.entity.id);
    const index = sameIds && this.last ? this.last.snapshot.index : entityIndex(order.map((known) => known.entity.id));
    this.order = order;
    this.last = { snapshot: new EntityTable(index, list), entities: readBack };
    return this.last;
  }

  /** The full way for one entity: checked, quantized, and read back unless its values did not change. */
  private quantize(entity: SnapshotEntity, before: Known | undefined): Known {
    const type = this.layout.typeIndex.get(entity.type);
    if (type === undefined) throw new NetError('invalid_option', `entity ${entity.id} has unknown type "${entity.type}"`);
    if (!Number.isInteger(entity.id) || entity.id < 0 || entity.id > MAX_ENTITY_ID) {
      throw new NetError('invalid_option', `entity id ${entity.id} is not an integer in 0..${MAX_ENTITY_ID}`);
    }
    const q = quantizeEntity(this.layout.types[type]!, entity, this.scratch[type]!, this.check);
    if (before !== undefined && before.quantized.type === type && sameValues(before.quantized.values, q)) return before;
    const values = this.arena.copy(q);
    const readBack = dequantizeValues(this.schema.entities[entity.type]!, values);
    const known: Known = {
      quantized: { type, values },
      entity: { id: entity.id, type: entity.type, values: readBack },
      fields: fieldsOf(this.layout.types[type]!, readBack),
      seen: 0,
    };
    this.known.set(entity.id, known);
    return known;
  }

  private layoutOf(known: Known): EntityLayout {
    return this.layout.types[known.quantized.type]!;
  }

  /** Drops everything remembered: the next projection takes the full way for every entity. */
  private forget(): void {
    this.known = new Map();
    this.order = [];
    this.last = undefined;
  }
}

/** True when every field of `values` is the value in `known` (by field index): the same number, or a quaternion with the same components. */
function sameFieldValues({ fieldNames }: EntityLayout, values: FieldValues, known: readonly FieldValue[]): boolean {
  for (let i = 0; i < fieldNames.length; i++) {
    const value = values[fieldNames[i]!];
    const was = known[i]!;
    if (value !== was && !sameQuaternion(value, was)) return false;
  }
  return true;
}

/** The values of `values` by field index. */
function fieldsOf({ fieldNames }: EntityLayout, values: FieldValues): FieldValue[] {
  const fields = new Array<FieldValue>(fieldNames.length);
  for (let i = 0; i < fieldNames.length; i++) fields[i] = values[fieldNames[i]!]!;
  return fields;
}

function sameQuaternion(a: FieldValue | undefined, b: FieldValue): boolean {
  if (!Array.isArray(a) || !Array.isArray(b)) return false;
  const x = a as readonly unknown[];
  const y = b as readonly number[];
  return x.length === 4 && x[0] === y[0] && x[1] === y[1] && x[2] === y[2] && x[3] === y[3];
}
