/**
 * The client's buffer of authoritative states for remote entities, for interpolation.
 *
 * Remote players are drawn in the past, at a render tick a little behind the newest snapshot, so
 * there is almost always a received state on each side of the render tick and motion between them
 * can be interpolated: smooth, and never showing a position the host did not produce. This buffer
 * keeps the received states sorted by host tick (snapshots may arrive out of order over the
 * unreliable channel), ignores a tick it already has and anything older than the window once full,
 * and answers "what is around render tick r?" with the two states and how far between them.
 *
 * When the buffer runs dry (the render tick passes the newest state: loss, a late packet), it
 * extrapolates from the last two states, but only for `maxExtrapolationMs` (default 100 ms): a
 * guess that runs on for long turns into players walking through walls. Past that the sample holds
 * at the extrapolation limit, so nothing jumps back, until a new state arrives. Before the oldest
 * state it holds the oldest. The sample is the same shape in every case, so drawing always blends
 * `from.state` towards `to.state` by `alpha` (field by field: `session/entity-fields.ts`).
 *
 * A client keeps one such buffer per remote entity (`EntityBuffers`, below), because a snapshot
 * split into parts may arrive with a part missing: the entities it speaks for move at that tick,
 * the others keep the history they have and interpolate across the gap.
 */
import { checkInteger, checkRange, isTick } from './check-option.js';

/** A state and the host tick it belongs to. */
export interface TickState<State> {
  readonly tick: number;
  readonly state: State;
}

/** How a {@link BufferSample} was made. */
export type SampleMode = 'interpolate' | 'extrapolate' | 'hold';

/** The states around a render tick, and where between them it lies. */
export interface BufferSample<State> {
  readonly mode: SampleMode;
  readonly from: TickState<State>;
  readonly to: TickState<State>;
  /** 0 at `from`, 1 at `to`; above 1 when extrapolating past `to`. */
  readonly alpha: number;
}

/** Tunables of {@link SnapshotBuffer}. */
export interface SnapshotBufferOptions {
  /** Ticks per second of the host. */
  readonly tickRate: number;
  /** States kept. Default 32. */
  readonly capacity?: number;
  /** How far past the newest state to extrapolate, in ms, before holding. Default 100. */
  readonly maxExtrapolationMs?: number;
}

/** Received authoritative states by host tick, sampled at a fractional render tick. */
export class SnapshotBuffer<State> {
  private readonly entries: TickState<State>[] = [];
  private readonly capacity: number;
  private readonly maxExtrapolationTicks: number;

  constructor(options: SnapshotBufferOptions) {
    const tickMs = 1000 / checkRange('tickRate', options.tickRate, Number.MIN_VALUE, 1000);
    this.capacity = checkInteger('capacity', options.capacity ?? 32, 2, 4096);
    this.maxExtrapolationTicks = checkRange('maxExtrapolationMs', options.maxExtrapolationMs ?? 100, 0) / tickMs;
  }

  /** States held. */
  get size(): number {
    return this.entries.length;
  }

  /** The newest tick held; -1 when empty. */
  get newestTick(): number {
    return this.entries.at(-1)?.tick ?? -1;
  }

  /** The oldest tick held; -1 when empty. */
  get oldestTick(): number {
    return this.entries[0]?.tick ?? -1;
  }

  /** The newest state held, with its tick. */
  get newest(): TickState<State> | undefined {
    return this.entries.at(-1);
  }

  /** True when a state for `tick` is held. */
  has(tick: number): boolean {
    return this.entries[this.indexAfter(tick) - 1]?.tick === tick;
  }

  /** The state held for `tick`, if any. */
  get(tick: number): State | undefined {
    const entry = this.entries[this.indexAfter(tick) - 1];
    return entry?.tick === tick ? entry.state : undefined;
  }

  /** The newest entry before `tick` whose state `accept` accepts. */
  findBefore(tick: number, accept: (state: State) => boolean): TickState<State> | undefined {
    for (let i = this.indexAfter(tick - 1) - 1; i >= 0; i--) if (accept(this.entries[i]!.state)) return this.entries[i];
    return undefined;
  }

  /** Stores `state` for host `tick`. Returns false for a duplicate, an invalid tick, or one too old to keep. */
  insert(tick: number, state: State): boolean {
    if (!isTick(tick)) return false;
    const at = this.indexAfter(tick);
    if (this.entries[at - 1]?.tick === tick) return false;
    if (at === 0 && this.entries.length >= this.capacity) return false;
    this.entries.splice(at, 0, { tick, state });
    if (this.entries.length > this.capacity) this.entries.shift();
    return true;
  }

  /** The states around the fractional `renderTick`; undefined when the buffer is empty. */
  sample(renderTick: number): BufferSample<State> | undefined {
    const first = this.entries[0];
    const last = this.entries.at(-1);
    if (!first || !last) return undefined;
    if (!(renderTick >= first.tick)) return { mode: 'hold', from: first, to: first, alpha: 0 };
    if (renderTick >= last.tick) return this.beyond(renderTick, last);
    const i = this.indexAfter(renderTick);
    const from = this.entries[i - 1]!;
    const to = this.entries[i]!;
    return { mode: 'interpolate', from, to, alpha: (renderTick - from.tick) / (to.tick - from.tick) };
  }

  /** Drops every state. */
  clear(): void {
    this.entries.length = 0;
  }

