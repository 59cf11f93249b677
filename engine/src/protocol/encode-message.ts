/**
 * Typed messages to wire arrays. The sender is trusted to build messages within the limits of
 * `message-limits.ts`; the receiver checks everything again in `parseMessage`.
 *
 * Ticks that refer back to another tick (an input's acked snapshot; a snapshot's baseline and last
 * input, see `snapshot-wire.ts`) are sent as the distance back from the message's own tick, nil for
 * none: the distance fits one byte where a 32-bit tick takes five.
 */
import { encodeMessage } from './codec.js';
import { MessageKind } from './message-kinds.js';
import type { HelloMessage, InputMessage, Message } from './messages.js';
import { encodeSnapshot, snapshotToWire, tickAge } from './snapshot-wire.js';
import { voiceSignalToWire } from './parse-voice.js';

/** The msgpack array for `message`, before encoding. */
export function messageToWire(message: Message): unknown[] {
  switch (message.kind) {
    case 'hello':
      return helloToWire(message);
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
        m.playerName,
        m.hostPlayerId < 0 ? null : m.hostPlayerId,
        m.takeoverTick < 0 ? null : m.takeoverTick,
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
    case 'playerAway':
      return [MessageKind.playerAway, message.playerId, message.away];
    case 'heirs':
      return [MessageKind.heirs, message.playerIds];
    case 'checkpoint':
      return [MessageKind.checkpoint, message.tick, message.part, message.partCount, message.bytes];
    case 'ledger':
      return [MessageKind.ledger, message.tick, message.received];
    case 'voice':
      return [MessageKind.voice, message.peer, voiceSignalToWire(message.signal)];
  }
}

/**
 * Encodes `message` to bytes (see `encodeMessage` for the buffer it returns). A snapshot goes
 * through `encodeSnapshot`, the encoder the host's snapshot stream uses; the bytes are the same as
 * encoding its wire array.
 */
export function writeMessage(message: Message): Uint8Array {
  return message.kind === 'snapshot' ? encodeSnapshot(message) : encodeMessage(messageToWire(message));
}

function helloToWire(m: HelloMessage): unknown[] {
  const { hash, types, input, messages } = m.schema;
  return [MessageKind.hello, m.protocolVersion, m.playerName, m.resumeToken, m.resumeReceived, m.gameVersion, [hash, types, input, messages]];
}

function inputToWire(m: InputMessage): unknown[] {
  // Plain arrays: msgpackr would send an Int32Array as raw bytes, which is neither compact nor checkable.
  const inputs = m.inputs.map((q) => Array.from(q));
  return [MessageKind.input, m.firstTick, tickAge(m.firstTick, m.ackSnapshotTick), inputs, m.viewAges];
}
