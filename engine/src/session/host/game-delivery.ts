/**
 * A player's game message handed to the game (the host's `message` event), once it is shown to be
 * one the game declared and, when the declaration has a check, what it carries. A sequenced one
 * older than the newest of its type from that seat is dropped without a word: it is merely late.
 */
import type { Emitter } from '../../core/emitter.js';
import type { GameMessage } from '../../protocol/messages.js';
import type { GameMessageTypes } from '../game-messages.js';
import type { HostEvents } from '../session-events.js';
import type { Seat } from './seat.js';
import type { PlayerId } from '../simulation.js';

export interface GameDeliveryContext {
  readonly types: GameMessageTypes;
  readonly events: Emitter<HostEvents>;
}

export class GameDelivery {
  constructor(private readonly ctx: GameDeliveryContext) {}

  /** Delivers `message` from `seat`'s player; false when the game would not have it (a refused message). */
  deliver(seat: Seat, message: GameMessage): boolean {
    const { types } = this.ctx;
    const type = types.name(message.messageType);
    if (type === undefined || !types.accepts(type, message.payload)) return false;
    if (types.mode(type) === 'sequenced' && !seat.incoming.accept(message.messageType, message.sequence)) return true;
    this.ctx.events.emit('message', { type, payload: message.payload, from: seat.playerId });
    return true;
  }

  /**
   * Hands the game a reliable message of the host's own player, sent when it was still a client of
   * the host this one took over from; one the game would not have is dropped.
   */
  deliverOwn(playerId: PlayerId, message: GameMessage): void {
    const { types } = this.ctx;
    const type = types.name(message.messageType);
    if (type !== undefined && types.accepts(type, message.payload)) this.ctx.events.emit('message', { type, payload: message.payload, from: playerId });
  }
}
