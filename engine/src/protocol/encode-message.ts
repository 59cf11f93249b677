/**
 * Typed messages to wire arrays. The sender is trusted to build messages within the limits of
 * `message-limits.ts`; the receiver checks everything again in `parseMessage`.
 *
 * Ticks that refer back to another tick (a snapshot's baseline and last applied input, an input's
 * acked snapshot) are sent as the distance back from the message's own tick, nil for none: the
 * distance fits one byte where a 32-bit tick takes five, which is what keeps an empty delta
 * snapshot at a dozen bytes for the whole life of a session. For the same reason a snapshot's
 * entity ids, ascending, are sent as the gaps between them, and its records as one flat array.
 */
import { NetError } from '../core/net-error.js';
import { encodeMessage } from './codec.js';
import { MessageKind } from './message-kinds.js';
import { NO_TICK } from './message-limits.js';
import type { EntityRecord, InputMessage, Message, SnapshotMessage } from './messages.js';

/** The msgpack array for `message`, before encoding. */
export function messageToWire(message: Message): unknown[] {
  switch (message.kind) {
    case 'hello':
      return [MessageKind.hello, message.protocolVersion, message.playerName, message.resumeToken, message.resumeReceived];
    case 'welcome': {
      const m = message;
      return [
        MessageKind.welcome,
        m.protocolVersion,
        m.playerId,
        m.tickRate,
        m.snapshotRate,
        m.hostTick,
        m.snapshotReliable,
        m.resumeToken,
        m.resumed,
        m.resumeWindowMs,
        m.resumeReceived,
      ];
    }
    case 'refuse':
      return [MessageKind.refuse, message.reason, message.message];
    case 'ping':
      return [MessageKind.ping, message.clientTimeMs];
    case 'pong':
      return [MessageKind.pong, message.clientTimeMs, message.hostTimeMs, message.hostTick];
    case 'input':
      return inputToWire(message);
    case 'snapshot':
      return snapshotToWire(message);
    case 'game':
      return [MessageKind.game, message.messageType, message.sequence, message.payload];
    case 'playerJoined':
      return [MessageKind.playerJoined, message.playerId, message.name];
    case 'playerLeft':
      return [MessageKind.playerLeft, message.playerId, message.reason];
  }
}

/** Encodes `message` to bytes (see `encodeMessage` for the buffer it returns). */
export function writeMessage(message: Message): Uint8Array {
  return encodeMessage(messageToWire(message));
}

/** The distance from `reference` back to `tick`, or nil when `tick` is `NO_TICK`. */
export function tickAge(reference: number, tick: number): number | null {
  return tick === NO_TICK ? null : reference - tick;
}

function inputToWire(m: InputMessage): unknown[] {
  // Plain arrays: msgpackr would send an Int32Array as raw bytes, which is neither compact nor checkable.
  const inputs = m.inputs.map((q) => Array.from(q));
  return [MessageKind.input, m.firstTick, tickAge(m.firstTick, m.ackSnapshotTick), inputs];
}

function snapshotToWire(m: SnapshotMessage): unknown[] {
  return [
    MessageKind.snapshot,
    m.tick,
    tickAge(m.tick, m.baselineTick),
    tickAge(m.tick, m.lastInputTick),
    m.part,
    m.partCount,
    idGaps(m.removed),
    recordsToWire(m.entities),
  ];
}

/**
 * Ascending ids as gaps: each id minus the one before minus 1 (the first from -1), so ids close
 * together take one byte each whatever their size. Throws for ids that do not ascend: a sender bug.
 */
export function idGaps(ids: readonly number[]): number[] {
  const gaps: number[] = [];
  let previous = -1;
  for (const id of ids) {
    gaps.push(idGap(previous, id));
    previous = id;
  }
  return gaps;
}

/**
 * Records as one flat array of integers, one record after another, each with its id replaced by
 * the gap from the record before. No array per record: the header says how many values follow.
 */
export function recordsToWire(records: readonly EntityRecord[]): number[] {
  const wire: number[] = [];
  let previous = -1;
  for (const record of records) {
    wire.push(idGap(previous, record[0]));
    for (let i = 1; i < record.length; i++) wire.push(record[i]!);
    previous = record[0];
  }
  return wire;
}

/** The gap sent for `id` after `previous`. */
export function idGap(previous: number, id: number): number {
  if (!(id > previous)) throw new NetError('invalid_option', `snapshot ids must ascend: ${id} after ${previous}`);
  return id - previous - 1;
}
