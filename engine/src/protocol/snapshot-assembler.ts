/**
 * The client side of split snapshots. Parts of one tick arrive in any order, some never. Each part
 * is applied on arrival to a working copy of the tick's baseline, and the assembler says, after
 * every part, what the client now knows of that tick: the working copy, and which ids it vouches
 * for (`covers`). It cannot vouch for the stretches of ids a missing part may carry
 * (`part-coverage.ts`), save those an arrived part carried (removed and record ids are disjoint),
 * nor for records that could not be applied. Every other id is exactly as the host has it at that
 * tick, present or gone, so interpolation can use it at once: a lost part costs only the entities
 * it may have carried.
 *
 * A tick is complete when every part has arrived and every record applied cleanly; only then does
 * the assembler return the whole snapshot, and only a complete snapshot may be acknowledged and
 * kept as a baseline: the host will delta against it, so it must match the host's bit for bit.
 *
 * A part is refused either as `late` (a duplicate, or a tick at or before the newest complete one,
 * or too old to keep: normal on an unreliable channel) or as bad (parts of one tick that disagree on
 * their count, their baseline, their predictor or the order of their ids; a baseline or predictor
 * the client never completed):
 * the caller counts the latter as a bad message.
 *
 * Memory is bounded: at most `maxPendingTicks` ticks are in progress (the oldest is abandoned for a
 * newer one), parts more than `maxTickAge` ticks behind the newest seen are refused, and a tick at
 * or before the newest completed one is stale: a newer full picture already exists.
 */
import { IdRanges } from './id-ranges.js';
import { NO_TICK } from './message-limits.js';
import type { SnapshotMessage } from './messages.js';
import { orderProblem, partIds, uncoveredIds, type PartIds } from './part-coverage.js';
import type { GameSchema } from './schema.js';
import { applyDeltaInto, predictedSnapshot } from './snapshot-delta.js';
import type { QuantizedEntity, QuantizedSnapshot } from './snapshot.js';

/** Bounds of a {@link SnapshotAssembler}. */
export interface SnapshotAssemblerOptions {
  /** Ticks assembled at once; a new tick abandons the oldest beyond this. Default 8. */
  readonly maxPendingTicks?: number;
  /** Parts of ticks this far behind the newest tick seen are refused. Default 64. */
  readonly maxTickAge?: number;
}

/** What one accepted part contributed, and what is known of its tick now. */
export interface AssembledPart {
  readonly tick: number;
  readonly lastInputTick: number;
  /** The entities this part carried, rebuilt in full against the baseline. */
  readonly entities: QuantizedSnapshot;
  /** Ids this part removed. */
  readonly removed: readonly number[];
  /** Records of this part that could not be applied (a delta for an entity the baseline lacks). */
  readonly dropped: number;
  /**
   * The tick as far as known: the baseline with every part so far applied. An id that `covers` is
   * as the host has it (absent: gone); any other may be stale or missing here. Read it now: later
   * parts of the tick change it.
   */
  readonly known: QuantizedSnapshot;
  /** True for an id that `known` has as the host has it at this tick; true for every id once the tick is complete. */
  readonly covers: (id: number) => boolean;
  /** The stretches of ids that missing parts may carry, and the ids of records that could not apply. */
  readonly unknown: IdRanges;
  /** The whole snapshot, when this part completed its tick cleanly: the one to keep and acknowledge. */
  readonly complete: QuantizedSnapshot | undefined;
}

/** A part the assembler did not apply: `late` ones are normal on an unreliable channel, the rest are bad. */
export interface RefusedPart {
  readonly ok: false;
  readonly late: boolean;
  readonly reason: string;
}

/** What {@link SnapshotAssembler.accept} says of a part. */
export type PartResult = { readonly ok: true; readonly value: AssembledPart } | RefusedPart;

interface PendingTick {
  readonly partCount: number;
  readonly baselineTick: number;
  readonly predictorTick: number;
  /** The ids at the ends of each arrived part's lists, by part index. */
  readonly parts: (PartIds | undefined)[];
  readonly working: Map<number, QuantizedEntity>;
  /** Ids of records that could not be applied: the working copy cannot vouch for them. */
  readonly droppedIds: [number, number][];
  /** Ids an arrived part applied or removed: known whatever the missing parts hold. */
  readonly carried: Set<number>;
  received: number;
}

const everything = (): boolean => true;
const late = (reason: string): RefusedPart => ({ ok: false, late: true, reason });
const bad = (reason: string): RefusedPart => ({ ok: false, late: false, reason });

/** Collects the parts of snapshots, tick by tick. */
export class SnapshotAssembler {
  private readonly pending = new Map<number, PendingTick>();
  private readonly maxPendingTicks: number;
  private readonly maxTickAge: number;
  private newestComplete = NO_TICK;
  private newestSeen = NO_TICK;

  constructor(
    private readonly schema: GameSchema,
    options: SnapshotAssemblerOptions = {},
  ) {
    this.maxPendingTicks = Math.max(1, options.maxPendingTicks ?? 8);
    this.maxTickAge = Math.max(0, options.maxTickAge ?? 64);
  }

