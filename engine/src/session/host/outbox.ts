/**
 * The game's own messages from the host to its players. Unreliable and sequenced ones go straight
 * to the wire (skipped for a client whose `state` channel is backed up); a reliable one is first
 * recorded in each recipient seat's log, so it can be replayed if the connection fails before it
 * arrives, and away players get it on their return.
 */
import { writeMessage } from '../../protocol/encode-message.js';
import { assertSendable } from '../../transport/limits.js';
import type { HostTransport } from '../../transport/transport.js';
import { stateCongested, type BackpressureLimits } from './backpressure.js';
import type { GameMessageTypes } from '../game-messages.js';
import type { HostSeats } from './seats.js';
import { sendMessage } from '../send-message.js';
import type { PlayerId } from '../simulation.js';

export interface HostOutboxContext {
  readonly transport: HostTransport;
  readonly types: GameMessageTypes;
  readonly backpressure: BackpressureLimits;
}

export class HostOutbox<State> {
  constructor(
    private readonly ctx: HostOutboxContext,
    private readonly seats: HostSeats<State>,
  ) {}

  /** Sends a game message to one player, or to every client when `to` is left out. */
  send(type: string, payload: unknown, to?: PlayerId): void {
    const { types, transport } = this.ctx;
    const code = types.code(type);
    const channel = types.channel(type);
    const sequenced = types.mode(type) === 'sequenced';
    if (channel === 'control') {
      this.sendReliable(writeMessage({ kind: 'game', messageType: code, sequence: 0, payload }), to);
      return;
    }
    for (const peer of this.seats.playing()) {
      if (to !== undefined && peer.playerId !== to) continue;
      if (channel === 'state' && stateCongested(transport.stats(peer.peerId), this.ctx.backpressure)) continue;
      const sequence = sequenced ? peer.outgoing.take(code) : 0;
      sendMessage((c, data) => transport.send(peer.peerId, c, data), channel, { kind: 'game', messageType: code, sequence, payload });
    }
  }

  private sendReliable(bytes: Uint8Array, to?: PlayerId): void {
    assertSendable('control', bytes);
    for (const peer of this.seats.playing()) {
      if (to !== undefined && peer.playerId !== to) continue;
      peer.messages.sent.record(bytes);
      this.ctx.transport.send(peer.peerId, 'control', bytes);
    }
    this.seats.recordForAway(bytes, to);
  }
}
