/**
 * Storage for the wire values of quantized entities made tick after tick. Each entity's values are
 * a view into a shared block rather than an array of their own: a typed array of its own costs a
 * buffer object and a backing store besides the view, more than twice the memory, and these
 * values are what the snapshot history keeps alive for seconds. Blocks are never reused: one lives
 * as long as any view into it, so its size bounds what a long-lived view holds on to.
 */

/** Wire values per block: a kilobyte. */
const BLOCK_VALUES = 256;

export class WireValueArena {
  private block = new Int32Array(BLOCK_VALUES);
  private used = 0;

  /** A copy of `values` that later copies never touch. */
  copy(values: Int32Array): Int32Array {
    const length = values.length;
    if (length > BLOCK_VALUES) return values.slice();
    if (this.used + length > BLOCK_VALUES) {
      this.block = new Int32Array(BLOCK_VALUES);
      this.used = 0;
    }
    // A view made directly on the block's buffer: `subarray` takes the slower way through the species constructor.
    const view = new Int32Array(this.block.buffer, this.used * Int32Array.BYTES_PER_ELEMENT, length);
    for (let i = 0; i < length; i++) view[i] = values[i]!;
    this.used += length;
    return view;
  }
}
