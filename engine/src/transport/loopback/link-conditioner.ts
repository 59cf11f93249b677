/**
 * A simulated network path in one direction: what happens to each datagram between `send` and
 * arrival. It decides, from the seeded RNG, when (or whether, or how many times) a message arrives.
 *
 * Unreliable (`state`) messages can be lost, duplicated, delayed by jitter and held back past later
 * ones. Reliable (`control`) messages are never lost or duplicated: a "lost" one arrives a
 * retransmission later, and everything behind it waits (head-of-line blocking), as over SCTP.
 * A bandwidth cap serializes messages onto the link; unreliable ones are dropped when the queue is
 * full, reliable ones queue.
 */
import type { Rng } from '../../core/rng.js';
import { NetError } from '../../core/net-error.js';

/** A simulated link: latency, jitter, loss, duplication, reordering and a bandwidth cap. */
export interface LinkConditions {
  /** One-way base delay in ms. */
  readonly latencyMs: number;
  /** Each message gets an extra delay drawn uniformly from [0, jitterMs]. */
  readonly jitterMs: number;
  /** Probability in [0, 1] that a message (or, for reliable ones, an attempt) is lost. */
  readonly loss: number;
  /** Probability in [0, 1] that an unreliable message arrives twice. */
  readonly duplication: number;
  /** Probability in [0, 1] that an unreliable message is held back by `reorderDelayMs`. */
  readonly reorder: number;
  /** How long a reordered message is held back, in ms. */
  readonly reorderDelayMs: number;
  /** Link capacity in bytes per second; `Infinity` for none. */
  readonly bandwidthBytesPerSec: number;
  /** Bytes that may wait for the link before unreliable messages are dropped. */
  readonly queueLimitBytes: number;
}

/** A link with no latency, loss or limit: the default of a loopback link. */
export const PERFECT_LINK: LinkConditions = {
  latencyMs: 0,
  jitterMs: 0,
  loss: 0,
  duplication: 0,
  reorder: 0,
  reorderDelayMs: 50,
  bandwidthBytesPerSec: Infinity,
  queueLimitBytes: 64 * 1024,
};

/** Checks every field and fills the missing ones from the perfect link. */
export function linkConditions(partial: Partial<LinkConditions> = {}): LinkConditions {
  const c = { ...PERFECT_LINK, ...partial };
  const nonNegative = ['latencyMs', 'jitterMs', 'reorderDelayMs', 'queueLimitBytes'] as const;
  for (const key of nonNegative) {
    if (!(c[key] >= 0) || !Number.isFinite(c[key])) {
      throw new NetError('invalid_option', `link condition ${key} must be a finite number >= 0, got ${c[key]}`);
    }
  }
  for (const key of ['loss', 'duplication', 'reorder'] as const) {
    if (!(c[key] >= 0 && c[key] <= 1)) {
      throw new NetError('invalid_option', `link condition ${key} must be a probability in [0, 1], got ${c[key]}`);
    }
  }
  if (!(c.bandwidthBytesPerSec > 0)) {
    throw new NetError('invalid_option', `link condition bandwidthBytesPerSec must be > 0, got ${c.bandwidthBytesPerSec}`);
  }
  return c;
}

/** The most times a reliable message is "lost" before it gets through regardless. */
const MAX_RETRANSMITS = 10;

export class LinkConditioner {
  private conditions: LinkConditions;
  private linkFreeAt = 0;
  private lastReliableArrival = 0;

  constructor(
    private readonly rng: Rng,
    conditions: Partial<LinkConditions> = {},
  ) {
    this.conditions = linkConditions(conditions);
  }

  get current(): LinkConditions {
    return this.conditions;
  }

  /** Changes the conditions from now on; messages already in flight keep their fate. */
  update(partial: Partial<LinkConditions>): void {
    this.conditions = linkConditions({ ...this.conditions, ...partial });
  }

  /** Bytes waiting for the link at time `now`. */
  queuedBytes(now: number): number {
    const rate = this.conditions.bandwidthBytesPerSec;
    return rate === Infinity ? 0 : (Math.max(0, this.linkFreeAt - now) * rate) / 1000;
  }

  /** True when an unreliable message of `bytes` would not fit the queue at `now`. */
  queueFull(now: number, bytes: number): boolean {
    return this.queuedBytes(now) + bytes > this.conditions.queueLimitBytes;
  }

  /**
   * When a message of `bytes` sent at `now` arrives: an empty list when it is lost, two times when
   * it is duplicated. Check {@link queueFull} first for unreliable messages.
   */
  schedule(now: number, bytes: number, reliable: boolean): number[] {
    const c = this.conditions;
    const onWire = this.serialize(now, bytes);
    if (reliable) return [this.reliableArrival(onWire)];
    if (this.rng.chance(c.loss)) return [];
    const arrivals = [this.unreliableArrival(onWire)];
    if (this.rng.chance(c.duplication)) arrivals.push(this.unreliableArrival(onWire));
    return arrivals;
  }

  private serialize(now: number, bytes: number): number {
    const rate = this.conditions.bandwidthBytesPerSec;
    if (rate === Infinity) return now;
    this.linkFreeAt = Math.max(now, this.linkFreeAt) + (bytes / rate) * 1000;
    return this.linkFreeAt;
  }

  private unreliableArrival(onWire: number): number {
    const c = this.conditions;
    const held = this.rng.chance(c.reorder) ? c.reorderDelayMs : 0;
    return onWire + c.latencyMs + this.rng.next() * c.jitterMs + held;
  }

  private reliableArrival(onWire: number): number {
    const c = this.conditions;
    let at = onWire + c.latencyMs + this.rng.next() * c.jitterMs;
    const retransmitMs = 2 * c.latencyMs + 2 * c.jitterMs + 10;
    for (let attempt = 0; attempt < MAX_RETRANSMITS && this.rng.chance(c.loss); attempt++) at += retransmitMs;
    this.lastReliableArrival = Math.max(this.lastReliableArrival, at);
    return this.lastReliableArrival;
  }
}
