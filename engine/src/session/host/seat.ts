/**
 * A player in the host's game, as one connection plays it: from the welcome until that connection
 * ends. A player who comes back on a new connection gets a new seat with the same id, name and
 * message logs, and fresh inputs and sequences, as a new link starts them afresh.
 */
import { InputBuffer } from '../../netcode/input-buffer.js';
import { NO_TICK } from '../../protocol/message-limits.js';
import type { InputMessage } from '../../protocol/messages.js';
import { dequantizeValues } from '../../protocol/quantize.js';
import type { EntitySchema, FieldValues } from '../../protocol/schema.js';
import { IncomingSequences, OutgoingSequences } from '../game-messages.js';
import type { SeatMessages } from '../reliable-log.js';
import type { PlayerId } from '../simulation.js';

/** One tick of a player's input on the host, with how far behind that tick the player's view was. */
export interface PlayerInput {
  readonly values: FieldValues;
  /** Ticks between the input's tick and the host tick the player drew the others at (see `InputMessage.viewAges`). */
  readonly viewAge: number;
}

/** What a seat starts with. */
export interface SeatInit {
  /** The transport's id for the connection that plays this seat. */
  readonly peerId: string;
  readonly playerId: PlayerId;
  readonly name: string;
  /** What proves the seat is this player's on a later connection. */
  readonly resumeToken: string;
  /** The seat's reliable game messages both ways (carried over when the player comes back). */
  readonly messages: SeatMessages;
  /** The input that stands in for one missing: the game's neutral input. */
  readonly neutralInput: FieldValues;
  /** The first tick whose input counts. */
  readonly startTick: number;
}

export class Seat {
  readonly peerId: string;
  readonly playerId: PlayerId;
  readonly name: string;
  readonly resumeToken: string;
  readonly messages: SeatMessages;
  readonly inputs: InputBuffer<PlayerInput>;
  /** Newest snapshot tick the player acknowledged. */
  ackedTick = NO_TICK;
  /** The snapshot tick it acknowledged before that one: a predictor for deltas (`prediction.ts`). */
  priorAckedTick = NO_TICK;
  readonly incoming = new IncomingSequences();
  readonly outgoing = new OutgoingSequences();

  constructor(init: SeatInit) {
    this.peerId = init.peerId;
    this.playerId = init.playerId;
    this.name = init.name;
    this.resumeToken = init.resumeToken;
    this.messages = init.messages;
    this.inputs = new InputBuffer<PlayerInput>({ values: init.neutralInput, viewAge: 0 }, { startTick: init.startTick });
  }

  /** Newest input tick the host has from this player: what it acknowledges, so resending can stop. */
  get lastInputTick(): number {
    const through = this.inputs.receivedThrough;
    return through < 0 ? NO_TICK : through;
  }

  /**
   * Files the inputs of an `input` message, read with the schema's input `fields`, and takes its
   * snapshot ack when it is newer than the last and not past `hostTick`.
   */
  file(message: InputMessage, fields: EntitySchema, hostTick: number): void {
    // Validation already held every quantized value to its field's range.
    message.inputs.forEach((q, i) => this.inputs.insert(message.firstTick + i, { values: dequantizeValues(fields, q), viewAge: message.viewAges[i]! }));
    if (message.ackSnapshotTick > this.ackedTick && message.ackSnapshotTick <= hostTick) {
      this.priorAckedTick = this.ackedTick;
      this.ackedTick = message.ackSnapshotTick;
    }
  }
}
