/**
 * The client's side of the connection to the host: it sends the client's messages, validates what
 * the host sends, feeds pongs to the clock sync at once (their timing is the point), and queues the
 * rest for the next frame.
 */
import { HOST_LEFT } from '../migration/host-left.js';
import type { MigrationMessage } from './heir-state.js';
import type { Emitter, Unsubscribe } from '../../core/emitter.js';
import { PROTOCOL_VERSION } from '../../protocol/message-kinds.js';
import type { InputMessage, Message, SnapshotMessage, VoiceSignal, WelcomeMessage } from '../../protocol/messages.js';
import { MAX_PLAYER_NAME_LENGTH } from '../../protocol/message-limits.js';
import { writeMessage } from '../../protocol/encode-message.js';
import { readMessage } from '../../protocol/parse-message.js';
import { assertSendable } from '../../transport/limits.js';
import type { GameSchema } from '../../protocol/schema.js';
import { MAX_MESSAGE_BYTES, type ChannelName } from '../../transport/channels.js';
import type { ClientTransport } from '../../transport/transport.js';
import { EventQueue } from '../event-queue.js';
import type { GameDeclaration } from '../game-declaration.js';
import { IncomingSequences, OutgoingSequences, type GameMessageTypes } from '../game-messages.js';
import { cutToUnits } from '../text-bounds.js';
import type { PlayerRoster } from './player-roster.js';
import type { SeatMessages } from '../reliable-log.js';
import { sendMessage } from '../send-message.js';
import type { ClientEvents } from '../session-events.js';

export interface ClientInboxContext {
  readonly transport: ClientTransport;
  readonly schema: GameSchema;
  /** What the hello declares: the host refuses a client whose game differs from its own. */
  readonly game: GameDeclaration;
  readonly types: GameMessageTypes;
  readonly events: Emitter<ClientEvents>;
  readonly now: () => number;
  /** A pong arrived: the ping's send time and the host's clock. */
  readonly onPong: (clientSendMs: number, hostTimeMs: number) => void;
  /** The seat's reliable game messages both ways: kept across links, replaced for a new seat. */
  readonly seat: () => SeatMessages;
  /**
   * The welcome arrived (called at once, before anything after it is counted): the client takes
   * the seat's token and, for a new seat, starts a new message count.
   */
  readonly onWelcomeArrived: (welcome: WelcomeMessage) => void;
  /** True while the client has a seat to come back to: reliable messages then wait for the welcome. */
  readonly returning: () => boolean;
  /** Who is in the game: kept up to date before each event about a player is emitted. */
  readonly roster: PlayerRoster;
  /** Host migration: who takes over, and on an heir the checkpoints and ledger (taken as they arrive). */
  readonly onMigration: (message: MigrationMessage) => void;
  /** The host said it is leaving and the game goes on without it (`playerLeft`, `host_left`). */
  readonly onHostLeaving: () => void;
  /** A voice signal from another player, relayed by the host: handed on at once, as a pong is. */
  readonly onVoice: (from: number, signal: VoiceSignal) => void;
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
  /** The welcome arrived (it is handled at the next drain, with everything else). */
  private seated = false;
  /** Reliable messages a resumed seat could not replay: more were sent meanwhile than are kept. */
  unreplayed = 0;
  private invalid = 0;
  /** When the client last heard from the host (clock ms). */
  lastHeardAt: number;

  private readonly unsubscribe: Unsubscribe;

  constructor(private readonly ctx: ClientInboxContext) {
    this.lastHeardAt = ctx.now();
    this.unsubscribe = ctx.transport.on('message', ({ channel, data }) => this.receive(channel, data));
  }

  /** Stops listening to the transport: the client moved on to another link. */
  detach(): void {
    this.unsubscribe();
  }

  get invalidMessages(): number {
    return this.invalid;
  }

  /** The first message on a link; `resumeToken` names the seat to come back to, if any. */
  hello(name: string, resumeToken = ''): void {
    const resumeReceived = resumeToken === '' ? 0 : this.ctx.seat().received;
    const { version: gameVersion, fingerprint: schema } = this.ctx.game;
    const playerName = cutToUnits(name, MAX_PLAYER_NAME_LENGTH);
    this.send('control', { kind: 'hello', protocolVersion: PROTOCOL_VERSION, playerName, resumeToken, resumeReceived, gameVersion, schema });
  }

