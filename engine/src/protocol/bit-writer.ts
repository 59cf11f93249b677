/**
 * Writing a bit stream, most significant bit first, into a reused buffer: the body of a snapshot's
 * entity records (`record-bits.ts`). Values up to 32 bits go in one call, split into chunks of at
 * most 24 bits so that the pending bits and a chunk fit a 32-bit integer. `take` pads the last
 * byte with zero bits.
 */
import { bitLength, pow2 } from './exp-golomb.js';

export class BitWriter {
  private buffer = new Uint8Array(2048);
  private at = 0;
  /** Bits waiting for a whole byte, in the low `pending` bits of `acc` (fewer than 8). */
  private acc = 0;
  private pending = 0;

  /** Bits written since the last `take`. */
  get bitLength(): number {
    return this.at * 8 + this.pending;
  }

  /** The low `n` bits of the unsigned integer `value` (0 ≤ n ≤ 32, value < 2^n). */
  bits(value: number, n: number): void {
    if (n > 24) {
      const high = Math.floor(value / 0x1000000);
      this.chunk(high, n - 24);
      this.chunk(value - high * 0x1000000, 24);
    } else this.chunk(value, n);
  }

  /** Up to 24 bits: with at most 7 pending, 31 bits in all. */
  private chunk(value: number, n: number): void {
    let acc = (this.acc << n) | value;
    let pending = this.pending + n;
    this.room(4);
    while (pending >= 8) {
      pending -= 8;
      this.buffer[this.at++] = acc >>> pending;
      acc &= (1 << pending) - 1;
    }
    this.acc = acc;
    this.pending = pending;
  }

  /** One bit. */
  bit(set: boolean): void {
    this.bits(set ? 1 : 0, 1);
  }

  /**
   * The unsigned integer `u` (below 2^32) as an exponential-Golomb code of order `k`: with
   * `v = u + 2^k` of `m + 1` bits, `m - k` zero bits, then `v` in `m + 1` bits.
   */
  expGolomb(u: number, k: number): void {
    const v = u + pow2(k);
    const length = bitLength(v);
    // The zero bits are `v` written wider: one write when the whole code fits 32 bits.
    const code = 2 * length - k - 1;
    if (code <= 32) {
      this.bits(v, code);
      return;
    }
    this.bits(0, code - length);
    if (length > 32) {
      const high = Math.floor(v / 0x100000000);
      this.bits(high, length - 32);
      this.bits(v - high * 0x100000000, 32);
    } else this.bits(v, length);
  }

  /** A copy of the bytes written, the last one padded with zero bits, and a fresh start. */
  take(): Uint8Array {
    if (this.pending > 0) this.bits(0, 8 - this.pending);
    const out = this.buffer.slice(0, this.at);
    this.at = 0;
    return out;
  }

  /** Forgets whatever was written. */
  reset(): void {
    this.at = 0;
    this.acc = 0;
    this.pending = 0;
  }

  private room(bytes: number): void {
    if (this.at + bytes <= this.buffer.byteLength) return;
    const grown = new Uint8Array(this.buffer.byteLength * 2);
    grown.set(this.buffer.subarray(0, this.at));
    this.buffer = grown;
  }
}
