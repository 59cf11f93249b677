/**
 * The host's side of every connection: it validates what peers send, answers clock pings at once,
 * and queues everything else for the tick boundary, where `drain` hands handshakes and departures
 * to the seats (host-seats.ts), files inputs into each player's buffer and delivers game messages.
 * Identity always comes from the connection, never from a payload.
 *
 * Whatever a stranger holds here is bounded and costs it: a connection has `handshakeTimeoutMs` to
 * be let in (pings, answered before the hello, do not buy more), and every message the host refuses,
 * for its rate, its form, or for coming before the hello, is a strike; past `maxStrikes` the
 * connection is cut. Once the host has decided to cut a connection, nothing more from it is read.
 */
import type { Clock } from '../../core/clock.js';
import type { Emitter } from '../../core/emitter.js';
import type { GameMessage, InputMessage, Message } from '../../protocol/messages.js';
import { readMessage } from '../../protocol/parse-message.js';
import { dequantizeValues } from '../../protocol/quantize.js';
import type { FieldValues } from '../../protocol/schema.js';
import { MAX_MESSAGE_BYTES, type ChannelName } from '../../transport/channels.js';
import type { HostTransport, LeaveReason } from '../../transport/transport.js';
import type { BackpressureLimits } from './backpressure.js';
import { EventQueue } from '../event-queue.js';
import type { GameDeclaration } from '../game-declaration.js';
import type { GameMessageTypes } from '../game-messages.js';
import { HostOutbox } from './outbox.js';
import { HostSeats } from './seats.js';
import { neutralInputOf } from '../quantized-sim.js';
import { addInputCounts, inputCountsOf, NO_INPUT_COUNTS, type InputCounts, type PlayerInputCounts } from './input-counts.js';
import type { HostTunables } from '../options.js';
import { RemotePlayer, type RateLimit } from './seat.js';
import { sendMessage } from '../send-message.js';
import type { HostEvents } from '../session-events.js';
import type { AnySimulation, PlayerId } from '../simulation.js';

export interface HostInboxContext<State> {
  readonly transport: HostTransport;
  readonly simulation: AnySimulation<State>;
  readonly tunables: HostTunables;
  readonly types: GameMessageTypes;
  readonly events: Emitter<HostEvents>;
  readonly clock: Clock;
  readonly tick: () => number;
  readonly hostTimeMs: () => number;
  /**
   * Changes the authoritative state between ticks (players joining and leaving) with the game's
   * `callback`; a throw from it is reported and leaves the state as it was.
   */
  readonly updateState: (callback: 'addPlayer' | 'removePlayer', change: (state: State) => State) => void;
  /** The host's own player, when it plays. */
  readonly hostPlayer: { readonly name: string } | undefined;
  /** A peer silent for this long is disconnected. */
  readonly peerTimeoutMs: number;
  /** A connection not let in within this long (ms) is refused and disconnected. */
  readonly handshakeTimeoutMs: number;
  /** Per-channel rate limits on each peer. */
  readonly rateLimits: Readonly<Record<ChannelName, RateLimit>>;
  /** Refused messages after which a peer is disconnected. */
  readonly maxStrikes: number;
  readonly backpressure: BackpressureLimits;
  /** How long the seat of a client whose connection failed is kept for it, in ms; 0 = not at all. */
  readonly reconnectWindowMs: number;
  /** The game's schema, message types and version: a client's hello must declare the same. */
  readonly game: GameDeclaration;
}

type Queued =
  | { readonly type: 'message'; readonly peerId: string; readonly message: Message }
  | { readonly type: 'left'; readonly peerId: string; readonly reason: LeaveReason };

/** The inputs of one tick, and each peer's view age (see `PlayerInput`). */
export interface TakenInputs {
  readonly inputs: ReadonlyMap<PlayerId, FieldValues>;
  readonly viewAges: ReadonlyMap<PlayerId, number>;
}

export class HostInbox<State> {
  private readonly queue = new EventQueue<Queued>();
  private readonly peers = new Map<string, RemotePlayer>();
  private invalid = 0;
  private rateLimited = 0;
  private handshakesTimedOut = 0;
  /** Input counts of the connections that ended. */
  private departedInputs = NO_INPUT_COUNTS;
  private readonly seats: HostSeats<State>;
  private readonly outbox: HostOutbox<State>;

