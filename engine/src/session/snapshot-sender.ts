/**
 * The host's snapshot stream. Every snapshot tick it keeps the quantized world in a history ring
 * and sends each client a delta against the newest snapshot that client has acknowledged (the ack
 * rides on its inputs). A client with no acknowledged snapshot, or one that fell out of the
 * history, gets a full snapshot. Deltas are split into parts that each fit one packet.
 */
import { TickRing } from '../core/ring-buffer.js';
import { MAX_MESSAGE_BYTES, type ChannelName } from '../transport/channels.js';
import { NO_TICK } from '../protocol/message-limits.js';
import { diffSnapshot } from '../protocol/snapshot-delta.js';
import { splitSnapshot } from '../protocol/snapshot-split.js';
import type { QuantizedSnapshot } from '../protocol/snapshot.js';

/** One client as the snapshot stream sees it. */
export interface SnapshotReceiver {
  /** The newest snapshot tick the client acknowledged, or `NO_TICK`. */
  readonly ackedTick: number;
  /** The newest input tick of this client the host has, or `NO_TICK`. */
  readonly lastInputTick: number;
}

export interface EncodedSnapshot {
  readonly parts: Uint8Array[];
  readonly bytes: number;
  readonly full: boolean;
}

export class SnapshotSender {
  private readonly history: TickRing<QuantizedSnapshot>;
  readonly channel: ChannelName;
  private readonly maxPartBytes: number;

  /** @param historyTicks how many ticks back a baseline may be */
  constructor(historyTicks: number, reliable: boolean) {
    this.history = new TickRing(historyTicks);
    this.channel = reliable ? 'control' : 'state';
    this.maxPartBytes = MAX_MESSAGE_BYTES[this.channel];
  }

  /** Remembers the snapshot of `tick` as a possible baseline. */
  record(tick: number, snapshot: QuantizedSnapshot): void {
    this.history.set(tick, snapshot);
  }

  /** The parts to send one client for `tick`. */
  encodeFor(tick: number, snapshot: QuantizedSnapshot, receiver: SnapshotReceiver): EncodedSnapshot {
    const baseline = receiver.ackedTick === NO_TICK ? undefined : this.history.get(receiver.ackedTick);
    const { records, removed } = diffSnapshot(snapshot, baseline);
    const header = {
      tick,
      baselineTick: baseline ? receiver.ackedTick : NO_TICK,
      lastInputTick: receiver.lastInputTick,
    };
    const parts = splitSnapshot(header, records, removed, this.maxPartBytes);
    let bytes = 0;
    for (const part of parts) bytes += part.byteLength;
    return { parts, bytes, full: baseline === undefined };
  }

  /** True when a client's acknowledged tick is one the host can still delta against. */
  hasBaseline(tick: number): boolean {
    return this.history.has(tick);
  }
}
