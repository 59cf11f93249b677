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