  /** Sends again, after a resumed welcome, the reliable messages the host did not receive; returns how many could not be. */
  private replay(hostReceived: number): number {
    const sent = this.ctx.seat().sent;
    const missed = sent.after(hostReceived);
    for (const bytes of missed ?? []) this.ctx.transport.send('control', bytes);
    return missed ? 0 : Math.max(0, sent.sent - hostReceived);
  }

  /**
   * A clock sample, on the unreliable channel: a lost ping is just a missing sample, where on the
   * reliable one it would wait for a resend and come back with the resend in its round trip.
   */
  ping(nowMs: number): void {
    this.send('state', { kind: 'ping', clientTimeMs: nowMs });
  }

  sendInput(message: InputMessage): void {
    this.send('state', message);
  }

  /** Sends a voice signal for player `to` through the host; false before the welcome (the host would refuse it) or when it could not go. */
  sendVoice(to: number, signal: VoiceSignal): boolean {
    return this.seated && sendMessage((c, data) => this.ctx.transport.send(c, data), 'control', { kind: 'voice', peer: to, signal });
  }

  /** Sends a game message; a reliable one is recorded first, to be replayed if this link fails first. */
  sendGame(type: string, payload: unknown): void {
    const code = this.ctx.types.code(type);
    const channel = this.ctx.types.channel(type);
    const sequence = this.ctx.types.mode(type) === 'sequenced' ? this.outgoing.take(code) : 0;
    const bytes = writeMessage({ kind: 'game', messageType: code, sequence, payload });
    assertSendable(channel, bytes);
    if (channel === 'control' && (this.seated || this.ctx.returning())) {
      this.ctx.seat().sent.record(bytes);
      // Before the welcome of a returning client, the message waits in the log and follows the replay.
      if (!this.seated) return;
    }
    this.ctx.transport.send(channel, bytes);
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
            this.ctx.roster.reset(message.playerId, message.playerName);
            onWelcome(message);
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
          this.ctx.roster.join(message.playerId, message.name);
          this.ctx.events.emit('playerJoined', { playerId: message.playerId, name: message.name });
          return;
        case 'playerLeft':
          this.ctx.roster.leave(message.playerId);
          this.ctx.events.emit('playerLeft', { playerId: message.playerId, reason: message.reason });
          return;
        case 'playerAway':
          if (!this.ctx.roster.setAway(message.playerId, message.away)) this.invalid++;
          else this.ctx.events.emit(message.away ? 'playerAway' : 'playerReturned', { playerId: message.playerId });
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
    if (message.kind === 'welcome' && !this.seated && message.protocolVersion === PROTOCOL_VERSION) {
      this.seated = true;
      this.ctx.onWelcomeArrived(message);
      if (message.resumed) this.unreplayed = this.replay(message.resumeReceived);
    }
    // Counted as it arrives, in the order `control` delivers: the count is what a resumed seat replays from.
    if (message.kind === 'game' && channel === 'control' && this.seated) this.ctx.seat().received++;
    if (message.kind === 'playerLeft' && message.reason === HOST_LEFT) this.ctx.onHostLeaving();
    if (message.kind === 'pong') this.ctx.onPong(message.clientTimeMs, message.hostTimeMs);
    else if (message.kind === 'voice') {
      if (this.seated) this.ctx.onVoice(message.peer, message.signal);
      else this.invalid++;
    }
    else if (message.kind === 'heirs' || message.kind === 'checkpoint' || message.kind === 'ledger') this.ctx.onMigration(message);
    else this.queue.push({ message, receivedAt: this.ctx.now(), bytes: data.byteLength });
  }

  private game(code: number, sequence: number, payload: unknown): void {
    const type = this.ctx.types.name(code);
    if (type === undefined || !this.ctx.types.accepts(type, payload)) {
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
    case 'pong':
      return true;
    case 'welcome':
    case 'refuse':
    case 'playerJoined':
    case 'playerLeft':
    case 'playerAway':
    case 'heirs':
    case 'checkpoint':
    case 'ledger':
    case 'voice':
      return channel === 'control';
    default:
      return false;
  }
}
