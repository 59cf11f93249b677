/**
 * Unit quaternions on the wire, "smallest three" (G. Fiedler, "Snapshot Compression"): `q` and `-q`
 * are the same rotation, so the largest component can be made positive and left out, since it is
 * `sqrt(1 - a² - b² - c²)`. The other three lie in `[-1/√2, 1/√2]`. Each is sent in `bits` bits,
 * and the index of the largest in 2 more, all packed into one integer:
 *
 *     q = index · 2^(3·bits) + a · 2^(2·bits) + b · 2^bits + c
 *
 * A component takes the codes `0 .. 2·half` with `half = 2^(bits-1) - 1`: code `half` is exactly 0,
 * so the identity and rotations about one axis keep their zeros exactly; the top code `2^bits - 1`
 * is unused and refused. With 9 bits a sent component is within 0.0014 and the rotation within 0.6°.
 *
 * Decoding keeps the implied component strictly the largest, so `quantizeQuat(dequantizeQuat(q))`
 * gives `q` back for every `q` that `quantizeQuat` produces: a body at rest keeps its exact wire
 * value tick after tick, and the host never resends it.
 */
import type { Quaternion } from './schema.js';

const SQRT1_2 = Math.SQRT1_2;
const IDENTITY: Quaternion = [0, 0, 0, 1];

// Every packed value has at most 3 · 9 + 2 = 29 bits, so 32-bit integer operators are exact here.

/** The code of 0 in a component of `bits` bits; the largest code is twice this. */
function halfCode(bits: number): number {
  return (1 << (bits - 1)) - 1;
}

/** The largest packed value of a quaternion with `bits` per component. */
export function maxQuatQuantized(bits: number): number {
  const top = 2 * halfCode(bits);
  return (3 << (3 * bits)) | (top << (2 * bits)) | (top << bits) | top;
}

/** True when `q` is a packed quaternion: an integer in range whose three components use valid codes. */
export function isValidQuat(bits: number, q: number): boolean {
  if (!Number.isInteger(q) || q < 0 || q > maxQuatQuantized(bits)) return false;
  const top = 2 * halfCode(bits);
  const mask = (1 << bits) - 1;
  return (q & mask) <= top && ((q >>> bits) & mask) <= top && ((q >>> (2 * bits)) & mask) <= top;
}

/**
 * `value` packed into one integer. A value that is not four finite numbers, or has no length, is
 * sent as the identity; any other is normalised first.
 */
export function quantizeQuat(bits: number, value: unknown): number {
  const v = toUnit(value);
  let largest = 0;
  for (let i = 1; i < 4; i++) if (Math.abs(v[i]!) > Math.abs(v[largest]!)) largest = i;
  const sign = v[largest]! < 0 ? -1 : 1;
  const half = halfCode(bits);
  let packed = largest;
  for (let i = 0; i < 4; i++) {
    if (i === largest) continue;
    const code = Math.round(((sign * v[i]!) / SQRT1_2) * half) + half;
    packed = (packed << bits) | Math.min(2 * half, Math.max(0, code));
  }
  return packed;
}

/** The unit quaternion a packed integer stands for; an invalid `q` decodes as the identity. */
export function dequantizeQuat(bits: number, q: number): Quaternion {
  if (!isValidQuat(bits, q)) return IDENTITY;
  const half = halfCode(bits);
  const mask = (1 << bits) - 1;
  const scale = SQRT1_2 / half;
  let a = (((q >>> (2 * bits)) & mask) - half) * scale;
  let b = (((q >>> bits) & mask) - half) * scale;
  let c = ((q & mask) - half) * scale;
  let implied = Math.sqrt(Math.max(0, 1 - a * a - b * b - c * c));
  if (implied <= Math.max(Math.abs(a), Math.abs(b), Math.abs(c))) {
    // Rounding left the implied component at or below a sent one (a near tie). The quantized
    // quaternion lay somewhere in the sent codes' cells with its largest component largest, so
    // moving every sent component towards 0 by just under half a code, still inside its cell,
    // finds such a point again, and re-quantizing gives the same codes and index.
    const shrink = 0.499 * scale;
    a = Math.sign(a) * Math.max(0, Math.abs(a) - shrink);
    b = Math.sign(b) * Math.max(0, Math.abs(b) - shrink);
    c = Math.sign(c) * Math.max(0, Math.abs(c) - shrink);
    implied = Math.sqrt(Math.max(0, 1 - a * a - b * b - c * c));
  }
  // A last guard for codes no quantized quaternion has: keep the implied component strictly largest.
  implied = Math.max(implied, Math.max(Math.abs(a), Math.abs(b), Math.abs(c)) * (1 + 1e-9));
  const n = Math.sqrt(a * a + b * b + c * c + implied * implied);
  [a, b, c, implied] = [a / n, b / n, c / n, implied / n];
  switch (q >>> (3 * bits)) {
    case 0:
      return [implied, a, b, c];
    case 1:
      return [a, implied, b, c];
    case 2:
      return [a, b, implied, c];
    default:
      return [a, b, c, implied];
  }
}

/** Four finite numbers scaled to length 1, or the identity. */
function toUnit(value: unknown): Quaternion {
  if (!Array.isArray(value) || value.length !== 4) return IDENTITY;
  const [x, y, z, w] = value as unknown[];
  if (typeof x !== 'number' || typeof y !== 'number' || typeof z !== 'number' || typeof w !== 'number') return IDENTITY;
  const length = Math.sqrt(x * x + y * y + z * z + w * w);
  if (!Number.isFinite(length) || length < 1e-9) return IDENTITY;
  return [x / length, y / length, z / length, w / length];
}
