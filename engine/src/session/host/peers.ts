/**
 * The host's side of its links, wired in one place: the connections (admission, strikes,
 * deadlines), the seats (who plays), the outbox (the game's messages to players) and the inbox
 * (what arrives, read at once and acted on at the tick). Each is given only what it uses; this is
 * where the host's options become their limits.
 */
import type { Clock } from '../../core/clock.js';
import type { Emitter } from '../../core/emitter.js';
import type { FieldValues, GameSchema } from '../../protocol/schema.js';
import { declareGame } from '../game-declaration.js';
import type { GameMessageTypes } from '../game-messages.js';
import { resolveHandshakeTimeoutMs, resolveReconnectWindowMs, type HostTunables } from '../options.js';
import type { HostEvents } from '../session-events.js';
import type { BackpressureLimits } from './backpressure.js';
import { Connections } from './connections.js';
import { GameDelivery } from './game-delivery.js';
import { HostInbox } from './host-inbox.js';
import type { HostOptions } from './host-options.js';
import { Outbox } from './outbox.js';
import type { PeerSend } from './peer-send.js';
import { PingAnswer } from './ping-answer.js';
import { DEFAULT_RATE_LIMITS } from './rate-limits.js';
import { Seats, type HostPlayer, type PlayerChange } from './seats.js';

/** The host's options that bound its links. */
export type PeerOptions = Pick<
  HostOptions<unknown>,
  'transport' | 'version' | 'peerTimeoutMs' | 'handshakeTimeoutMs' | 'reconnectWindowMs' | 'rateLimits' | 'maxStrikes'
>;

export interface PeersContext {
  readonly options: PeerOptions;
  readonly schema: GameSchema;
  readonly tunables: HostTunables;
  readonly types: GameMessageTypes;
  readonly events: Emitter<HostEvents>;
  readonly clock: Clock;
  readonly tick: () => number;
  readonly hostTimeMs: () => number;
  /** The host's own player, when it plays. */
  readonly hostPlayer: HostPlayer | undefined;
  readonly neutralInput: FieldValues;
  /** The tick this host carried the game on from, when it took it over; else `NO_TICK`. */
  readonly takeoverTick: number;
  readonly backpressure: BackpressureLimits;
  /** Changes the game's state between ticks as players come and go. */
  readonly updateState: (change: PlayerChange) => void;
}

/** The pieces the host drives: it drains the inbox, expires connections and seats, and reads them for its figures. */
export interface Peers {
  readonly connections: Connections;
  readonly seats: Seats;
  readonly outbox: Outbox;
  readonly inbox: HostInbox;
  readonly delivery: GameDelivery;
}

export function wirePeers(ctx: PeersContext): Peers {
  const { options, events, clock, tick } = ctx;
  const { transport } = options;
  const send: PeerSend = (peerId, channel, data) => transport.send(peerId, channel, data);
  const stats = (peerId: string) => transport.stats(peerId);
  const peerTimeoutMs = options.peerTimeoutMs ?? 10_000;
  const handshakeTimeoutMs = resolveHandshakeTimeoutMs(options.handshakeTimeoutMs);
  const reconnectWindowMs = resolveReconnectWindowMs(options.reconnectWindowMs);
  const game = declareGame(ctx.schema, ctx.types.modes, options.version);
  const seats = new Seats({
    send,
    clock,
    tick,
    tunables: ctx.tunables,
    reconnectWindowMs,
    game,
    events,
    hostPlayer: ctx.hostPlayer,
    neutralInput: ctx.neutralInput,
    takeoverTick: ctx.takeoverTick,
    updateState: ctx.updateState,
    drop: (peerId, code, reason) => connections.drop(peerId, code, reason),
  });
  const connections = new Connections({
    send,
    disconnect: (peerId, reason) => transport.disconnect(peerId, reason),
    stats,
    events,
    clock,
    seats,
    rateLimits: { ...DEFAULT_RATE_LIMITS, ...options.rateLimits },
    maxStrikes: options.maxStrikes ?? 100,
    handshakeTimeoutMs,
    peerTimeoutMs,
    backpressure: ctx.backpressure,
  });
  const outbox = new Outbox({ send, stats, types: ctx.types, backpressure: ctx.backpressure, seats });
  const pings = new PingAnswer({ send, hostTimeMs: ctx.hostTimeMs, tick });
  const delivery = new GameDelivery({ types: ctx.types, events });
  const inbox = new HostInbox({
    transport,
    schema: ctx.schema,
    clock,
    tick,
    connections,
    answerPing: (peerId, channel, ping) => pings.answer(peerId, channel, ping),
    deliver: (seat, message) => delivery.deliver(seat, message),
  });
  return { connections, seats, outbox, inbox, delivery };
}
