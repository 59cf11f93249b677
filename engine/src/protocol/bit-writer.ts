/**
 * Writing a bit stream, most significant bit first, into a reused buffer: the body of a snapshot's
 * entity records (`record-bits.ts`). Values up to 32 bits go in one call; arithmetic rather than
 * 32-bit operators keeps every width from 0 to 32 exact. `take` pads the last byte with zero bits.
 */
import { bitLength } from './exp-golomb.js';

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
    // At most 7 pending bits plus 32 new ones: below 2^53, exact in a double.
    let acc = this.acc * 2 ** n + value;
    let pending = this.pending + n;
    this.room(5);
    while (pending >= 8) {
      pending -= 8;
      const byte = Math.floor(acc / 2 ** pending);
      this.buffer[this.at++] = byte;
      acc -= byte * 2 ** pending;
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
    const v = u + 2 ** k;
    const length = bitLength(v);
    const zeros = length - k - 1;
    if (zeros > 32) this.bits(0, zeros - 32);
    this.bits(0, Math.min(zeros, 32));
    if (length > 32) {
      const high = Math.floor(v / 2 ** 32);
      this.bits(high, length - 32);
      this.bits(v - high * 2 ** 32, 32);
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
