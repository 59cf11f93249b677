/**
 * Blending rotations given as unit quaternions `[x, y, z, w]`.
 *
 * `q` and `-q` are the same rotation, so both functions first turn `b` to the same hemisphere as
 * `a` (a non-negative dot product): blending then goes the short way round, never through a full
 * extra turn. `nlerp` is a straight line between the two, renormalised: not constant speed like
 * slerp, but between two snapshots a tick or two apart the difference is far below what anyone can
 * see, it costs no trigonometry, and `t` past 1 still gives a unit quaternion (extrapolation).
 */

/** A quaternion `[x, y, z, w]`. */
export type Quat = readonly [number, number, number, number];

function dot(a: Quat, b: Quat): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2] + a[3] * b[3];
}

/** The rotation `t` of the way from `a` to `b` the short way round (`t = 1` gives `b` or `-b`). */
export function nlerp(a: Quat, b: Quat, t: number): Quat {
  const s = dot(a, b) < 0 ? -1 : 1;
  const x = a[0] + (s * b[0] - a[0]) * t;
  const y = a[1] + (s * b[1] - a[1]) * t;
  const z = a[2] + (s * b[2] - a[2]) * t;
  const w = a[3] + (s * b[3] - a[3]) * t;
  const length = Math.hypot(x, y, z, w);
  // Only opposite inputs blended half way cancel out; then the nearer end is the answer.
  if (!(length > 1e-12)) return t < 0.5 ? a : b;
  return [x / length, y / length, z / length, w / length];
}

/** The angle in radians, in `[0, π]`, of the rotation that takes unit quaternion `a` to unit `b`. */
export function quaternionAngle(a: Quat, b: Quat): number {
  // Quaternions of rotations θ apart are 4D unit vectors θ/2 apart, and two unit vectors are
  // 2·atan2(|a - b|, |a + b|) apart. Better than acos(a·b): exactly 0 for equal inputs, and accurate
  // for tiny angles, where acos of a dot product a rounding error below 1 gives 1e-8 rad.
  const s = dot(a, b) < 0 ? -1 : 1;
  const apart = Math.hypot(a[0] - s * b[0], a[1] - s * b[1], a[2] - s * b[2], a[3] - s * b[3]);
  const together = Math.hypot(a[0] + s * b[0], a[1] + s * b[1], a[2] + s * b[2], a[3] + s * b[3]);
  return 4 * Math.atan2(apart, together);
}
