import { NO_TICK } from '../protocol/message-limits.js';
import { InputBuffer } from '../netcode/input-buffer.js';
import { IncomingSequences, OutgoingSequences } from './game-messages.js';
import type { PlayerId } from './simulation.js';

/** What the host keeps about one connected peer. */
export class RemotePlayer<Input> {
  /** Set once the handshake let the peer in. */
  playerId: PlayerId | undefined;
  name = '';
  inputs: InputBuffer<Input>;
  /** Newest snapshot tick the peer acknowledged. */
  ackedTick = NO_TICK;
  readonly incoming = new IncomingSequences();
  readonly outgoing = new OutgoingSequences();
  /** Messages from this peer that failed validation. */
  invalidMessages = 0;
  /** When the host last heard from this peer (clock ms). */
  lastHeardAt: number;
  /** Why the host is disconnecting this peer, once it decided to (told to the other players). */
  dropReason: string | undefined;

  constructor(
    readonly peerId: string,
    private readonly neutralInput: Input,
    now: number,
  ) {
    this.inputs = new InputBuffer(neutralInput);
    this.lastHeardAt = now;
  }

  /** Lets the peer in as `playerId`; its inputs count from `startTick`. */
  admit(playerId: PlayerId, name: string, startTick: number): void {
    this.playerId = playerId;
    this.name = name;
    this.inputs = new InputBuffer(this.neutralInput, { startTick });
  }

  /** Newest input tick the host has from this peer: what it acknowledges, so resending can stop. */
  get lastInputTick(): number {
    const through = this.inputs.receivedThrough;
    return through < 0 ? NO_TICK : through;
  }
}
