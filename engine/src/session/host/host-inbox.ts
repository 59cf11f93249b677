/**
 * What arrives at the host, read: each message is rate-limited and validated as it arrives (a
 * refusal is a strike against its connection), clock pings are answered at once, and everything
 * else waits in a queue for the tick boundary, where `drain` hands each item to what owns it: a
 * hello to the handshake, inputs to the sender's seat, game messages to the game, a link's end to
 * the connections. Identity always comes from the connection, never from a payload; a connection
 * the host has decided to cut is read no further, even what it queued before.
 */
import type { Clock } from '../../core/clock.js';
import type { GameMessage, HelloMessage, Message, PingMessage, VoiceMessage } from '../../protocol/messages.js';
import { readMessage } from '../../protocol/parse-message.js';
import type { GameSchema } from '../../protocol/schema.js';
import { MAX_MESSAGE_BYTES, type ChannelName } from '../../transport/channels.js';
import type { HostTransport, LeaveReason } from '../../transport/transport.js';
import { EventQueue } from '../event-queue.js';
import type { Connection } from './connection.js';
import type { Seat } from './seat.js';

/** The connections, as the inbox reads for them. */
export interface InboxConnections {
  connect(peerId: string): void;
  live(peerId: string): Connection | undefined;
  admit(connection: Connection, hello: HelloMessage): void;
  close(peerId: string, reason: LeaveReason): void;
  strike(connection: Connection, code: string): void;
  refuseMessage(connection: Connection): void;
}

export interface HostInboxContext {
  readonly transport: Pick<HostTransport, 'on'>;
  readonly schema: GameSchema;
  readonly clock: Clock;
  /** The host's tick: an input's snapshot ack is never taken past it. */
  readonly tick: () => number;
  readonly connections: InboxConnections;
  /** Answers a clock ping at once, on the channel it came on. */
  readonly answerPing: (peerId: string, channel: ChannelName, ping: PingMessage) => void;
  /** Hands a game message to the game; false when the game would not have it. */
  readonly deliver: (seat: Seat, message: GameMessage) => boolean;
}

type Queued =
  | { readonly type: 'message'; readonly peerId: string; readonly message: Message; readonly channel: ChannelName }
  | { readonly type: 'left'; readonly peerId: string; readonly reason: LeaveReason };

export class HostInbox {
  private readonly queue = new EventQueue<Queued>();
  /**
   * Where a seated player's voice signal goes, at once (it is relayed, not simulated):
   * `from` is the sender's player id, taken from its connection.
   */
  onVoice: ((from: number, message: VoiceMessage) => void) | undefined;

  constructor(private readonly ctx: HostInboxContext) {
    const { transport } = ctx;
    transport.on('peerJoined', ({ peerId }) => ctx.connections.connect(peerId));
    transport.on('peerLeft', ({ peerId, reason }) => this.queue.push({ type: 'left', peerId, reason }));
    transport.on('message', ({ peerId, channel, data }) => this.receive(peerId, channel, data));
  }

  /** Network events dropped because the queue was full. */
  get droppedEvents(): number {
    return this.queue.dropped;
  }

  /** Runs everything queued since the last tick. */
  drain(): void {
    this.queue.drain((item) => {
      if (item.type === 'left') this.ctx.connections.close(item.peerId, item.reason);
      else this.handle(item.peerId, item.message, item.channel);
    });
  }

  private receive(peerId: string, channel: ChannelName, data: Uint8Array): void {
    const { connections } = this.ctx;
    const connection = connections.live(peerId);
    if (!connection) return;
    const now = this.ctx.clock.now();
    connection.lastHeardAt = now;
    if (!connection.buckets[channel].take(now)) {
      connections.strike(connection, 'flooding');
      return;
    }
    const parsed = readMessage(data, MAX_MESSAGE_BYTES[channel], { schema: this.ctx.schema });
    if (!parsed.ok || !allowedFromClient(parsed.value, channel)) {
      connections.refuseMessage(connection);
      return;
    }
    const message = parsed.value;
    // Counted as it arrives, in the order `control` delivers: the count is what a resumed seat replays from.
    if (message.kind === 'game' && channel === 'control' && connection.seat) connection.seat.messages.received++;
    if (message.kind === 'ping') this.ctx.answerPing(peerId, channel, message);
    else if (message.kind === 'voice') {
      if (connection.seat) this.onVoice?.(connection.seat.playerId, message);
      else connections.refuseMessage(connection);
    } else this.queue.push({ type: 'message', peerId, message, channel });
  }

  private handle(peerId: string, message: Message, channel: ChannelName): void {
    const { connections } = this.ctx;
    // Queued before the host cut the connection (a refusal, a strike too many): read no further.
    const connection = connections.live(peerId);
    if (!connection) return;
    const { seat } = connection;
    if (message.kind === 'hello') {
      // A second hello on one connection is refused as any invalid message is.
      if (seat) connections.refuseMessage(connection);
      else connections.admit(connection, message);
    } else if (!seat) connections.refuseMessage(connection);
    else if (message.kind === 'input') seat.file(message, this.ctx.schema.input, this.ctx.tick());
    else if (message.kind === 'game') {
      // Counted whether or not the game takes it: what a new host after a migration goes on from.
      if (channel === 'control') seat.messages.seen++;
      if (!this.ctx.deliver(seat, message)) connections.refuseMessage(connection);
    }
  }
}

/** Which messages a client may send, and on which channel. */
function allowedFromClient(message: Message, channel: ChannelName): boolean {
  switch (message.kind) {
    case 'ping':
      return true;
    case 'hello':
    case 'voice':
      return channel === 'control';
    case 'input':
      return channel === 'state';
    case 'game':
      return true;
    default:
      return false;
  }
}
