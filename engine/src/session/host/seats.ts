/**
 * Who holds a seat in the host's game, and the handshake that hands seats out: a `hello` is given a
 * seat as a new player (under a name the host normalises, player-name.ts), given back the seat its
 * token names, or answered with a refusal: another protocol version, another game (schema, message
 * types or version; game-declaration.ts), a full lobby. The connection is turned away elsewhere
 * (connections.ts). A player whose connection failed keeps its seat for the reconnect window
 * (`away`); a clean leave, a kick or the window passing frees it, and the other players are told.
 */
import type { Clock } from '../../core/clock.js';
import type { Emitter } from '../../core/emitter.js';
import { secretToken } from '../../core/secret-token.js';
import { PROTOCOL_VERSION } from '../../protocol/message-kinds.js';
import { MAX_PLAYER_ID, NO_PLAYER } from '../../protocol/message-limits.js';
import type { HelloMessage, PlayerAwayMessage, PlayerLeftMessage } from '../../protocol/messages.js';
import type { FieldValues } from '../../protocol/schema.js';
import type { LeaveReason } from '../../transport/transport.js';
import { gameMismatch, type GameDeclaration } from '../game-declaration.js';
import type { HostTunables } from '../options.js';
import type { PlayerInfo } from '../player-info.js';
import { ReliableLog, SeatMessages } from '../reliable-log.js';
import type { HostEvents } from '../session-events.js';
import type { CheckpointSeat } from '../migration/checkpoint.js';
import type { PlayerId } from '../simulation.js';
import { AwaySeats, type AwaySeat } from './away-seats.js';
import { InputTally, type InputCounts, type PlayerInputCounts } from './input-counts.js';
import { sendTo, type PeerSend } from './peer-send.js';
import { normalisePlayerName } from './player-name.js';
import { Seat } from './seat.js';

/** The host's own player: id 0, or on a host that took the game over, the id it had as a client. */
export interface HostPlayer {
  readonly playerId: PlayerId;
  readonly name: string;
}

/** A change to the game's state as a player comes or goes, made with the game's own callback. */
export type PlayerChange =
  | { readonly kind: 'addPlayer'; readonly playerId: PlayerId; readonly name: string }
  | { readonly kind: 'removePlayer'; readonly playerId: PlayerId };

/** Why a hello gets no seat: the `refuse` message's reason code and words. */
export interface Refusal {
  readonly reason: string;
  readonly message: string;
}

/** A connection as the handshake sees it: where to send, and where its seat goes once given. */
export interface SeatHolder {
  readonly peerId: string;
  seat: Seat | undefined;
}

export interface SeatsContext {
  readonly send: PeerSend;
  readonly clock: Clock;
  /** The host's tick: a welcome names it, and a new seat's inputs count from the next one. */
  readonly tick: () => number;
  readonly tunables: Pick<HostTunables, 'maxPlayers' | 'tickRate' | 'snapshotRate' | 'snapshotReliability'>;
  /** How long the seat of a client whose connection failed is kept for it, in ms; 0 = not at all. */
  readonly reconnectWindowMs: number;
  /** The game's schema, message types and version: a client's hello must declare the same. */
  readonly game: GameDeclaration;
  readonly events: Emitter<HostEvents>;
  /** The host's own player, when it plays. */
  readonly hostPlayer: HostPlayer | undefined;
  /** The input that stands in for a seat's missing one. */
  readonly neutralInput: FieldValues;
  /** The tick this host carried the game on from, when it took it over from another; else `NO_TICK`. */
  readonly takeoverTick: number;
  /** Changes the game's state between ticks; a throw from the game's callback is reported and changes nothing. */
  readonly updateState: (change: PlayerChange) => void;
  /** Cuts a connection, remembering why (`code`) for what the other players are told. */
  readonly drop: (peerId: string, code: string, reason: string) => void;
}

export class Seats {
  /** Seats of connected players: kept as a list because every tick walks it. */
  private admitted: Seat[] = [];
  private readonly away: AwaySeats;
  private readonly tally = new InputTally();

  constructor(private readonly ctx: SeatsContext) {
    this.away = new AwaySeats(ctx.reconnectWindowMs);
  }

  /** Every player with a seat: the host's own, the connected ones, and those away, by id. */
  players(): PlayerInfo[] {
    const host = this.ctx.hostPlayer;
    const list: PlayerInfo[] = host ? [{ playerId: host.playerId, name: host.name, away: false }] : [];
    for (const seat of this.admitted) list.push({ playerId: seat.playerId, name: seat.name, away: false });
    for (const seat of this.away.all()) list.push({ playerId: seat.playerId, name: seat.name, away: true });
    return list.sort((a, b) => a.playerId - b.playerId);
  }

