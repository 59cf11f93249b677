/**
 * Who holds a seat in the host's game, and the handshake that hands seats out: a `hello` is let in
 * as a new player (under a name the host normalises, player-name.ts), let back in as the player its
 * seat token names, or refused with a reason: another protocol version, another game (schema,
 * message types or version; game-declaration.ts), a full lobby. A refusal is final: the reason goes
 * out and the link is cut at once, so one link cannot try again (a seat token after another, or a
 * hello until a seat frees). A player whose connection failed keeps its seat for the reconnect window (`away`); a
 * clean leave, a kick or the window passing frees it, and the other players are told.
 */
import { secretToken } from '../../core/secret-token.js';
import { PROTOCOL_VERSION } from '../../protocol/message-kinds.js';
import { MAX_PLAYER_ID } from '../../protocol/message-limits.js';
import type { HelloMessage, Message, PlayerAwayMessage, PlayerLeftMessage } from '../../protocol/messages.js';
import type { ChannelName } from '../../transport/channels.js';
import type { LeaveReason } from '../../transport/transport.js';
import { AwaySeats, type AwaySeat } from './away-seats.js';
import { gameMismatch } from '../game-declaration.js';
import type { HostInboxContext } from './host-inbox.js';
import { normalisePlayerName } from './player-name.js';
import { SeatMessages } from '../reliable-log.js';
import type { RemotePlayer } from './seat.js';
import type { PlayerId } from '../simulation.js';

export interface SeatActions {
  readonly send: (peerId: string, channel: ChannelName, message: Message) => void;
  /** Disconnects a peer, remembering why (`code`) for what the other players are told. */
  readonly drop: (peer: RemotePlayer, code: string, reason: string) => void;
}

export class HostSeats<State> {
  /** Peers past the handshake: kept as a list because every tick walks it. */
  private admitted: RemotePlayer[] = [];
  private readonly away: AwaySeats;

  constructor(
    private readonly ctx: HostInboxContext<State>,
    private readonly actions: SeatActions,
  ) {
    this.away = new AwaySeats(ctx.reconnectWindowMs);
  }

  /** Every player with a seat: the host's own, the connected ones, and those away, by id. */
  players(): { playerId: PlayerId; name: string; away: boolean }[] {
    const list = this.ctx.hostPlayer ? [{ playerId: 0, name: this.ctx.hostPlayer.name, away: false }] : [];
    for (const peer of this.admitted) list.push({ playerId: peer.playerId!, name: peer.name, away: false });
    for (const seat of this.away.all()) list.push({ playerId: seat.playerId, name: seat.name, away: true });
    return list.sort((a, b) => a.playerId - b.playerId);
  }

