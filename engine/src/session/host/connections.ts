/**
 * Every connection to the host, from the transport's `peerJoined` until its `peerLeft` is read at a
 * tick, and what bounds a stranger's hold on the host. A connection has `handshakeTimeoutMs` to be
 * let in (pings, answered before the hello, do not buy more); every message the host refuses is a
 * strike, and past `maxStrikes` the link is cut; so is one silent for `peerTimeoutMs`, and one whose
 * reliable backlog stays too long over its mark. A refusal is final: the reason goes out and the
 * link is cut at once, with the same words as the reason, so one link cannot try again (a seat token
 * after another, or a hello until a seat frees). Once the host decides to cut a connection, nothing
 * more from it is read (`live`).
 */
import type { Clock } from '../../core/clock.js';
import type { Emitter } from '../../core/emitter.js';
import type { HelloMessage } from '../../protocol/messages.js';
import type { ChannelName } from '../../transport/channels.js';
import type { PeerStats } from '../../transport/stats.js';
import type { LeaveReason } from '../../transport/transport.js';
import type { HostEvents } from '../session-events.js';
import type { BackpressureLimits } from './backpressure.js';
import { Connection } from './connection.js';
import { sendTo, type PeerSend } from './peer-send.js';
import type { RateLimit } from './rate-limits.js';
import type { Seat } from './seat.js';
import type { Refusal, SeatHolder } from './seats.js';

/** The seats, as connections reach them: a hello to seat, and a seated connection's end. */
export interface ConnectionSeats {
  hello(holder: SeatHolder, hello: HelloMessage): Refusal | undefined;
  leave(seat: Seat, dropReason: string | undefined, reason: LeaveReason): void;
}

export interface ConnectionsContext {
  readonly send: PeerSend;
  readonly disconnect: (peerId: string, reason: string) => void;
  readonly stats: (peerId: string) => PeerStats | undefined;
  readonly events: Emitter<HostEvents>;
  readonly clock: Clock;
  readonly seats: ConnectionSeats;
  /** Per-channel rate limits on each peer. */
  readonly rateLimits: Readonly<Record<ChannelName, RateLimit>>;
  /** Refused messages after which a peer is disconnected. */
  readonly maxStrikes: number;
  /** A connection not let in within this long (ms) is refused and disconnected. */
  readonly handshakeTimeoutMs: number;
  /** A peer silent for this long (ms) is disconnected. */
  readonly peerTimeoutMs: number;
  readonly backpressure: BackpressureLimits;
}

export class Connections {
  private readonly open = new Map<string, Connection>();
  private invalid = 0;
  private rateLimited = 0;
  private handshakesTimedOut = 0;

  constructor(private readonly ctx: ConnectionsContext) {}

  /** Messages from peers that failed validation. */
  get invalidMessages(): number {
    return this.invalid;
  }

  /** Messages refused because their sender was over its rate limit. */
  get rateLimitedMessages(): number {
    return this.rateLimited;
  }

  /** Connections cut because they were not let in within `handshakeTimeoutMs`. */
  get handshakeTimeouts(): number {
    return this.handshakesTimedOut;
  }

  /** A new link: its handshake deadline counts from now. */
  connect(peerId: string): void {
    this.open.set(peerId, new Connection(peerId, this.ctx.clock.now(), this.ctx.rateLimits));
  }

  /** The connection `peerId` names, unless the host has decided to cut it. */
  live(peerId: string): Connection | undefined {
    const connection = this.open.get(peerId);
    return connection?.dropReason === undefined ? connection : undefined;
  }

  /** A hello on a connection not let in yet: seated, or refused for good. */
  admit(connection: Connection, hello: HelloMessage): void {
    const refusal = this.ctx.seats.hello(connection, hello);
    if (refusal) this.refuse(connection, refusal);
  }

  /** The link ended: its seat, if it had one, waits for the player or is freed. */
  close(peerId: string, reason: LeaveReason): void {
    const connection = this.open.get(peerId);
    this.open.delete(peerId);
    if (connection?.seat) this.ctx.seats.leave(connection.seat, connection.dropReason, reason);
  }

  /** A message the host will not act on: counted as invalid, and a strike. */
  refuseMessage(connection: Connection): void {
    connection.invalidMessages++;
    this.invalid++;
    this.strike(connection, 'invalid_messages');
  }

  /** Counts a refused message; past the limit the peer is disconnected. */
  strike(connection: Connection, code: string): void {
    this.rateLimited += code === 'flooding' ? 1 : 0;
    if (++connection.strikes > this.ctx.maxStrikes) this.cut(connection, code, `${connection.strikes} messages refused (${code})`);
  }

  /** Disconnects `peerId`, remembering why (`code`) for what the other players are told. */
  drop(peerId: string, code: string, reason: string): void {
    const connection = this.open.get(peerId);
    if (connection) this.cut(connection, code, reason);
    else this.ctx.disconnect(peerId, reason);
  }

  /**
   * Disconnects every peer that was not let in within the handshake deadline, has been silent too
   * long, or cannot keep up with reliable messages.
   */
  expire(now: number): void {
    const { backpressure, handshakeTimeoutMs, peerTimeoutMs } = this.ctx;
    for (const connection of this.open.values()) {
      if (connection.dropReason !== undefined) continue;
      if (connection.seat === undefined && now - connection.connectedAt >= handshakeTimeoutMs) {
        this.handshakesTimedOut++;
        this.refuse(connection, { reason: 'handshake_timeout', message: `not let in within ${handshakeTimeoutMs} ms of connecting (no valid hello)` });
      } else if (now - connection.lastHeardAt > peerTimeoutMs) this.cut(connection, 'timeout', `no message for ${peerTimeoutMs} ms`);
      else if (connection.backlog.overloaded(this.ctx.stats(connection.peerId), now, backpressure)) {
        const mb = (backpressure.controlHighWaterBytes / 1024 / 1024).toFixed(2);
        this.cut(connection, 'backlog', `more than ${mb} MiB of reliable messages waiting for over ${backpressure.controlHighWaterMs} ms`);
      }
    }
  }

  clear(): void {
    this.open.clear();
  }

  /**
   * Turns a connection away for good: the refusal, then the link cut, with the same words as the
   * reason, so a client whose link ends before it reads the refusal still has them.
   */
  private refuse(connection: Connection, { reason, message }: Refusal): void {
    sendTo(this.ctx.send, connection.peerId, 'control', { kind: 'refuse', reason, message });
    this.ctx.events.emit('refused', { peerId: connection.peerId, reason, message });
    this.cut(connection, reason, message);
  }

  private cut(connection: Connection, code: string, reason: string): void {
    connection.dropReason = code;
    this.ctx.disconnect(connection.peerId, reason);
  }
}