  /** Seats of connected players, in the order they were given. */
  playing(): readonly Seat[] {
    return this.admitted;
  }

  /** Inputs counted since the host started, over every player (`total`), and per connected player. */
  inputCounts(): { total: InputCounts; byPlayer: PlayerInputCounts[] } {
    return this.tally.counts(this.admitted);
  }

  /** Ends a connected player's connection, telling it why. */
  kick(playerId: PlayerId, reason: string): void {
    const seat = this.admitted.find((s) => s.playerId === playerId);
    if (seat) this.ctx.drop(seat.peerId, 'kicked', reason);
  }

  /** Seats of players whose connection failed, kept for them. */
  awaySeats(): IterableIterator<AwaySeat> {
    return this.away.all();
  }

  /**
   * Takes over the seats of a host that is gone (host migration): each waits, as if its
   * connection had just failed, for its player to come back with its token.
   */
  inherit(seats: readonly CheckpointSeat[]): void {
    const now = this.ctx.clock.now();
    const reason: LeaveReason = { code: 'connection_lost', message: 'the host changed' };
    for (const seat of seats) {
      const messages = new SeatMessages(ReliableLog.inherited(seat.sent), seat.received);
      this.away.hold({ playerId: seat.playerId, name: seat.name, token: seat.token, since: now, reason, messages });
    }
  }

  /** Records a reliable game message for away players (every one when `to` is left out), for their return. */
  recordForAway(bytes: Uint8Array, to?: PlayerId): void {
    this.away.record(bytes, to);
  }

  /** Gives up the seats of players who did not come back in time. */
  expire(now: number): void {
    for (const seat of this.away.expire(now)) {
      const why = `it did not come back within ${this.ctx.reconnectWindowMs} ms`;
      this.removePlayer(seat.playerId, seat.reason.code, { code: seat.reason.code, message: `${seat.reason.message}; ${why}` });
    }
  }

  clear(): void {
    this.admitted = [];
    this.away.clear();
  }

  /** The handshake of a connection not let in yet: its seat (set on `holder` before anyone hears of it), or why not. */
  hello(holder: SeatHolder, hello: HelloMessage): Refusal | undefined {
    if (hello.protocolVersion !== PROTOCOL_VERSION) {
      return { reason: 'version_mismatch', message: `the host speaks tickwire protocol ${PROTOCOL_VERSION}, this client ${hello.protocolVersion}` };
    }
    const mismatch = gameMismatch(this.ctx.game, hello);
    if (mismatch !== undefined) return { reason: 'schema_mismatch', message: mismatch };
    if (this.resume(holder, hello.resumeToken, hello.resumeReceived)) return undefined;
    const players = this.players();
    if (players.length >= this.ctx.tunables.maxPlayers) return { reason: 'lobby_full', message: `the game is full (${this.ctx.tunables.maxPlayers} players)` };
    const playerId = freePlayerId(players);
    const name = normalisePlayerName(hello.playerName, `player ${playerId}`, players.map((p) => p.name));
    const seat = this.seat(holder, playerId, name);
    this.ctx.updateState({ kind: 'addPlayer', playerId, name });
    for (const other of this.admitted) {
      if (other !== seat) sendTo(this.ctx.send, other.peerId, 'control', { kind: 'playerJoined', playerId, name });
    }
    this.ctx.events.emit('playerJoined', { playerId, name });
    return undefined;
  }

  /** A seated connection ended: the seat waits for its player when the connection failed, or is freed. */
  leave(seat: Seat, dropReason: string | undefined, reason: LeaveReason): void {
    this.tally.depart(seat);
    // A seat taken over by a newer connection was given up then: its player plays on there.
    if (!this.admitted.includes(seat)) return;
    this.admitted = this.admitted.filter((s) => s !== seat);
    const { playerId } = seat;
    const failure = connectionFailure(dropReason, reason);
    if (failure && this.away.enabled) {
      this.away.hold({ playerId, name: seat.name, token: seat.resumeToken, since: this.ctx.clock.now(), reason: failure, messages: seat.messages });
      this.tellOthers({ kind: 'playerAway', playerId, away: true });
      this.ctx.events.emit('playerAway', { playerId, reason: failure });
      return;
    }
    this.removePlayer(playerId, dropReason ?? leaveCode(reason), reason);
  }