  /**
   * Applies one validated part. `baseline` is the complete snapshot at `message.baselineTick`
   * (ignored for a full snapshot), `predictor` the one at `message.predictorTick` (ignored without
   * one). Refuses (for the caller to count) a late or duplicate part, one that contradicts the parts
   * of its tick already in, or a delta whose baseline or predictor the client does not have.
   */
  accept(message: SnapshotMessage, baseline: QuantizedSnapshot | undefined, predictor?: QuantizedSnapshot): PartResult {
    const { tick } = message;
    const predictorTick = message.predictorTick ?? NO_TICK;
    if (tick <= this.newestComplete) return late(`stale: tick ${tick} is not after completed tick ${this.newestComplete}`);
    if (tick + this.maxTickAge < this.newestSeen) return late(`stale: tick ${tick} is too far behind ${this.newestSeen}`);
    if (message.baselineTick !== NO_TICK && baseline === undefined) return bad(`missing_baseline: ${message.baselineTick}`);
    if (predictorTick !== NO_TICK && predictor === undefined) return bad(`missing_baseline: predictor ${predictorTick}`);
    const existing = this.pending.get(tick);
    if (existing && (existing.partCount !== message.partCount || existing.baselineTick !== message.baselineTick || existing.predictorTick !== predictorTick)) {
      return bad(`inconsistent: parts of tick ${tick} disagree on partCount, baselineTick or predictorTick`);
    }
    if (existing?.parts[message.part] !== undefined) return late(`duplicate: part ${message.part} of tick ${tick}`);
    const ids = partIds(message);
    const disorder = existing && orderProblem(existing.parts, message.part, ids);
    if (disorder) return bad(`inconsistent: part ${message.part} of tick ${tick}: ${disorder}`);
    const pending = existing ?? this.open(message, baseline, predictor);
    if (pending === undefined) return late(`stale: tick ${tick} is older than every tick in progress`);
    pending.parts[message.part] = ids;
    pending.received++;
    const entities = new Map<number, QuantizedEntity>();
    const dropped = applyDeltaInto(this.schema, pending.working, message.entities, message.removed, entities);
    if (dropped > 0) for (const [id] of message.entities) if (!entities.has(id)) pending.droppedIds.push([id, id]);
    for (const id of entities.keys()) pending.carried.add(id);
    for (const id of message.removed) pending.carried.add(id);
    const unknown = IdRanges.of([...uncoveredIds(pending.parts, pending.baselineTick !== NO_TICK), ...pending.droppedIds]);
    const { carried } = pending;
    const covers = unknown.empty ? everything : (id: number) => carried.has(id) || !unknown.has(id);
    const complete = pending.received === pending.partCount ? this.finish(tick, pending) : undefined;
    return {
      ok: true,
      value: { tick, lastInputTick: message.lastInputTick, entities, removed: message.removed, dropped, known: pending.working, covers, unknown, complete },
    };
  }

  /** Ticks with some but not all parts. */
  get pendingTicks(): number {
    return this.pending.size;
  }

  /** Forgets everything, e.g. after a reconnect. */
  reset(): void {
    this.pending.clear();
    this.newestComplete = NO_TICK;
    this.newestSeen = NO_TICK;
  }

  /** Starts a tick, abandoning the oldest in progress if needed; undefined when this tick is the oldest. */
  private open(message: SnapshotMessage, baseline: QuantizedSnapshot | undefined, predictor: QuantizedSnapshot | undefined): PendingTick | undefined {
    this.newestSeen = Math.max(this.newestSeen, message.tick);
    this.forgetOlderThan(this.newestSeen - this.maxTickAge);
    if (this.pending.size >= this.maxPendingTicks) {
      const oldest = Math.min(...this.pending.keys());
      if (oldest > message.tick) return undefined;
      this.pending.delete(oldest);
    }
    const predictorTick = message.predictorTick ?? NO_TICK;
    const prediction =
      predictorTick === NO_TICK || predictor === undefined ? undefined : { snapshot: predictor, ahead: message.tick - message.baselineTick, span: message.baselineTick - predictorTick };
    const pending: PendingTick = {
      partCount: message.partCount,
      baselineTick: message.baselineTick,
      predictorTick,
      parts: new Array<PartIds | undefined>(message.partCount).fill(undefined),
      working: predictedSnapshot(this.schema, message.baselineTick === NO_TICK ? undefined : baseline, prediction),
      droppedIds: [],
      carried: new Set(),
      received: 0,
    };
    this.pending.set(message.tick, pending);
    return pending;
  }

  private finish(tick: number, pending: PendingTick): QuantizedSnapshot | undefined {
    this.pending.delete(tick);
    // A tick with a dropped record differs from the host's: never offer it as a baseline.
    if (pending.droppedIds.length > 0) return undefined;
    this.newestComplete = tick;
    this.forgetOlderThan(tick + 1);
    return pending.working;
  }

  private forgetOlderThan(tick: number): void {
    for (const t of this.pending.keys()) if (t < tick) this.pending.delete(t);
  }
}
