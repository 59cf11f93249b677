/**
 * A structural check of msgpack bytes before msgpackr decodes them.
 *
 * msgpackr trusts headers: an array header that claims four billion elements makes it allocate
 * first and read after, and deep nesting recurses until the stack overflows. This scan walks the
 * bytes without building anything and without recursion, and refuses data whose headers claim more
 * than the bytes that follow could hold, whose nesting is deeper than `maxDepth`, that uses an
 * extension type (the protocol uses none: no dates, sets, bigints, records or references), or that
 * has bytes after the single top-level value. Whatever passes decodes in memory proportional to
 * its size.
 */

/** Nesting the protocol ever needs: a message, its arrays, and a game payload 16 deep. */
export const MAX_MSGPACK_DEPTH = 24;

/** What the next `n` bytes after a header hold, for the header byte `b` (or undefined for an extension or a reserved byte). */
interface Header {
  /** Bytes of the header itself. */
  readonly head: number;
  /** For a string or binary: how many bytes follow; for containers: elements that follow. */
  readonly length: number;
  readonly kind: 'scalar' | 'bytes' | 'array' | 'map';
}

function readLength(view: DataView, at: number, size: 1 | 2 | 4): number | undefined {
  if (at + size > view.byteLength) return undefined;
  return size === 1 ? view.getUint8(at) : size === 2 ? view.getUint16(at) : view.getUint32(at);
}

const FIXED_SIZES: Readonly<Record<number, number>> = {
  0xc0: 1, 0xc2: 1, 0xc3: 1, 0xca: 5, 0xcb: 9, 0xcc: 2, 0xcd: 3, 0xce: 5, 0xcf: 9, 0xd0: 2, 0xd1: 3, 0xd2: 5, 0xd3: 9,
};

const SIZED: Readonly<Record<number, { size: 1 | 2 | 4; kind: Header['kind'] }>> = {
  0xc4: { size: 1, kind: 'bytes' }, 0xc5: { size: 2, kind: 'bytes' }, 0xc6: { size: 4, kind: 'bytes' },
  0xd9: { size: 1, kind: 'bytes' }, 0xda: { size: 2, kind: 'bytes' }, 0xdb: { size: 4, kind: 'bytes' },
  0xdc: { size: 2, kind: 'array' }, 0xdd: { size: 4, kind: 'array' },
  0xde: { size: 2, kind: 'map' }, 0xdf: { size: 4, kind: 'map' },
};

function header(view: DataView, at: number): Header | undefined {
  const b = view.getUint8(at);
  if (b <= 0x7f || b >= 0xe0) return { head: 1, length: 0, kind: 'scalar' };
  if (b <= 0x8f) return { head: 1, length: b & 0x0f, kind: 'map' };
  if (b <= 0x9f) return { head: 1, length: b & 0x0f, kind: 'array' };
  if (b <= 0xbf) return { head: 1, length: b & 0x1f, kind: 'bytes' };
  const fixed = FIXED_SIZES[b];
  if (fixed !== undefined) return { head: fixed, length: 0, kind: 'scalar' };
  const sized = SIZED[b];
  if (sized === undefined) return undefined; // 0xc1 (never used) and every extension type
  const length = readLength(view, at + 1, sized.size);
  return length === undefined ? undefined : { head: 1 + sized.size, length, kind: sized.kind };
}

/** Why `bytes` are not one well-formed, extension-free msgpack value, or undefined when they are. */
export function msgpackProblem(bytes: Uint8Array, maxDepth = MAX_MSGPACK_DEPTH): string | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // pending[d]: values still expected at depth d; the top level expects exactly one.
  const pending: number[] = [1];
  let at = 0;
  while (pending.length > 0) {
    if (pending[pending.length - 1] === 0) {
      pending.pop();
      continue;
    }
    if (at >= bytes.byteLength) return 'truncated';
    pending[pending.length - 1]!--;
    const h = header(view, at);
    if (h === undefined) return `unsupported type byte 0x${view.getUint8(at).toString(16)} at ${at}`;
    at += h.head;
    const remaining = bytes.byteLength - at;
    if (h.kind === 'bytes') {
      if (h.length > remaining) return `a string or binary claims ${h.length} bytes, ${remaining} remain`;
      at += h.length;
    } else if (h.kind !== 'scalar') {
      const elements = h.kind === 'map' ? h.length * 2 : h.length;
      if (elements > remaining) return `a container claims ${elements} elements, ${remaining} bytes remain`;
      if (pending.length >= maxDepth) return `nested deeper than ${maxDepth}`;
      pending.push(elements);
    }
    if (at > bytes.byteLength) return 'truncated';
  }
  return at === bytes.byteLength ? undefined : `${bytes.byteLength - at} trailing bytes`;
}