  /** Past the newest state: extrapolate from the last two for a while, then hold. */
  private beyond(renderTick: number, last: TickState<State>): BufferSample<State> {
    const prev = this.entries.at(-2);
    if (!prev) return { mode: renderTick === last.tick ? 'interpolate' : 'hold', from: last, to: last, alpha: 0 };
    const span = last.tick - prev.tick;
    const over = renderTick - last.tick;
    if (over === 0) return { mode: 'interpolate', from: prev, to: last, alpha: 1 };
    const held = over > this.maxExtrapolationTicks;
    const alpha = 1 + Math.min(over, this.maxExtrapolationTicks) / span;
    return { mode: held ? 'hold' : 'extrapolate', from: prev, to: last, alpha };
  }

  /** The index of the first entry whose tick is greater than `tick` (binary search). */
  private indexAfter(tick: number): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.entries[mid]!.tick <= tick) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** What {@link EntityBuffers} keeps of one tick: which entities it speaks for (replaced as more of it arrives). */
interface TickWord {
  covers: (id: number) => boolean;
}

/**
 * One {@link SnapshotBuffer} per remote entity, for snapshots that may speak for only some of them
 * (a split snapshot with a part lost). Each update of a tick says which ids it covers; a covered
 * entity gets its state at that tick, or a mark that it is gone; an uncovered one gets nothing, so
 * it keeps its history and is interpolated between the ticks that did cover it, as if that tick's
 * snapshot never came: not moved back, not frozen, not removed.
 *
 * An entity is drawn at render tick `r` when the first entry after `r` in its own buffer (the
 * newest, past the end) is a state, blended from the entry before when that is a state too:
 * with every tick covered this is exactly sampling whole snapshots. An entity seen for the first
 * time (or again, after it was gone) is marked gone at the newest earlier tick that covered it, so
 * it appears when the render tick reaches the snapshot before, as it would. An entity that no tick in the window (`capacity` ticks) covered,
 * or whose gone mark has left the window, is forgotten, so memory is bounded by what the window's
 * snapshots hold.
 */
export class EntityBuffers<State extends object> {
  private readonly ticks: SnapshotBuffer<TickWord>;
  private readonly entities = new Map<number, SnapshotBuffer<State | null>>();

  constructor(private readonly options: SnapshotBufferOptions) {
    this.ticks = new SnapshotBuffer(options);
  }

  /** The newest tick any update spoke of; -1 before the first. */
  get newestTick(): number {
    return this.ticks.newestTick;
  }

  /** Entities with a buffer (present, unknown for a while, or gone within the window). */
  get tracked(): number {
    return this.entities.size;
  }

  /** How the ticks received so far sample at `renderTick` (`interpolate` unless past the newest or before the oldest). */
  mode(renderTick: number): SampleMode | undefined {
    return this.ticks.sample(renderTick)?.mode;
  }

  /**
   * Takes what is now known of host `tick`: `present` holds the entities there as far as known,
   * and `covers(id)` is true for each id the tick is known for. A covered id in `present` gets
   * `toState(id, value)` at `tick`; a covered id absent from `present` is gone at `tick`. Called
   * again for the same tick as more of it arrives; a state once given for a tick stays. Returns
   * false for a tick too old to keep.
   */
  update<Value>(tick: number, present: ReadonlyMap<number, Value>, covers: (id: number) => boolean, toState: (id: number, value: Value) => State): boolean {
    const word = this.ticks.get(tick);
    if (word) word.covers = covers;
    else if (!this.ticks.insert(tick, { covers })) return false;
    for (const [id, value] of present) {
      if (!covers(id)) continue;
      let buffer = this.entities.get(id);
      if (buffer === undefined) {
        buffer = new SnapshotBuffer<State | null>(this.options);
        this.entities.set(id, buffer);
      }
      if (buffer.has(tick)) continue;
      this.markAbsentBefore(id, buffer, tick);
      buffer.insert(tick, toState(id, value));
    }
    for (const [id, buffer] of this.entities) {
      if (present.has(id) || !covers(id) || buffer.has(tick)) continue;
      const newest = buffer.newest;
      // Gone and still gone says nothing new; a mark before the newest word is history and counts.
      if (newest && newest.tick < tick && newest.state === null) continue;
      buffer.insert(tick, null);
    }
    if (!word) this.forgetOutsideWindow();
    return true;
  }

  /** Calls `visit` for every entity drawn at `renderTick`: its state after, the one before (if it was there) and how far between. */
  forEachAt(renderTick: number, visit: (id: number, to: State, from: State | undefined, alpha: number) => void): void {
    for (const [id, buffer] of this.entities) {
      const sample = buffer.sample(renderTick);
      const to = sample?.to.state;
      if (!sample || !to) continue;
      const from = sample.from === sample.to ? undefined : sample.from.state;
      visit(id, to, from ?? undefined, sample.alpha);
    }
  }

  /** Forgets everything. */
  clear(): void {
    this.ticks.clear();
    this.entities.clear();
  }

  /**
   * For an entity seen at `tick` for the first time, or again after it was gone: marks it gone at
   * the newest earlier tick that covered it, so it is not drawn before it would have been.
   */
  private markAbsentBefore(id: number, buffer: SnapshotBuffer<State | null>, tick: number): void {
    const newest = buffer.newest;
    if (newest && (newest.tick > tick || newest.state !== null)) return;
    const before = this.ticks.findBefore(tick, (word) => word.covers(id));
    if (before && (!newest || before.tick > newest.tick)) buffer.insert(before.tick, null);
  }

  private forgetOutsideWindow(): void {
    const oldest = this.ticks.oldestTick;
    for (const [id, buffer] of this.entities) if (buffer.newestTick < oldest) this.entities.delete(id);
  }
}
