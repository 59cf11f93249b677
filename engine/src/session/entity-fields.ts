/**
 * Field arithmetic over entities, driven by the schema: how far apart two versions of an entity are,
 * how to blend two of them for drawing, and which fields are positions that a correction may glide.
 * Fixed-point fields blend linearly, angles the short way round, quaternions by normalised lerp the
 * short way round, and discrete fields (integers, booleans, enums) switch when the newer state is
 * reached.
 */
import { angleDelta, lerp, lerpAngle } from '../netcode/interpolate.js';
import { nlerp, quaternionAngle } from '../netcode/quaternion-blend.js';
import type { EntitySchema, FieldValue, Quaternion } from '../protocol/schema.js';
import type { SnapshotEntity } from '../protocol/snapshot.js';

/** An entity ready to draw. */
export interface EntityView {
  readonly id: number;
  readonly type: string;
  readonly values: Readonly<Record<string, FieldValue>>;
}

/** Names of the fixed-point fields of a type: the ones a correction glides along. */
export function smoothFields(schema: EntitySchema): string[] {
  return Object.keys(schema).filter((name) => schema[name]!.kind === 'fixed');
}

/** The fixed-point fields' values, in `smoothFields` order. */
export function fieldVector(values: Readonly<Record<string, FieldValue>>, fields: readonly string[]): number[] {
  return fields.map((name) => {
    const v = values[name];
    return typeof v === 'number' ? v : 0;
  });
}

/**
 * How far apart two versions of an entity are: the Euclidean distance over its fixed-point fields,
 * plus the turn between angles and between quaternions (radians), plus one for each discrete field
 * that differs.
 */
export function entityDistance(schema: EntitySchema, a: SnapshotEntity | undefined, b: SnapshotEntity | undefined): number {
  if (!a || !b) return a === b ? 0 : Infinity;
  if (a.type !== b.type) return Infinity;
  let squares = 0;
  let other = 0;
  for (const [name, type] of Object.entries(schema)) {
    const x = a.values[name];
    const y = b.values[name];
    if (type.kind === 'fixed' && typeof x === 'number' && typeof y === 'number') squares += (x - y) ** 2;
    else if (type.kind === 'angle' && typeof x === 'number' && typeof y === 'number') other += Math.abs(angleDelta(x, y));
    else if (type.kind === 'quat' && isQuaternion(x) && isQuaternion(y)) other += quaternionAngle(x, y);
    else if (x !== y) other += 1;
  }
  return Math.sqrt(squares) + other;
}

/** `from` blended towards `to` by `alpha` (past 1 extrapolates the fixed-point fields and angles). */
export function blendEntity(schema: EntitySchema, from: EntityView, to: EntityView, alpha: number): EntityView {
  const values: Record<string, FieldValue> = {};
  for (const [name, type] of Object.entries(schema)) {
    const a = from.values[name];
    const b = to.values[name];
    if (typeof a === 'number' && typeof b === 'number' && type.kind === 'fixed') values[name] = lerp(a, b, alpha);
    else if (typeof a === 'number' && typeof b === 'number' && type.kind === 'angle') values[name] = lerpAngle(a, b, alpha);
    else if (type.kind === 'quat' && isQuaternion(a) && isQuaternion(b)) values[name] = nlerp(a, b, alpha);
    else values[name] = (alpha >= 1 ? b : a) ?? b ?? a ?? 0;
  }
  return { id: to.id, type: to.type, values };
}

function isQuaternion(value: FieldValue | undefined): value is Quaternion {
  return Array.isArray(value) && value.length === 4;
}
