/**
 * The host's snapshot stream. Every snapshot tick it keeps the quantized world in a history ring
 * and sends each client a delta against the newest snapshot that client has acknowledged (the ack
 * rides on its inputs). A client with no acknowledged snapshot, or one that fell out of the
 * history, gets a full snapshot. A delta's differences are predicted (`prediction.ts`) from the
 * snapshot the client acknowledged before that one, when the host still has it and it is at most a
 * second old (the client keeps two). Deltas are split into parts that each fit one packet. Clients
 * that acknowledged the same snapshots (most of them, at similar latency) share one diff and one
 * encoding of the parts' bodies per tick; each gets its own header in front.
 *
 * With interest management or a bandwidth budget (`interest/`), each client is sent a view of its
 * own instead: its stream keeps what it sent each tick and deltas against the view the client
 * acknowledged (predicted from the one before without a budget), so nothing is shared; the
 * encoding of parts is the same.
 */
import { TickRing } from '../../core/ring-buffer.js';
import { MAX_MESSAGE_BYTES, type ChannelName } from '../../transport/channels.js';
import { NO_TICK } from '../../protocol/message-limits.js';
import type { GameSchema } from '../../protocol/schema.js';
import { diffSnapshot, type SnapshotDelta } from '../../protocol/snapshot-delta.js';
import { MAX_PREDICTION_TICKS, type Prediction } from '../../protocol/prediction.js';
import { planSnapshotBodies, snapshotHeaderSize } from '../../protocol/snapshot-split.js';
import { encodeSnapshotPart, type SnapshotPartBody } from '../../protocol/snapshot-wire.js';
import type { QuantizedSnapshot } from '../../protocol/snapshot.js';
import type { EntityRecord, SnapshotHeader } from '../../protocol/messages.js';
import type { PlayerId } from '../simulation.js';
import { InterestStreams, type InterestSetup } from './interest/interest-streams.js';

/** One client as the snapshot stream sees it. */
export interface SnapshotReceiver {
  /** The player the client plays: whose interest decides its view. */
  readonly playerId: PlayerId;
  /** The newest snapshot tick the client acknowledged, or `NO_TICK`. */
  readonly ackedTick: number;
  /** The snapshot tick it acknowledged before `ackedTick`, or `NO_TICK`. */
  readonly priorAckedTick: number;
  /** The newest tick through which the host has every input of this client, or `NO_TICK`. */
  readonly lastInputTick: number;
}

export interface EncodedSnapshot {
  readonly parts: Uint8Array[];
  readonly bytes: number;
  readonly full: boolean;
}

/** What every client that acknowledged one baseline shares in one tick: the delta and its part bodies. */
interface SharedDelta {
  readonly delta: SnapshotDelta;
  /** Part bodies by the byte size of the header they were planned for. */
  readonly bodies: Map<number, SnapshotPartBody[]>;
}

export class SnapshotSender {
  private readonly history: TickRing<QuantizedSnapshot>;
  /** Deltas of `sharedOf` by baseline and predictor (`shareKey`): clients that acked the same snapshots share one. */
  private readonly shared = new Map<number, SharedDelta>();
  private sharedOf: QuantizedSnapshot | undefined;
  readonly channel: ChannelName;
  private readonly maxPartBytes: number;
  private readonly streams: InterestStreams | undefined;
  /** The oldest a predictor may be, in ticks before the snapshot: within what the client keeps. */
  private readonly maxPredictorAge: number;

  /**
   * @param historyTicks how many ticks back a baseline may be
   * @param interest interest management and budgets: each client gets a view of its own
   */
  constructor(
    private readonly schema: GameSchema,
    historyTicks: number,
    reliable: boolean,
    interest?: InterestSetup,
  ) {
    this.history = new TickRing(historyTicks);
    this.maxPredictorAge = Math.min(MAX_PREDICTION_TICKS, Math.floor(historyTicks / 2));
    this.channel = reliable ? 'control' : 'state';
    this.maxPartBytes = MAX_MESSAGE_BYTES[this.channel];
    this.streams = interest && new InterestStreams(schema, interest, historyTicks, this.maxPartBytes);
  }