  constructor(private readonly ctx: HostInboxContext<State>) {
    this.seats = new HostSeats(ctx, {
      send: (peerId, channel, message) => this.send(peerId, channel, message),
      drop: (peer, code, reason) => this.drop(peer, code, reason),
    });
    this.outbox = new HostOutbox(ctx, this.seats);
    const { transport } = ctx;
    const neutralInput = neutralInputOf(ctx.simulation);
    transport.on('peerJoined', ({ peerId }) => this.peers.set(peerId, new RemotePlayer(peerId, neutralInput, ctx.clock.now(), ctx.rateLimits)));
    transport.on('peerLeft', ({ peerId, reason }) => this.queue.push({ type: 'left', peerId, reason }));
    transport.on('message', ({ peerId, channel, data }) => this.receive(peerId, channel, data));
  }

  get invalidMessages(): number {
    return this.invalid;
  }

  get droppedEvents(): number {
    return this.queue.dropped;
  }

  /** Messages refused because their sender was over its rate limit. */
  get rateLimitedMessages(): number {
    return this.rateLimited;
  }

  /** Connections cut because they were not let in within `handshakeTimeoutMs`. */
  get handshakeTimeouts(): number {
    return this.handshakesTimedOut;
  }

  /** Inputs counted since the host started, over every player (`total`), and per connected player. */
  inputCounts(): { total: InputCounts; byPlayer: PlayerInputCounts[] } {
    let total = this.departedInputs;
    const byPlayer: PlayerInputCounts[] = [];
    for (const peer of this.playing()) {
      const counts = inputCountsOf(peer.inputs.stats);
      total = addInputCounts(total, counts);
      byPlayer.push({ playerId: peer.playerId!, ...counts });
    }
    return { total, byPlayer };
  }

  /** Every player with a seat: the host's own, the connected ones, and those away, by id. */
  players(): { playerId: PlayerId; name: string; away: boolean }[] {
    return this.seats.players();
  }

  /** Peers past the handshake, in the order they joined. */
  playing(): readonly RemotePlayer[] {
    return this.seats.playing();
  }

  /** Runs everything queued since the last tick. */
  drain(): void {
    this.queue.drain((item) => {
      if (item.type === 'left') this.leave(item.peerId, item.reason);
      else this.handle(item.peerId, item.message);
    });
  }

  /**
   * Each player's input for `tick` (the host's own, and one from each peer's buffer) and how many
   * ticks behind `tick` each peer's view was when it made its input.
   */
  takeInputs(tick: number, localInput: FieldValues, hostPlays: boolean): TakenInputs {
    const inputs = new Map<PlayerId, FieldValues>();
    const viewAges = new Map<PlayerId, number>();
    if (hostPlays) inputs.set(0, localInput);
    for (const peer of this.playing()) {
      const taken = peer.inputs.take(tick);
      inputs.set(peer.playerId!, taken.values);
      viewAges.set(peer.playerId!, taken.viewAge);
    }
    return { inputs, viewAges };
  }

  /** Sends a game message to one player, or to every client when `to` is left out. */
  sendGame(type: string, payload: unknown, to?: PlayerId): void {
    this.outbox.send(type, payload, to);
  }

  kick(playerId: PlayerId, reason: string): void {
    const peer = this.playing().find((p) => p.playerId === playerId);
    if (peer) this.drop(peer, 'kicked', reason);
  }

  /**
   * Disconnects every peer that was not let in within the handshake deadline, has been silent too
   * long, or cannot keep up with reliable messages, and gives up the seats of players who did not
   * come back in time.
   */
  dropStuck(): void {
    const now = this.ctx.clock.now();
    this.seats.expire(now);
    const { backpressure, handshakeTimeoutMs } = this.ctx;
    for (const peer of this.peers.values()) {
      if (peer.dropReason !== undefined) continue;
      if (peer.playerId === undefined && now - peer.connectedAt >= handshakeTimeoutMs) {
        this.handshakesTimedOut++;
        this.seats.refuse(peer, 'handshake_timeout', `not let in within ${handshakeTimeoutMs} ms of connecting (no valid hello)`);
      } else if (now - peer.lastHeardAt > this.ctx.peerTimeoutMs) this.drop(peer, 'timeout', `no message for ${this.ctx.peerTimeoutMs} ms`);
      else if (peer.backlog.overloaded(this.ctx.transport.stats(peer.peerId), now, backpressure)) {
        const mb = (backpressure.controlHighWaterBytes / 1024 / 1024).toFixed(2);
        this.drop(peer, 'backlog', `more than ${mb} MiB of reliable messages waiting for over ${backpressure.controlHighWaterMs} ms`);
      }
    }
  }

