import { describe, expect, it } from 'vitest';
import { nlerp, quaternionAngle, type Quat } from '../../../engine/src/netcode/quaternion-blend.js';
import { field } from '../../../engine/src/protocol/schema.js';
import { blendEntity, entityDistance } from '../../../engine/src/session/entity-fields.js';

/** A rotation of `radians` about the z axis. */
const aboutZ = (radians: number): Quat => [0, 0, Math.sin(radians / 2), Math.cos(radians / 2)];
const negate = (q: Quat): Quat => [-q[0], -q[1], -q[2], -q[3]];

describe('nlerp and quaternionAngle', () => {
  it('measure the rotation between two quaternions, 0 for equal ones and for q against -q', () => {
    expect(quaternionAngle(aboutZ(0.3), aboutZ(0.3))).toBe(0);
    expect(quaternionAngle(aboutZ(0.3), negate(aboutZ(0.3)))).toBe(0);
    expect(quaternionAngle(aboutZ(0.1), aboutZ(0.5))).toBeCloseTo(0.4, 12);
    expect(quaternionAngle(aboutZ(-3), aboutZ(3))).toBeCloseTo(2 * Math.PI - 6, 12);
    expect(quaternionAngle(aboutZ(0), aboutZ(1e-7))).toBeCloseTo(1e-7, 15);
  });

  it('blend the short way round and return unit quaternions, ends included', () => {
    const a = aboutZ(-3);
    const b = negate(aboutZ(3)); // the same rotation as aboutZ(3), from the other hemisphere
    const mid = nlerp(a, b, 0.5);
    expect(Math.hypot(...mid)).toBeCloseTo(1, 12);
    // Half way from -3 rad to 3 rad the short way is π, not 0.
    expect(quaternionAngle(mid, aboutZ(Math.PI))).toBeLessThan(1e-9);
    expect(quaternionAngle(nlerp(a, b, 0), a)).toBeLessThan(1e-9);
    expect(quaternionAngle(nlerp(a, b, 1), b)).toBeLessThan(1e-9);
    const past = nlerp(aboutZ(0), aboutZ(0.2), 1.5);
    expect(Math.hypot(...past)).toBeCloseTo(1, 12);
    expect(quaternionAngle(past, aboutZ(0.3))).toBeLessThan(0.01);
  });
});

describe('quaternion fields of entities', () => {
  const schema = { x: field.fixed(0.01, -10, 10), orientation: field.quat(9) };
  const at = (x: number, radians: number) => ({ id: 1, type: 'body', values: { x, orientation: aboutZ(radians) } });

  it('blend a quaternion field by nlerp beside the linear fields', () => {
    const blended = blendEntity(schema, at(0, 0), at(2, 1), 0.25);
    expect(blended.values.x).toBeCloseTo(0.5, 12);
    const orientation = blended.values.orientation as Quat;
    expect(Math.hypot(...orientation)).toBeCloseTo(1, 12);
    expect(quaternionAngle(orientation, aboutZ(0))).toBeGreaterThan(0.2);
    expect(quaternionAngle(orientation, aboutZ(0))).toBeLessThan(0.3);
  });

  it('count the rotation between two versions in the distance, and nothing for equal ones', () => {
    expect(entityDistance(schema, at(1, 0.5), at(1, 0.5))).toBe(0);
    expect(entityDistance(schema, at(1, 0.5), { ...at(1, 0), values: { x: 1, orientation: negate(aboutZ(0.5)) } })).toBe(0);
    expect(entityDistance(schema, at(1, 0.5), at(4, 0.7))).toBeCloseTo(3.2, 9);
  });
});
