/**
 * Reading the bit stream `bit-writer.ts` writes. Every read is bounded: reading past the end, or an
 * exponential-Golomb code longer than any value it may stand for, yields undefined, so a truncated
 * or lying stream is refused rather than read as garbage or looped over.
 */

/** The longest exponential-Golomb code accepted: a value below 2^32 in order 31 takes 65 bits. */
const MAX_CODE_BITS = 65;

export class BitReader {
  private at = 0;

  constructor(private readonly bytes: Uint8Array) {}

  /** Bits not yet read. */
  get remaining(): number {
    return this.bytes.byteLength * 8 - this.at;
  }

  /** The next `n` bits (0 ≤ n ≤ 32) as an unsigned integer, or undefined past the end. */
  bits(n: number): number | undefined {
    if (n > this.remaining) return undefined;
    let value = 0;
    let left = n;
    while (left > 0) {
      const byte = this.bytes[this.at >> 3]!;
      const offset = this.at & 7;
      const take = Math.min(8 - offset, left);
      const chunk = (byte >> (8 - offset - take)) & ((1 << take) - 1);
      value = value * 2 ** take + chunk;
      this.at += take;
      left -= take;
    }
    return value;
  }

  /** One bit, or undefined past the end. */
  bit(): boolean | undefined {
    const b = this.bits(1);
    return b === undefined ? undefined : b === 1;
  }

  /** An order-`k` exponential-Golomb code, or undefined when truncated or longer than 65 bits. */
  expGolomb(k: number): number | undefined {
    let zeros = 0;
    for (;;) {
      const b = this.bits(1);
      if (b === undefined) return undefined;
      if (b === 1) break;
      zeros++;
      if (2 * zeros + k + 1 > MAX_CODE_BITS) return undefined;
    }
    // The 1 just read is the top bit of v; the rest follow.
    const rest = zeros + k;
    const high = rest > 32 ? this.bits(rest - 32) : 0;
    const low = this.bits(Math.min(rest, 32));
    if (high === undefined || low === undefined) return undefined;
    const v = 2 ** rest + high * 2 ** 32 + low;
    return v - 2 ** k;
  }

  /**
   * True when what is left is fewer than 8 bits, all zero: the padding of the last byte (reads
   * nothing). Every code holds a 1 bit, so padding is never the start of one.
   */
  isPaddedEnd(): boolean {
    const left = this.remaining;
    if (left >= 8) return false;
    return left === 0 || (this.bytes[this.at >> 3]! & ((1 << left) - 1)) === 0;
  }
}