  /**
   * Gives a returning client back the seat its token names: one kept since its connection failed,
   * or one whose old connection still looks alive (that connection is replaced). The player never
   * left the game, so the others are told nothing; the reliable messages the client missed follow
   * the welcome. False when the token names no seat, or the seat cannot be replayed (given up then).
   */
  private resume(holder: SeatHolder, token: string, clientReceived: number): boolean {
    if (token === '') return false;
    const kept = this.away.claim(token) ?? this.takeOver(token);
    if (!kept) return false;
    kept.messages.sent.rebase(clientReceived);
    const missed = kept.messages.sent.after(clientReceived);
    if (!missed) {
      this.removePlayer(kept.playerId, 'left', { code: kept.reason.code, message: 'the messages it missed could not be replayed' });
      return false;
    }
    const seat = this.seat(holder, kept.playerId, kept.name, kept.messages);
    for (const bytes of missed) this.ctx.send(holder.peerId, 'control', bytes);
    this.tellOthers({ kind: 'playerAway', playerId: kept.playerId, away: false }, seat);
    this.ctx.events.emit('playerReturned', { playerId: kept.playerId, name: kept.name });
    return true;
  }

  /** The seat of a connected player whose token a new connection presents; the old connection is cut. */
  private takeOver(token: string): AwaySeat | undefined {
    const old = this.admitted.find((s) => s.resumeToken === token);
    if (!old) return undefined;
    const kept: AwaySeat = {
      playerId: old.playerId,
      name: old.name,
      token,
      since: this.ctx.clock.now(),
      reason: { code: 'closed', message: 'replaced by a new connection' },
      messages: old.messages,
    };
    this.admitted = this.admitted.filter((s) => s !== old);
    this.ctx.drop(old.peerId, 'replaced', 'the player reconnected on another connection');
    return kept;
  }

  /**
   * Seats `holder` as `playerId`: the welcome with a fresh seat token, then everyone else in the
   * game. `resumedSeat` carries a returning player's messages; a new player starts a new count.
   */
  private seat(holder: SeatHolder, playerId: PlayerId, name: string, resumedSeat?: SeatMessages): Seat {
    const others = this.players();
    const seat = new Seat({
      peerId: holder.peerId,
      playerId,
      name,
      resumeToken: secretToken(),
      messages: resumedSeat ?? new SeatMessages(),
      neutralInput: this.ctx.neutralInput,
      startTick: this.ctx.tick() + 1,
    });
    holder.seat = seat;
    this.admitted = [...this.admitted, seat];
    const { tickRate, snapshotRate, snapshotReliability } = this.ctx.tunables;
    sendTo(this.ctx.send, holder.peerId, 'control', {
      kind: 'welcome',
      protocolVersion: PROTOCOL_VERSION,
      playerId,
      tickRate,
      snapshotRate,
      hostTick: this.ctx.tick(),
      snapshotReliable: snapshotReliability === 'reliable',
      resumeToken: seat.resumeToken,
      resumed: resumedSeat !== undefined,
      resumeWindowMs: this.ctx.reconnectWindowMs,
      resumeReceived: seat.messages.received,
      playerName: name,
      hostPlayerId: this.ctx.hostPlayer?.playerId ?? NO_PLAYER,
      takeoverTick: this.ctx.takeoverTick,
    });
    for (const other of others) {
      sendTo(this.ctx.send, holder.peerId, 'control', { kind: 'playerJoined', playerId: other.playerId, name: other.name });
      if (other.away) sendTo(this.ctx.send, holder.peerId, 'control', { kind: 'playerAway', playerId: other.playerId, away: true });
    }
    return seat;
  }

  private removePlayer(playerId: PlayerId, code: string, reason: LeaveReason): void {
    this.ctx.updateState({ kind: 'removePlayer', playerId });
    this.tellOthers({ kind: 'playerLeft', playerId, reason: code });
    this.ctx.events.emit('playerLeft', { playerId, reason });
  }

  /** Tells every connected player (but `except`) of a change among the players. */
  private tellOthers(message: PlayerLeftMessage | PlayerAwayMessage, except?: Seat): void {
    for (const other of this.admitted) if (other !== except) sendTo(this.ctx.send, other.peerId, 'control', message);
  }
}

function freePlayerId(players: readonly PlayerInfo[]): PlayerId {
  const taken = new Set(players.map((p) => p.playerId));
  for (let id = 1; id <= MAX_PLAYER_ID; id++) if (!taken.has(id)) return id;
  throw new RangeError('no free player id');
}

/**
 * Why a connection ended, when it failed rather than being closed on purpose: only then is the
 * seat kept. A peer the host timed out failed too; one it kicked or cut off for flooding did not.
 */
function connectionFailure(dropReason: string | undefined, reason: LeaveReason): LeaveReason | undefined {
  if (dropReason === 'timeout') return { code: 'timeout', message: reason.message };
  if (dropReason !== undefined) return undefined;
  return reason.code === 'connection_lost' || reason.code === 'timeout' ? reason : undefined;
}

/** The reason code clients are told when a player leaves on its own. */
function leaveCode(reason: LeaveReason): string {
  return reason.code === 'connection_lost' ? 'connection_lost' : 'left';
}