  /** Remembers the snapshot of `tick` as a possible baseline. */
  record(tick: number, snapshot: QuantizedSnapshot): void {
    this.history.set(tick, snapshot);
  }

  /** The parts to send one client for `tick`. */
  encodeFor(tick: number, snapshot: QuantizedSnapshot, receiver: SnapshotReceiver): EncodedSnapshot {
    if (this.streams) {
      return this.streams.streamOf(receiver).send(
        tick,
        snapshot,
        receiver.ackedTick,
        (plan) => this.encodeParts({ tick, baselineTick: plan.baselineTick, lastInputTick: receiver.lastInputTick, ...(plan.predictorTick === undefined ? {} : { predictorTick: plan.predictorTick }) }, plan.records, plan.removed),
        receiver.priorAckedTick,
      );
    }
    const baseline = receiver.ackedTick === NO_TICK ? undefined : this.history.get(receiver.ackedTick);
    const baselineTick = baseline ? receiver.ackedTick : NO_TICK;
    const predictorTick = this.predictorTick(tick, baselineTick, receiver.priorAckedTick);
    const header = { tick, baselineTick, lastInputTick: receiver.lastInputTick, predictorTick };
    const prediction = predictorTick === NO_TICK ? undefined : { snapshot: this.history.get(predictorTick)!, ahead: tick - baselineTick, span: baselineTick - predictorTick };
    const shared = this.sharedDelta(snapshot, baselineTick, baseline, prediction);
    const headerBytes = snapshotHeaderSize(header);
    let bodies = shared.bodies.get(headerBytes);
    if (!bodies) {
      bodies = planSnapshotBodies(headerBytes, shared.delta.records, shared.delta.removed, this.maxPartBytes);
      shared.bodies.set(headerBytes, bodies);
    }
    const parts = bodies.map((body, part) => encodeSnapshotPart(header, part, bodies.length, body, this.maxPartBytes));
    let bytes = 0;
    for (const part of parts) bytes += part.byteLength;
    return { parts, bytes, full: baseline === undefined };
  }

  /** One client's own delta, planned and encoded for it alone. */
  private encodeParts(header: SnapshotHeader, records: readonly EntityRecord[], removed: readonly number[]): EncodedSnapshot {
    const bodies = planSnapshotBodies(snapshotHeaderSize(header), records, removed, this.maxPartBytes);
    const parts = bodies.map((body, part) => encodeSnapshotPart(header, part, bodies.length, body, this.maxPartBytes));
    let bytes = 0;
    for (const part of parts) bytes += part.byteLength;
    return { parts, bytes, full: header.baselineTick === NO_TICK };
  }

  /**
   * The predictor for a delta of `tick` against `baselineTick`: the client's acknowledgement before
   * it, when the host still has that snapshot and it is recent enough; else `NO_TICK`.
   */
  private predictorTick(tick: number, baselineTick: number, priorTick: number): number {
    if (baselineTick === NO_TICK || priorTick === NO_TICK || priorTick >= baselineTick) return NO_TICK;
    if (tick - priorTick > this.maxPredictorAge || !this.history.get(priorTick)) return NO_TICK;
    return priorTick;
  }

  /** The delta of `snapshot` against the baseline at `baselineTick`, with `prediction`: computed once per tick. */
  private sharedDelta(snapshot: QuantizedSnapshot, baselineTick: number, baseline: QuantizedSnapshot | undefined, prediction: Prediction | undefined): SharedDelta {
    if (this.sharedOf !== snapshot) {
      this.shared.clear();
      this.sharedOf = snapshot;
    }
    const key = baselineTick * (MAX_PREDICTION_TICKS + 1) + (prediction?.span ?? 0);
    let shared = this.shared.get(key);
    if (!shared) {
      shared = { delta: diffSnapshot(this.schema, snapshot, baseline, prediction), bodies: new Map() };
      this.shared.set(key, shared);
    }
    return shared;
  }
}
