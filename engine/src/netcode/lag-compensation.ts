/**
 * Lag compensation on the host: rewinding the world to what a client saw.
 *
 * A client draws remote entities an interpolation delay in the past. When it fires at a target it
 * sees, the host receives the shot later still, and by then the target has moved on: the host
 * would report a miss for a hit that looked perfect. So the client says which render tick it saw
 * (fractional), and the host checks the shot against the world as it was then (Valve's "lag
 * compensation"). This file keeps the authoritative states of the rewind window in a ring, and
 * answers `at(tick)` and `atTime(renderTick)`, the latter as two states and a blend factor like the
 * client's interpolation.
 *
 * A rewind reaches back at most `maxRewindMs` (default 300 ms) from the newest recorded tick; a
 * request further back is clamped, and says so. Without a bound a client with a huge lag (or
 * lying about its render tick) could hit players who have long since reached cover.
 */
import { TickRing } from '../core/ring-buffer.js';
import { checkRange, isTick } from './check-option.js';
import type { TickState } from './snapshot-buffer.js';

/** Tunables of {@link StateHistory}. */
export interface StateHistoryOptions {
  /** Ticks per second of the host. */
  readonly tickRate: number;
  /** The longest `maxRewindMs` may be, in ms. Default 1000. */
  readonly historyMs?: number;
  /** Furthest back a rewind reaches from the newest tick, in ms; at most `historyMs`. Default 300. */
  readonly maxRewindMs?: number;
}

/** The world at a fractional tick: blend `from` and `to` by `alpha`. */
export interface RewindSample<T> {
  readonly from: TickState<T>;
  readonly to: TickState<T>;
  /** 0 at `from`, 1 at `to`. */
  readonly alpha: number;
  /** The fractional tick actually used, after clamping. */
  readonly tick: number;
  /** True when the requested tick was outside the rewind window and was clamped. */
  readonly clamped: boolean;
}

/** The host's recent authoritative states, for rewinding within a bounded window. */
export class StateHistory<T> {
  private readonly ring: TickRing<T>;
  private readonly maxRewindTicks: number;
  private newest = -1;

  constructor(options: StateHistoryOptions) {
    const tickRate = checkRange('tickRate', options.tickRate, Number.MIN_VALUE, 1000);
    const historyMs = checkRange('historyMs', options.historyMs ?? 1000, 0);
    // Multiplied rather than divided by a rounded tick length: 300 ms at 60 Hz is 18 ticks, where
    // 300 / (1000 / 60) comes out a hair under 18 and would floor to 17.
    this.maxRewindTicks = Math.floor((checkRange('maxRewindMs', options.maxRewindMs ?? 300, 0, historyMs) * tickRate) / 1000);
    // Nothing older than the window is ever read, so nothing older is kept: every state held stays
    // alive until its slot comes round again, and the fewer there are, the less each collection copies.
    this.ring = new TickRing(this.maxRewindTicks + 1);
  }

  /** The newest recorded tick; -1 before the first. */
  get newestTick(): number {
    return this.newest;
  }

  /** The oldest tick a rewind may reach now; -1 before the first record. */
  get oldestRewindTick(): number {
    return this.newest < 0 ? -1 : Math.max(0, this.newest - this.maxRewindTicks);
  }

  /** Records the authoritative state of `tick`; ticks must increase. */
  record(tick: number, state: T): void {
    if (!isTick(tick) || tick <= this.newest) {
      throw new RangeError(`record(${tick}): ticks must be integers that only increase (newest is ${this.newest})`);
    }
    this.ring.set(tick, state);
    this.newest = tick;
  }

  /** The state of `tick`, clamped to the rewind window (the nearest older held tick if it has a gap). */
  at(tick: number): TickState<T> | undefined {
    if (this.newest < 0 || Number.isNaN(tick)) return undefined;
    return this.find(Math.floor(tick), -1) ?? this.find(Math.floor(tick), 1);
  }

  /** The world at fractional `renderTick`, clamped to the rewind window. */
  atTime(renderTick: number): RewindSample<T> | undefined {
    if (this.newest < 0 || Number.isNaN(renderTick)) return undefined;
    const tick = Math.min(Math.max(renderTick, this.oldestRewindTick), this.newest);
    const from = this.find(Math.floor(tick), -1) ?? this.find(Math.floor(tick), 1);
    const to = this.find(Math.ceil(tick), 1) ?? from;
    if (!from || !to) return undefined;
    const span = to.tick - from.tick;
    const alpha = span > 0 ? Math.min(Math.max((tick - from.tick) / span, 0), 1) : 0;
    return { from, to, alpha, tick, clamped: tick !== renderTick };
  }

  /** The held tick nearest `tick` in the window, searching towards older (-1) or newer (+1) ticks. */
  private find(tick: number, direction: -1 | 1): TickState<T> | undefined {
    const oldest = this.oldestRewindTick;
    for (let t = Math.min(Math.max(tick, oldest), this.newest); t >= oldest && t <= this.newest; t += direction) {
      if (this.ring.has(t)) return { tick: t, state: this.ring.get(t) as T };
    }
    return undefined;
  }
}
