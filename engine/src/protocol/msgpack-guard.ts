/**
 * A structural check of msgpack bytes before msgpackr decodes them.
 *
 * msgpackr trusts headers: an array header that claims four billion elements makes it allocate
 * first and read after, and deep nesting recurses until the stack overflows. This scan walks the
 * bytes without building anything and without recursion, and refuses data whose headers claim more
 * than the bytes that follow could hold, whose nesting is deeper than `maxDepth`, that uses an
 * extension type (the protocol uses none: no dates, sets, bigints, records or references), or that
 * has bytes after the single top-level value. Whatever passes decodes in memory proportional to
 * its size. It runs on every message the host receives, so it allocates nothing per value.
 */

/** Nesting the protocol ever needs: a message, its arrays, and a game payload 16 deep. */
export const MAX_MSGPACK_DEPTH = 24;
/** The deepest nesting the scan can be asked to allow. */
const DEPTH_LIMIT = 64;

const SCALAR = 0;
const BYTES = 1;
const CONTAINER = 2;

/** Bytes of the fixed-size scalars by type byte (nil, booleans, floats, integers); 0 when not one. */
const FIXED_SIZE = new Uint8Array(256);
for (const [b, size] of [[0xc0, 1], [0xc2, 1], [0xc3, 1], [0xca, 5], [0xcb, 9], [0xcc, 2], [0xcd, 3], [0xce, 5], [0xcf, 9], [0xd0, 2], [0xd1, 3], [0xd2, 5], [0xd3, 9]] as const) {
  FIXED_SIZE[b] = size;
}

/** Values still expected at each depth of the scan in progress (the scan is synchronous: one at a time). */
const pending = new Uint32Array(DEPTH_LIMIT + 1);
// The header just read: its own size, the length it announces, and what follows it.
let headSize = 0;
let headLength = 0;
let headKind = SCALAR;

function readUint(bytes: Uint8Array, at: number, size: number): number {
  let n = 0;
  for (let i = 0; i < size; i++) n = n * 256 + bytes[at + i]!;
  return n;
}

/** Reads the header at `at` into the scratch fields; false for an extension, a reserved byte, or a cut header. */
function readHeader(bytes: Uint8Array, at: number): boolean {
  const b = bytes[at]!;
  headSize = 1;
  headLength = 0;
  headKind = SCALAR;
  if (b <= 0x7f || b >= 0xe0) return true;
  if (b <= 0x9f) {
    headKind = CONTAINER;
    headLength = b <= 0x8f ? (b & 0x0f) * 2 : b & 0x0f;
    return true;
  }
  if (b <= 0xbf) {
    headKind = BYTES;
    headLength = b & 0x1f;
    return true;
  }
  if (FIXED_SIZE[b]! > 0) {
    headSize = FIXED_SIZE[b]!;
    return true;
  }
  // bin 8/16/32, str 8/16/32, array 16/32, map 16/32; everything else is an extension or reserved.
  const size = b === 0xc4 || b === 0xd9 ? 1 : b === 0xc5 || b === 0xda || b === 0xdc || b === 0xde ? 2 : b === 0xc6 || b === 0xdb || b === 0xdd || b === 0xdf ? 4 : 0;
  if (size === 0 || at + 1 + size > bytes.length) return false;
  headSize = 1 + size;
  headLength = readUint(bytes, at + 1, size);
  if (b === 0xde || b === 0xdf) headLength *= 2;
  headKind = b === 0xdc || b === 0xdd || b === 0xde || b === 0xdf ? CONTAINER : BYTES;
  return true;
}

/** Why `bytes` are not one well-formed, extension-free msgpack value, or undefined when they are. */
export function msgpackProblem(bytes: Uint8Array, maxDepth = MAX_MSGPACK_DEPTH): string | undefined {
  const limit = Math.min(maxDepth, DEPTH_LIMIT);
  let depth = 0;
  pending[0] = 1;
  let at = 0;
  for (;;) {
    while (pending[depth] === 0) {
      if (depth === 0) return at === bytes.length ? undefined : `${bytes.length - at} trailing bytes`;
      depth--;
    }
    if (at >= bytes.length) return 'truncated';
    pending[depth]!--;
    if (!readHeader(bytes, at)) return `unsupported or cut type byte 0x${bytes[at]!.toString(16)} at ${at}`;
    at += headSize;
    if (at > bytes.length) return 'truncated';
    const remaining = bytes.length - at;
    if (headKind === BYTES) {
      if (headLength > remaining) return `a string or binary claims ${headLength} bytes, ${remaining} remain`;
      at += headLength;
    } else if (headKind === CONTAINER) {
      if (headLength > remaining) return `a container claims ${headLength} elements, ${remaining} bytes remain`;
      if (depth + 1 >= limit) return `nested deeper than ${limit}`;
      pending[++depth] = headLength;
    }
  }
}
