/**
 * 16-bit sequence numbers that wrap: 65535 is followed by 0. `a` is newer than `b` when it is ahead
 * by less than half the space, so comparisons stay right across the wrap (RFC 1982 serial numbers).
 */
export const SEQUENCE_SPACE = 0x10000;
const HALF = SEQUENCE_SPACE / 2;

/** The next sequence number after `s`. */
export function nextSequence(s: number): number {
  return (s + 1) & 0xffff;
}

/** How far `a` is ahead of `b`, in (-32768, 32768]: negative when `a` is older. */
export function sequenceDiff(a: number, b: number): number {
  const d = (a - b) & 0xffff;
  return d > HALF ? d - SEQUENCE_SPACE : d;
}

/** True when `a` is newer than `b`. */
export function sequenceNewer(a: number, b: number): boolean {
  return sequenceDiff(a, b) > 0;
}
