/**
 * The game's own messages from the host to its players. Unreliable and sequenced ones go straight
 * to the wire (skipped for a client whose `state` channel is backed up); a reliable one is first
 * recorded in each recipient seat's log, so it can be replayed if the connection fails before it
 * arrives, and away players get it on their return.
 */
import { writeMessage } from '../../protocol/encode-message.js';
import { assertSendable } from '../../transport/limits.js';
import type { PeerStats } from '../../transport/stats.js';
import type { GameMessageTypes } from '../game-messages.js';
import type { PlayerId } from '../simulation.js';
import { stateCongested, type BackpressureLimits } from './backpressure.js';
import { sendTo, type PeerSend } from './peer-send.js';
import type { Seat } from './seat.js';

/** The seats, as the outbox reaches them: who is connected, and the logs of those away. */
export interface OutboxSeats {
  playing(): readonly Seat[];
  recordForAway(bytes: Uint8Array, to?: PlayerId): void;
}

export interface OutboxContext {
  readonly send: PeerSend;
  readonly stats: (peerId: string) => PeerStats | undefined;
  readonly types: GameMessageTypes;
  readonly backpressure: BackpressureLimits;
  readonly seats: OutboxSeats;
}

export class Outbox {
  constructor(private readonly ctx: OutboxContext) {}

  /** Sends a game message to one player, or to every client when `to` is left out. */
  send(type: string, payload: unknown, to?: PlayerId): void {
    const { types } = this.ctx;
    const code = types.code(type);
    const channel = types.channel(type);
    const sequenced = types.mode(type) === 'sequenced';
    if (channel === 'control') {
      this.sendReliable(writeMessage({ kind: 'game', messageType: code, sequence: 0, payload }), to);
      return;
    }
    for (const seat of this.ctx.seats.playing()) {
      if (to !== undefined && seat.playerId !== to) continue;
      if (channel === 'state' && stateCongested(this.ctx.stats(seat.peerId), this.ctx.backpressure)) continue;
      const sequence = sequenced ? seat.outgoing.take(code) : 0;
      sendTo(this.ctx.send, seat.peerId, channel, { kind: 'game', messageType: code, sequence, payload });
    }
  }

  private sendReliable(bytes: Uint8Array, to?: PlayerId): void {
    assertSendable('control', bytes);
    for (const seat of this.ctx.seats.playing()) {
      if (to !== undefined && seat.playerId !== to) continue;
      seat.messages.sent.record(bytes);
      this.ctx.send(seat.peerId, 'control', bytes);
    }
    this.ctx.seats.recordForAway(bytes, to);
  }
}
