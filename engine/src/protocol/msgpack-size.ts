/**
 * Encoded sizes of msgpack integers and array headers, computed without encoding, so the snapshot
 * splitter can pack parts up to a byte limit in one pass. These follow the msgpack spec's smallest
 * encodings, which is what the codec's packer writes when `useRecords` is off (with records on,
 * msgpackr would spend two bytes on 64..127); `splitSnapshot` checks each encoded part anyway.
 */

/** Bytes of the integer `n` (integers beyond 32 bits are written as float64). */
export function intSize(n: number): number {
  if (n >= 0) return n < 0x80 ? 1 : n < 0x100 ? 2 : n < 0x10000 ? 3 : n <= 0xffffffff ? 5 : 9;
  return n >= -0x20 ? 1 : n >= -0x80 ? 2 : n >= -0x8000 ? 3 : n >= -0x80000000 ? 5 : 9;
}

/** Bytes of `n` when it is an integer or, for `null`, nil. */
export function intOrNilSize(n: number | null): number {
  return n === null ? 1 : intSize(n);
}

/** Bytes of the header of an array of `length` elements. */
export function arrayHeaderSize(length: number): number {
  return length < 0x10 ? 1 : length < 0x10000 ? 3 : 5;
}

/** Bytes of the header of a bin of `length` bytes. */
export function binHeaderSize(length: number): number {
  return length < 0x100 ? 2 : length < 0x10000 ? 3 : 5;
}
