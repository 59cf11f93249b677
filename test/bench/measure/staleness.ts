/**
 * How stale a client's copy of each entity is, measured from the packets the client receives: the
 * figure a bandwidth budget trades for bytes.
 *
 * Every snapshot part a client receives is decoded and assembled as the client does it (the same
 * `SnapshotAssembler`); an entity is **fresh** at tick `u` when the client's copy of it at `u` (as
 * far as the parts of `u` that arrived settle it) equals the host's own snapshot of `u`. Its **age**
 * at a snapshot tick `t` is `t - u` for the newest fresh `u <= t`, counted from when it came into
 * view when the client has had no fresh copy since. Transit time is not counted: only what the
 * budget (and loss) leave out. Ages are sampled at every snapshot tick of a window for the entities
 * `watched` names for that client at that tick (those within its player's interest radius).
 */
import { NO_TICK } from '../../../engine/src/protocol/message-limits.js';
import { readMessage } from '../../../engine/src/protocol/parse-message.js';
import type { GameSchema } from '../../../engine/src/protocol/schema.js';
import { SnapshotAssembler } from '../../../engine/src/protocol/snapshot-assembler.js';
import type { QuantizedEntity, QuantizedSnapshot } from '../../../engine/src/protocol/snapshot.js';

/** How long the host's snapshots are kept to compare parts against, in ticks (the assembler's own window). */
const TRUTH_TICKS = 128;

function sameEntity(a: QuantizedEntity | undefined, b: QuantizedEntity | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.type !== b.type || a.values.length !== b.values.length) return false;
  for (let i = 0; i < a.values.length; i++) if (a.values[i] !== b.values[i]) return false;
  return true;
}

/** The host's snapshots by tick, shared by every client's meter. */
export class HostTruth {
  private readonly ticks = new Map<number, QuantizedSnapshot>();

  record(tick: number, snapshot: QuantizedSnapshot): void {
    this.ticks.set(tick, snapshot);
    this.ticks.delete(tick - TRUTH_TICKS);
  }

  at(tick: number): QuantizedSnapshot | undefined {
    return this.ticks.get(tick);
  }
}

/** One client's received snapshots, and the ages of its copies. */
export class StalenessMeter {
  private readonly assembler: SnapshotAssembler;
  private readonly completes = new Map<number, QuantizedSnapshot>();
  /** Ticks at which each entity was fresh on the client. */
  private readonly fresh = new Map<number, number[]>();
  /** Per sampled tick, the ids watched then. */
  private readonly watched: [number, readonly number[]][] = [];
  /** Snapshot parts that did not decode or assemble (a bug if ever above 0). */
  refused = 0;

  constructor(
    private readonly schema: GameSchema,
    private readonly truth: HostTruth,
  ) {
    this.assembler = new SnapshotAssembler(schema);
  }

  /** A message the client received. */
  received(data: Uint8Array): void {
    const read = readMessage(data, 64 * 1024, { schema: this.schema });
    if (!read.ok || read.value.kind !== 'snapshot') return;
    const message = read.value;
    const baseline = message.baselineTick === NO_TICK ? undefined : this.completes.get(message.baselineTick);
    const result = this.assembler.accept(message, baseline);
    if (!result.ok) {
      if (!result.late) this.refused++;
      return;
    }
    const { tick, known, covers, complete } = result.value;
    const host = this.truth.at(tick);
    if (host) {
      for (const [id, entity] of known) if (covers(id) && sameEntity(entity, host.get(id))) this.markFresh(id, tick);
    }
    if (complete) {
      this.completes.set(tick, complete);
      for (const t of this.completes.keys()) if (t < tick - TRUTH_TICKS) this.completes.delete(t);
    }
  }

  /** The entities whose ages count at snapshot tick `tick`. */
  watch(tick: number, ids: readonly number[]): void {
    this.watched.push([tick, ids]);
  }

  /** Every age sampled, in ticks: for each watched tick and entity, since its newest fresh copy or since it came into view. */
  ages(): number[] {
    const out: number[] = [];
    for (const list of this.fresh.values()) list.sort((a, b) => a - b);
    const inView = new Map<number, number>();
    let previous: ReadonlySet<number> = new Set();
    for (const [tick, ids] of this.watched) {
      for (const id of ids) if (!previous.has(id)) inView.set(id, tick);
      for (const id of ids) {
        const since = Math.max(inView.get(id)!, this.freshAtOrBefore(id, tick));
        out.push(tick - since);
      }
      previous = new Set(ids);
    }
    return out;
  }

  private markFresh(id: number, tick: number): void {
    let list = this.fresh.get(id);
    if (!list) {
      list = [];
      this.fresh.set(id, list);
    }
    list.push(tick);
  }

  /** The newest tick at or before `tick` at which `id` was fresh, or -Infinity. */
  private freshAtOrBefore(id: number, tick: number): number {
    const list = this.fresh.get(id);
    if (!list) return -Infinity;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]! <= tick) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? -Infinity : list[lo - 1]!;
  }
}
