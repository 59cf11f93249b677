/**
 * The client's side of the connection to the host: it sends the client's messages, validates what
 * the host sends, feeds pongs to the clock sync at once (their timing is the point), and queues the
 * rest for the next frame.
 */
import type { Emitter } from '../core/emitter.js';
import { PROTOCOL_VERSION } from '../protocol/message-kinds.js';
import type { InputMessage, Message, SnapshotMessage, WelcomeMessage } from '../protocol/messages.js';
import { MAX_PLAYER_NAME_LENGTH } from '../protocol/message-limits.js';
import { readMessage } from '../protocol/parse-message.js';
import type { GameSchema } from '../protocol/schema.js';
import { MAX_MESSAGE_BYTES, type ChannelName } from '../transport/channels.js';
import type { ClientTransport } from '../transport/transport.js';
import { EventQueue } from './event-queue.js';
import { IncomingSequences, OutgoingSequences, type GameMessageTypes } from './game-messages.js';
import { sendMessage } from './send-message.js';
import type { ClientEvents } from './session-events.js';

export interface ClientInboxContext {
  readonly transport: ClientTransport;
  readonly schema: GameSchema;
  readonly types: GameMessageTypes;
  readonly events: Emitter<ClientEvents>;
  readonly now: () => number;
  /** A pong arrived: the ping's send time and the host's clock. */
  readonly onPong: (clientSendMs: number, hostTimeMs: number) => void;
}

interface Queued {
  readonly message: Message;
  readonly receivedAt: number;
  readonly bytes: number;
}

/** A snapshot part as it arrived. */
export interface ArrivedSnapshot {
  readonly message: SnapshotMessage;
  readonly receivedAt: number;
  readonly bytes: number;
}

export class ClientInbox {
  private readonly queue = new EventQueue<Queued>();
  private readonly incoming = new IncomingSequences();
  private readonly outgoing = new OutgoingSequences();
  private welcomed = false;
  private invalid = 0;
  /** When the client last heard from the host (clock ms). */
  lastHeardAt: number;

  constructor(private readonly ctx: ClientInboxContext) {
    this.lastHeardAt = ctx.now();
    ctx.transport.on('message', ({ channel, data }) => this.receive(channel, data));
  }

  get invalidMessages(): number {
    return this.invalid;
  }

  hello(name: string): void {
    this.send('control', { kind: 'hello', protocolVersion: PROTOCOL_VERSION, playerName: name.slice(0, MAX_PLAYER_NAME_LENGTH) });
  }

  ping(nowMs: number): void {
    this.send('control', { kind: 'ping', clientTimeMs: nowMs });
  }

  sendInput(message: InputMessage): void {
    this.send('state', message);
  }

  sendGame(type: string, payload: unknown): void {
    const code = this.ctx.types.code(type);
    const sequence = this.ctx.types.mode(type) === 'sequenced' ? this.outgoing.take(code) : 0;
    this.send(this.ctx.types.channel(type), { kind: 'game', messageType: code, sequence, payload });
  }

  /** Handles everything queued: the welcome and snapshot parts go to the callbacks. */
  drain(onWelcome: (welcome: WelcomeMessage) => void, onSnapshot: (snapshot: ArrivedSnapshot) => void): void {
    this.queue.drain(({ message, receivedAt, bytes }) => {
      switch (message.kind) {
        case 'welcome':
          if (this.welcomed) this.invalid++;
          else if (message.protocolVersion !== PROTOCOL_VERSION) {
            const text = `the host speaks tickwire protocol ${message.protocolVersion}, this client ${PROTOCOL_VERSION}`;
            this.ctx.events.emit('refused', { reason: 'version_mismatch', message: text });
            this.ctx.transport.close('refused: version_mismatch');
          } else {
            this.welcomed = true;
            onWelcome(message);
            this.ctx.events.emit('joined', { playerId: message.playerId });
          }
          return;
        case 'refuse':
          this.ctx.events.emit('refused', { reason: message.reason, message: message.message });
          this.ctx.transport.close(`refused: ${message.reason}`);
          return;
        case 'snapshot':
          if (this.welcomed) onSnapshot({ message, receivedAt, bytes });
          return;
        case 'playerJoined':
          this.ctx.events.emit('playerJoined', { playerId: message.playerId, name: message.name });
          return;
        case 'playerLeft':
          this.ctx.events.emit('playerLeft', { playerId: message.playerId, reason: message.reason });
          return;
        case 'game':
          this.game(message.messageType, message.sequence, message.payload);
          return;
        default:
          this.invalid++;
      }
    });
  }

  private receive(channel: ChannelName, data: Uint8Array): void {
    this.lastHeardAt = this.ctx.now();
    const parsed = readMessage(data, MAX_MESSAGE_BYTES[channel], { schema: this.ctx.schema });
    if (!parsed.ok || !allowedFromHost(parsed.value, channel)) {
      this.invalid++;
      return;
    }
    const message = parsed.value;
    if (message.kind === 'pong') this.ctx.onPong(message.clientTimeMs, message.hostTimeMs);
    else this.queue.push({ message, receivedAt: this.ctx.now(), bytes: data.byteLength });
  }

  private game(code: number, sequence: number, payload: unknown): void {
    const type = this.ctx.types.name(code);
    if (type === undefined) {
      this.invalid++;
      return;
    }
    if (this.ctx.types.mode(type) === 'sequenced' && !this.incoming.accept(code, sequence)) return;
    this.ctx.events.emit('message', { type, payload });
  }

  private send(channel: ChannelName, message: Message): void {
    sendMessage((c, data) => this.ctx.transport.send(c, data), channel, message);
  }
}

/** Which messages a host may send, and on which channel. */
function allowedFromHost(message: Message, channel: ChannelName): boolean {
  switch (message.kind) {
    case 'snapshot':
    case 'game':
      return true;
    case 'welcome':
    case 'refuse':
    case 'pong':
    case 'playerJoined':
    case 'playerLeft':
      return channel === 'control';
    default:
      return false;
  }
}
