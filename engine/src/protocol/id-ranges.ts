/**
 * Sets of entity ids as sorted, disjoint, inclusive ranges: what a client cannot yet tell about a
 * snapshot tick whose parts have not all arrived is a few stretches of the id space, never a list
 * of ids, so it costs a few numbers whatever the world's size, and `has` is a binary search.
 */

/** An immutable set of integer ids, as ranges. */
export class IdRanges {
  /** The empty set. */
  static readonly none = new IdRanges([]);

  /** `[first0, last0, first1, last1, ...]`, ascending, disjoint and not touching. */
  private readonly bounds: readonly number[];

  private constructor(bounds: readonly number[]) {
    this.bounds = bounds;
  }

  /** The union of inclusive ranges `[first, last]`, given in any order; empty ones (`last < first`) are ignored. */
  static of(ranges: readonly (readonly [first: number, last: number])[]): IdRanges {
    const sorted = ranges.filter(([first, last]) => first <= last).sort((a, b) => a[0] - b[0]);
    const bounds: number[] = [];
    for (const [first, last] of sorted) {
      const end = bounds.length - 1;
      // Merge ranges that overlap or touch (`last + 1 === first`): whole ids only.
      if (end > 0 && first <= bounds[end]! + 1) bounds[end] = Math.max(bounds[end]!, last);
      else bounds.push(first, last);
    }
    return bounds.length === 0 ? IdRanges.none : new IdRanges(bounds);
  }

  /** True when no id is in the set. */
  get empty(): boolean {
    return this.bounds.length === 0;
  }

  /** The ranges, as `[first, last]` pairs in ascending order. */
  get ranges(): [number, number][] {
    const out: [number, number][] = [];
    for (let i = 0; i < this.bounds.length; i += 2) out.push([this.bounds[i]!, this.bounds[i + 1]!]);
    return out;
  }

  /** True when `id` is in the set. */
  has(id: number): boolean {
    let lo = 0;
    let hi = this.bounds.length / 2;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.bounds[2 * mid + 1]! < id) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.bounds.length / 2 && this.bounds[2 * lo]! <= id;
  }
}
