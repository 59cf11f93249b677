/**
 * The client side of split snapshots. Parts of one tick arrive in any order, some never. Each part
 * is applied on arrival to a working copy of the tick's baseline, and its entities are handed back
 * at once, so a lost part costs only the entities it carried (interpolation can use the rest).
 *
 * A tick is complete when every part has arrived and every record applied cleanly; only then does
 * the assembler return the whole snapshot, and only a complete snapshot may be acknowledged: the
 * host will delta against it, so it must match the host's bit for bit.
 *
 * Memory is bounded: at most `maxPendingTicks` ticks are in progress (the oldest is abandoned for a
 * newer one), parts more than `maxTickAge` ticks behind the newest seen are refused, and a tick at
 * or before the newest completed one is stale: a newer full picture already exists.
 */
import { NO_TICK } from './message-limits.js';
import type { SnapshotMessage } from './messages.js';
import { accept, refuse, type ParseResult } from './result.js';
import type { GameSchema } from './schema.js';
import { applyDeltaInto } from './snapshot-delta.js';
import type { QuantizedEntity, QuantizedSnapshot } from './snapshot.js';

/** Bounds of a {@link SnapshotAssembler}. */
export interface SnapshotAssemblerOptions {
  /** Ticks assembled at once; a new tick abandons the oldest beyond this. Default 8. */
  readonly maxPendingTicks?: number;
  /** Parts of ticks this far behind the newest tick seen are refused. Default 64. */
  readonly maxTickAge?: number;
}

/** What one accepted part contributed. */
export interface AssembledPart {
  readonly tick: number;
  readonly lastInputTick: number;
  /** The entities this part carried, rebuilt in full against the baseline. */
  readonly entities: QuantizedSnapshot;
  /** Ids this part removed. */
  readonly removed: readonly number[];
  /** Records of this part that could not be applied (a delta for an entity the baseline lacks). */
  readonly dropped: number;
  /** The whole snapshot, when this part completed its tick cleanly: the one to keep and acknowledge. */
  readonly complete: QuantizedSnapshot | undefined;
}

interface PendingTick {
  readonly partCount: number;
  readonly baselineTick: number;
  readonly seen: Uint8Array;
  readonly working: Map<number, QuantizedEntity>;
  received: number;
  dropped: number;
}

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
   * (ignored for a full snapshot). Refuses (for the caller to count) a stale, duplicate or
   * inconsistent part, or a delta whose baseline the client does not have.
   */
  accept(message: SnapshotMessage, baseline: QuantizedSnapshot | undefined): ParseResult<AssembledPart> {
    const { tick } = message;
    if (tick <= this.newestComplete) return refuse(`stale: tick ${tick} is not after completed tick ${this.newestComplete}`);
    if (tick + this.maxTickAge < this.newestSeen) return refuse(`stale: tick ${tick} is too far behind ${this.newestSeen}`);
    if (message.baselineTick !== NO_TICK && baseline === undefined) return refuse(`missing_baseline: ${message.baselineTick}`);
    const pending = this.pending.get(tick) ?? this.open(message, baseline);
    if (pending === undefined) return refuse(`stale: tick ${tick} is older than every tick in progress`);
    if (pending.partCount !== message.partCount || pending.baselineTick !== message.baselineTick) {
      return refuse(`inconsistent: parts of tick ${tick} disagree on partCount or baselineTick`);
    }
    if (pending.seen[message.part] !== 0) return refuse(`duplicate: part ${message.part} of tick ${tick}`);
    pending.seen[message.part] = 1;
    pending.received++;
    const entities = new Map<number, QuantizedEntity>();
    const dropped = applyDeltaInto(this.schema, pending.working, message.entities, message.removed, entities);
    pending.dropped += dropped;
    const complete = pending.received === pending.partCount ? this.finish(tick, pending) : undefined;
    return accept({ tick, lastInputTick: message.lastInputTick, entities, removed: message.removed, dropped, complete });
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
  private open(message: SnapshotMessage, baseline: QuantizedSnapshot | undefined): PendingTick | undefined {
    this.newestSeen = Math.max(this.newestSeen, message.tick);
    this.forgetOlderThan(this.newestSeen - this.maxTickAge);
    if (this.pending.size >= this.maxPendingTicks) {
      const oldest = Math.min(...this.pending.keys());
      if (oldest > message.tick) return undefined;
      this.pending.delete(oldest);
    }
    const pending: PendingTick = {
      partCount: message.partCount,
      baselineTick: message.baselineTick,
      seen: new Uint8Array(message.partCount),
      working: new Map(message.baselineTick === NO_TICK ? undefined : baseline),
      received: 0,
      dropped: 0,
    };
    this.pending.set(message.tick, pending);
    return pending;
  }

  private finish(tick: number, pending: PendingTick): QuantizedSnapshot | undefined {
    this.pending.delete(tick);
    // A tick with a dropped record differs from the host's: never offer it as a baseline.
    if (pending.dropped > 0) return undefined;
    this.newestComplete = tick;
    this.forgetOlderThan(tick + 1);
    return pending.working;
  }

  private forgetOlderThan(tick: number): void {
    for (const t of this.pending.keys()) if (t < tick) this.pending.delete(t);
  }
}
