/**
 * A set of strings kept in sorted order (by UTF-16 code units, as `<` compares them and as Redis
 * compares members of equal score, byte by byte, for the ASCII strings kept here): adding and
 * removing find their place by binary search, and a page reads on from any string. A sorted array
 * is plenty for the few thousand public lobbies one broker holds: an insert moves a few kilobytes.
 */

/** See the file comment. */
export class SortedKeys {
  readonly #keys: string[] = [];

  get size(): number {
    return this.#keys.length;
  }

  /** The first index whose key is not below `key`. */
  #lowerBound(key: string): number {
    let low = 0;
    let high = this.#keys.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.#keys[middle]! < key) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  add(key: string): void {
    const at = this.#lowerBound(key);
    if (this.#keys[at] !== key) this.#keys.splice(at, 0, key);
  }

  delete(key: string): void {
    const at = this.#lowerBound(key);
    if (this.#keys[at] === key) this.#keys.splice(at, 1);
  }

  /** The keys after `after` (from the first when undefined), in order. The caller may add and delete keys meanwhile. */
  *from(after: string | undefined): Generator<string> {
    let last = after;
    for (;;) {
      let at = last === undefined ? 0 : this.#lowerBound(last);
      if (last !== undefined && this.#keys[at] === last) at += 1;
      const key = this.#keys[at];
      if (key === undefined) return;
      last = key;
      yield key;
    }
  }
}