  /** A message the host will not act on: counted as invalid, and a strike. */
  private refuseMessage(peer: RemotePlayer): void {
    peer.invalidMessages++;
    this.invalid++;
    this.strike(peer, 'invalid_messages');
  }

  /** Counts a refused message; past the limit the peer is disconnected. */
  private strike(peer: RemotePlayer, code: string): void {
    this.rateLimited += code === 'flooding' ? 1 : 0;
    if (++peer.strikes > this.ctx.maxStrikes) this.drop(peer, code, `${peer.strikes} messages refused (${code})`);
  }

  private drop(peer: RemotePlayer, code: string, reason: string): void {
    peer.dropReason = code;
    this.ctx.transport.disconnect(peer.peerId, reason);
  }

  close(): void {
    this.peers.clear();
    this.seats.clear();
  }

  private receive(peerId: string, channel: ChannelName, data: Uint8Array): void {
    const peer = this.peers.get(peerId);
    if (!peer || peer.dropReason !== undefined) return;
    const now = this.ctx.clock.now();
    peer.lastHeardAt = now;
    if (!peer.buckets[channel].take(now)) {
      this.strike(peer, 'flooding');
      return;
    }
    const parsed = readMessage(data, MAX_MESSAGE_BYTES[channel], { schema: this.ctx.simulation.schema });
    if (!parsed.ok || !allowedFromClient(parsed.value, channel)) {
      this.refuseMessage(peer);
      return;
    }
    const message = parsed.value;
    // Counted as it arrives, in the order `control` delivers: the count is what a resumed seat replays from.
    if (message.kind === 'game' && channel === 'control' && peer.playerId !== undefined) peer.messages.received++;
    if (message.kind === 'ping') {
      // Answered now, not at the tick, so the round trip measures the network and not the tick.
      const pong = { kind: 'pong', clientTimeMs: message.clientTimeMs, hostTimeMs: this.ctx.hostTimeMs(), hostTick: this.ctx.tick() } as const;
      // Back on the channel it came on: the client chose how its samples travel.
      this.send(peerId, channel, pong);
      return;
    }
    this.queue.push({ type: 'message', peerId, message });
  }

  private handle(peerId: string, message: Message): void {
    const peer = this.peers.get(peerId);
    // Queued before the host cut the connection (a refusal, a strike too many): read no further.
    if (!peer || peer.dropReason !== undefined) return;
    if (message.kind === 'hello') {
      if (!this.seats.hello(peer, message)) this.refuseMessage(peer);
    }
    else if (peer.playerId === undefined) this.refuseMessage(peer);
    else if (message.kind === 'input') this.input(peer, message);
    else if (message.kind === 'game') this.game(peer, message);
  }

  private input(peer: RemotePlayer, message: InputMessage): void {
    const schema = this.ctx.simulation.schema.input;
    // Validation already held every quantized value to its field's range.
    message.inputs.forEach((q, i) => peer.inputs.insert(message.firstTick + i, { values: dequantizeValues(schema, q), viewAge: message.viewAges[i]! }));
    if (message.ackSnapshotTick > peer.ackedTick && message.ackSnapshotTick <= this.ctx.tick()) peer.ackedTick = message.ackSnapshotTick;
  }

  private game(peer: RemotePlayer, message: GameMessage): void {
    const type = this.ctx.types.name(message.messageType);
    if (type === undefined) {
      this.refuseMessage(peer);
      return;
    }
    if (!this.ctx.types.accepts(type, message.payload)) {
      this.refuseMessage(peer);
      return;
    }
    if (this.ctx.types.mode(type) === 'sequenced' && !peer.incoming.accept(message.messageType, message.sequence)) return;
    this.ctx.events.emit('message', { type, payload: message.payload, from: peer.playerId! });
  }

  private leave(peerId: string, reason: LeaveReason): void {
    const peer = this.peers.get(peerId);
    this.peers.delete(peerId);
    if (!peer) return;
    // Kept in the totals: a player's inputs count after it has gone, as its bytes do.
    this.departedInputs = addInputCounts(this.departedInputs, inputCountsOf(peer.inputs.stats));
    this.seats.leave(peer, reason);
  }

  private send(peerId: string, channel: ChannelName, message: Message): void {
    sendMessage((c, data) => this.ctx.transport.send(peerId, c, data), channel, message);
  }
}

/** Which messages a client may send, and on which channel. */
function allowedFromClient(message: Message, channel: ChannelName): boolean {
  switch (message.kind) {
    case 'ping':
      return true;
    case 'hello':
      return channel === 'control';
    case 'input':
      return channel === 'state';
    case 'game':
      return true;
    default:
      return false;
  }
}
