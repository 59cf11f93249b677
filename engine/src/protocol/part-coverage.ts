/**
 * Which entity ids a snapshot part that has not arrived may speak of. The host lays parts out in
 * one order (SPEC.md, "Splitting rule"): removed ids first, ascending across parts, then records,
 * ascending across parts; no part holds a record before a later part's removed id. So the parts
 * that did arrive fence in what a missing one can hold: a removal between the removals around it,
 * a record between the records around it, and neither where the order forbids.
 *
 * An id outside every missing part's stretch is fully known at that tick: present with the value
 * the arrived parts and the baseline give it (unchanged entities are not sent), or gone. That lets
 * a client use most of a snapshot whose part was lost without mistaking a lost record for "no
 * change" or a lost removal for "still there". A part that breaks the order contradicts the ones
 * already in, and is refused.
 */
import { MAX_ENTITY_ID } from './message-limits.js';
import type { SnapshotMessage } from './messages.js';

/** The first and last of an ascending list of ids. */
type Span = readonly [first: number, last: number];

/** The ids at the ends of a part's two lists, undefined for an empty list. */
export interface PartIds {
  readonly removed: Span | undefined;
  readonly records: Span | undefined;
}

function span(ids: readonly number[]): Span | undefined {
  return ids.length === 0 ? undefined : [ids[0]!, ids[ids.length - 1]!];
}

/** The ids at the ends of `part`'s lists (validation made each list ascending). */
export function partIds(part: SnapshotMessage): PartIds {
  return { removed: span(part.removed), records: span(part.entities.map((record) => record[0])) };
}

/** Why part `earlier` cannot come before part `later` in one snapshot, or undefined when it can. */
function outOfOrder(earlier: PartIds, later: PartIds): string | undefined {
  if (earlier.removed && later.removed && earlier.removed[1] >= later.removed[0]) return 'removed ids do not ascend across parts';
  if (earlier.records && later.records && earlier.records[1] >= later.records[0]) return 'record ids do not ascend across parts';
  if (earlier.records && later.removed) return 'a removed id follows a record';
  return undefined;
}

/** Undefined when part `index` with `ids` fits the order of the parts in `parts` (by index); else why not. */
export function orderProblem(parts: readonly (PartIds | undefined)[], index: number, ids: PartIds): string | undefined {
  for (let i = 0; i < parts.length; i++) {
    const other = parts[i];
    if (other === undefined || i === index) continue;
    const problem = i < index ? outOfOrder(other, ids) : outOfOrder(ids, other);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

/**
 * The stretches of ids, as inclusive `[first, last]` ranges, that the parts missing from `parts`
 * (undefined entries) may carry. `canRemove` is false for a snapshot without a baseline, which
 * removes nothing.
 */
export function uncoveredIds(parts: readonly (PartIds | undefined)[], canRemove: boolean): [number, number][] {
  const out: [number, number][] = [];
  for (let j = 0; j < parts.length; j++) {
    if (parts[j] !== undefined) continue;
    let removes = canRemove;
    let records = true;
    let removedFrom = 0;
    let removedTo = MAX_ENTITY_ID;
    let recordsFrom = 0;
    let recordsTo = MAX_ENTITY_ID;
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      if (p === undefined) continue;
      if (i < j) {
        if (p.removed) removedFrom = Math.max(removedFrom, p.removed[1] + 1);
        if (p.records) {
          recordsFrom = Math.max(recordsFrom, p.records[1] + 1);
          removes = false; // every removal comes before this record
        }
      } else {
        if (p.records) recordsTo = Math.min(recordsTo, p.records[0] - 1);
        if (p.removed) {
          removedTo = Math.min(removedTo, p.removed[0] - 1);
          records = false; // every record comes after this removal
        }
      }
    }
    if (removes) out.push([removedFrom, removedTo]);
    if (records) out.push([recordsFrom, recordsTo]);
  }
  return out;
}