  /** Peers past the handshake, in the order they joined. */
  playing(): readonly RemotePlayer[] {
    return this.admitted;
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

  /** The handshake; false for a second `hello` on one connection (an invalid message). */
  hello(peer: RemotePlayer, hello: HelloMessage): boolean {
    if (peer.playerId !== undefined) return false;
    if (hello.protocolVersion !== PROTOCOL_VERSION) {
      this.refuse(peer, 'version_mismatch', `the host speaks tickwire protocol ${PROTOCOL_VERSION}, this client ${hello.protocolVersion}`);
      return true;
    }
    const mismatch = gameMismatch(this.ctx.game, hello);
    if (mismatch !== undefined) {
      this.refuse(peer, 'schema_mismatch', mismatch);
      return true;
    }
    if (this.resume(peer, hello.resumeToken, hello.resumeReceived)) return true;
    const players = this.players();
    if (players.length >= this.ctx.tunables.maxPlayers) {
      this.refuse(peer, 'lobby_full', `the game is full (${this.ctx.tunables.maxPlayers} players)`);
      return true;
    }
    const playerId = freePlayerId(players);
    const name = normalisePlayerName(hello.playerName, `player ${playerId}`, players.map((p) => p.name));
    this.seat(peer, playerId, name);
    this.ctx.updateState('addPlayer', (state) => this.ctx.simulation.addPlayer(state, playerId, name));
    for (const other of this.admitted) {
      if (other !== peer) this.actions.send(other.peerId, 'control', { kind: 'playerJoined', playerId, name });
    }
    this.ctx.events.emit('playerJoined', { playerId, name });
    return true;
  }

  /**
   * Turns a connection away for good: the refusal, then the link cut, with the same words as the
   * reason, so a client whose link ends before it reads the refusal still has them.
   */
  refuse(peer: RemotePlayer, reason: string, message: string): void {
    this.actions.send(peer.peerId, 'control', { kind: 'refuse', reason, message });
    this.ctx.events.emit('refused', { peerId: peer.peerId, reason, message });
    this.actions.drop(peer, reason, message);
  }

  /** A peer's connection ended: its seat waits for it when the connection failed, or is freed. */
  leave(peer: RemotePlayer, reason: LeaveReason): void {
    this.admitted = this.admitted.filter((p) => p !== peer);
    const playerId = peer.playerId;
    if (playerId === undefined) return;
    const failure = connectionFailure(peer.dropReason, reason);
    if (failure && this.away.enabled && peer.resumeToken !== undefined) {
      this.away.hold({ playerId, name: peer.name, token: peer.resumeToken, since: this.ctx.clock.now(), reason: failure, messages: peer.messages });
      this.tellOthers({ kind: 'playerAway', playerId, away: true });
      this.ctx.events.emit('playerAway', { playerId, reason: failure });
      return;
    }
    this.removePlayer(playerId, peer.dropReason ?? leaveCode(reason), reason);
  }

  /**
   * Gives a returning client back the seat its token names: one kept since its connection failed,
   * or one whose old connection still looks alive (that connection is replaced). The player never
   * left the game, so the others are told nothing; the reliable messages the client missed follow
   * the welcome. False when the token names no seat, or the seat cannot be replayed (given up then).
   */
  private resume(peer: RemotePlayer, token: string, clientReceived: number): boolean {
    if (token === '') return false;
    const seat = this.away.claim(token) ?? this.takeOver(token);
    if (!seat) return false;
    const missed = seat.messages.sent.after(clientReceived);
    if (!missed) {
      this.removePlayer(seat.playerId, 'left', { code: seat.reason.code, message: 'the messages it missed could not be replayed' });
      return false;
    }
    this.seat(peer, seat.playerId, seat.name, seat.messages);
    for (const bytes of missed) this.ctx.transport.send(peer.peerId, 'control', bytes);
    this.tellOthers({ kind: 'playerAway', playerId: seat.playerId, away: false }, peer);
    this.ctx.events.emit('playerReturned', { playerId: seat.playerId, name: seat.name });
    return true;
  }

  /** The seat of a connected player whose token a new connection presents; the old connection is closed. */
  private takeOver(token: string): AwaySeat | undefined {
    const old = this.admitted.find((p) => p.resumeToken === token);
    if (!old) return undefined;
    const seat: AwaySeat = {
      playerId: old.playerId!,
      name: old.name,
      token,
      since: this.ctx.clock.now(),
      reason: { code: 'closed', message: 'replaced by a new connection' },
      messages: old.messages,
    };
    this.admitted = this.admitted.filter((p) => p !== old);
    old.playerId = undefined;
    this.actions.drop(old, 'replaced', 'the player reconnected on another connection');
    return seat;
  }

  /**
   * Lets `peer` in as `playerId`: the welcome with a fresh seat token, then everyone else in the
   * game. `resumedSeat` carries a returning player's messages; a new player starts a new count.
   */
  private seat(peer: RemotePlayer, playerId: PlayerId, name: string, resumedSeat?: SeatMessages): void {
    const others = this.players();
    peer.admit(playerId, name, this.ctx.tick() + 1, secretToken(), resumedSeat ?? new SeatMessages());
    this.admitted = [...this.admitted, peer];
    const { tickRate, snapshotRate, snapshotReliability } = this.ctx.tunables;
    this.actions.send(peer.peerId, 'control', {
      kind: 'welcome',
      protocolVersion: PROTOCOL_VERSION,
      playerId,
      tickRate,
      snapshotRate,
      hostTick: this.ctx.tick(),
      snapshotReliable: snapshotReliability === 'reliable',
      resumeToken: peer.resumeToken ?? '',
      resumed: resumedSeat !== undefined,
      resumeWindowMs: this.ctx.reconnectWindowMs,
      resumeReceived: peer.messages.received,
      playerName: name,
    });
    for (const other of others) {
      this.actions.send(peer.peerId, 'control', { kind: 'playerJoined', playerId: other.playerId, name: other.name });
      if (other.away) this.actions.send(peer.peerId, 'control', { kind: 'playerAway', playerId: other.playerId, away: true });
    }
  }

  private removePlayer(playerId: PlayerId, code: string, reason: LeaveReason): void {
    this.ctx.updateState('removePlayer', (state) => this.ctx.simulation.removePlayer(state, playerId));
    this.tellOthers({ kind: 'playerLeft', playerId, reason: code });
    this.ctx.events.emit('playerLeft', { playerId, reason });
  }

  /** Tells every player in the game (but `except`) of a change among the players. */
  private tellOthers(message: PlayerLeftMessage | PlayerAwayMessage, except?: RemotePlayer): void {
    for (const other of this.admitted) if (other !== except) this.actions.send(other.peerId, 'control', message);
  }
}

function freePlayerId(players: readonly { playerId: PlayerId }[]): PlayerId {
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
