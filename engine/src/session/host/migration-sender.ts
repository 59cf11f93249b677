/**
 * The host's side of host migration: it tells every client who takes over if it goes (`heirs`),
 * sends the first heirs what they need to (`checkpoint`: the whole state, the seats and their
 * tokens) at most once a second, and at once when the seats change, and at every snapshot tick the
 * reliable message counts an heir carries on from (`ledger`). An heir that comes back on a new
 * connection is a new seat, and gets a checkpoint of its own.
 *
 * It runs at every snapshot tick, where most of the time nothing has changed: the same seats, each
 * link's round trip in the same step. So it keeps what it last worked out (the seats it last looked
 * at, the ranking's inputs, the ledger's counts) and compares in place; it allocates nothing of its
 * own unless something did change, or a checkpoint is due.
 */
import type { Clock } from '../../core/clock.js';
import { checkpointChunks, encodeCheckpoint, type Checkpoint, type CheckpointSeat } from '../migration/checkpoint.js';
import { MAX_HEIRS } from '../../protocol/message-limits.js';
import type { PeerStats } from '../../transport/stats.js';
import type { PlayerId } from '../simulation.js';
import { rankHeirs, RTT_STEP_MS } from './heir-order.js';
import { sendTo, type PeerSend } from './peer-send.js';
import type { Seat } from './seat.js';
import type { AwaySeat } from './away-seats.js';

/** Heirs that are sent checkpoints: the successor, and the next in case it is gone too. */
export const CHECKPOINT_HEIRS = 2;
/** The longest a checkpoint may be old while nothing else changes, in ms. */
export const CHECKPOINT_INTERVAL_MS = 1000;
/** The shortest time between two checkpoints, even when the seats change, in ms. */
const MIN_CHECKPOINT_GAP_MS = 100;

export interface MigrationContext {
  readonly send: PeerSend;
  readonly clock: Clock;
  readonly stats: (peerId: string) => PeerStats | undefined;
  readonly playing: () => readonly Seat[];
  readonly away: () => Iterable<AwaySeat>;
  /** The checkpoint of the host's newest tick, given its seats; undefined when the game's `saveState` threw. */
  readonly checkpoint: (tick: number, seats: readonly CheckpointSeat[]) => Checkpoint | undefined;
}

/** A seat, playing or away. */
type AnySeat = Seat | AwaySeat;

/** The secret a seat's player comes back with. */
function tokenOf(seat: AnySeat): string {
  return 'resumeToken' in seat ? seat.resumeToken : seat.token;
}

export class MigrationSender {
  private readonly since = new Map<PlayerId, number>();
  private heirs: readonly PlayerId[] = [];
  private readonly told = new WeakSet<Seat>();
  private readonly checkpointed = new WeakSet<Seat>();
  private lastCheckpointAt = Number.NEGATIVE_INFINITY;
  /** The playing seats the ranking last saw, and each one's round trip step then. */
  private ranked: readonly Seat[] = [];
  private rankedSteps: number[] = [];
  /** Each seat's id and token at the last checkpoint, playing seats first: what "the seats changed" compares. */
  private checkpointIds: number[] = [];
  private checkpointTokens: string[] = [];
  /** The ledger last sent: player id, then messages received, for each seat. */
  private received: number[] = [];
  /** The seats of the current update, playing then away; reused. */
  private readonly current: AnySeat[] = [];
  /** The heirs that get checkpoints, as seats; reused. */
  private readonly keepers: Seat[] = [];
  /** Checkpoints sent (to any number of heirs). */
  checkpoints = 0;

  constructor(private readonly ctx: MigrationContext) {}

  /** The heirs as last told, the successor first. */
  get order(): readonly PlayerId[] {
    return this.heirs;
  }

  /** After a snapshot tick: the heirs, a checkpoint when due, and the ledger. */
  update(tick: number): void {
    const playing = this.ctx.playing();
    this.rank(playing);
    const keepers = this.findKeepers(playing);
    const seats = this.gatherSeats(playing);
    const now = this.ctx.clock.now();
    const stale = now - this.lastCheckpointAt >= CHECKPOINT_INTERVAL_MS;
    const changed = (this.seatsChanged(seats) || this.newKeeper(keepers)) && now - this.lastCheckpointAt >= MIN_CHECKPOINT_GAP_MS;
    if (keepers.length > 0 && (stale || changed)) {
      const checkpoint = this.ctx.checkpoint(tick, this.checkpointSeats(playing));
      if (checkpoint) {
        const chunks = checkpointChunks(tick, encodeCheckpoint(checkpoint));
        for (const seat of keepers) {
          for (const chunk of chunks) sendTo(this.ctx.send, seat.peerId, 'control', chunk);
          this.checkpointed.add(seat);
        }
        this.checkpoints++;
      }
      this.lastCheckpointAt = now;
      this.checkpointIds = seats.map((s) => s.playerId);
      this.checkpointTokens = seats.map(tokenOf);
    }
    const received = this.ledger(seats);
    for (const seat of keepers) if (this.checkpointed.has(seat)) sendTo(this.ctx.send, seat.peerId, 'control', { kind: 'ledger', tick, received });
  }

  /** Tells every client to expect no takeover: the host ends the game on purpose. */
  endGame(): void {
    for (const seat of this.ctx.playing()) sendTo(this.ctx.send, seat.peerId, 'control', { kind: 'heirs', playerIds: [] });
  }

  /**
   * Ranks the heirs again when the seats or a round trip's step changed since the last ranking
   * (the ranking depends on nothing else: see `heir-order.ts`), and tells every seat not yet told.
   */
  private rank(playing: readonly Seat[]): void {
    let unchanged = playing.length === this.ranked.length;
    for (let i = 0; unchanged && i < playing.length; i++) unchanged = playing[i] === this.ranked[i] && this.rttStep(playing[i]!) === this.rankedSteps[i];
    const same = unchanged || !this.rankAgain(playing);
    for (const seat of playing) {
      if (same && this.told.has(seat)) continue;
      sendTo(this.ctx.send, seat.peerId, 'control', { kind: 'heirs', playerIds: this.heirs });
      this.told.add(seat);
    }
  }

  /** Ranks the heirs; true when the order changed. */
  private rankAgain(playing: readonly Seat[]): boolean {
    const now = this.ctx.clock.now();
    for (const id of this.since.keys()) if (!playing.some((s) => s.playerId === id)) this.since.delete(id);
    const candidates = playing.map((seat) => {
      if (!this.since.has(seat.playerId)) this.since.set(seat.playerId, now);
      return { playerId: seat.playerId, rttMs: this.ctx.stats(seat.peerId)?.rttMs, since: this.since.get(seat.playerId)! };
    });
    this.ranked = [...playing];
    this.rankedSteps = playing.map((seat) => this.rttStep(seat));
    const order = rankHeirs(candidates).slice(0, MAX_HEIRS);
    if (order.length === this.heirs.length && order.every((id, i) => id === this.heirs[i])) return false;
    this.heirs = order;
    return true;
  }

  /** The step of a seat's round trip, as the ranking sees it (-1 while it is not known). */
  private rttStep(seat: Seat): number {
    const rttMs = this.ctx.stats(seat.peerId)?.rttMs;
    return rttMs === undefined ? -1 : Math.floor(rttMs / RTT_STEP_MS);
  }

  /** The first heirs' seats, in a reused array. */
  private findKeepers(playing: readonly Seat[]): readonly Seat[] {
    this.keepers.length = 0;
    for (let h = 0; h < this.heirs.length && this.keepers.length < CHECKPOINT_HEIRS; h++) {
      for (const seat of playing) if (seat.playerId === this.heirs[h]) this.keepers.push(seat);
    }
    return this.keepers;
  }

  /** Every seat, playing then away, in a reused array. */
  private gatherSeats(playing: readonly Seat[]): readonly AnySeat[] {
    const seats = this.current;
    seats.length = 0;
    for (const s of playing) seats.push(s);
    for (const s of this.ctx.away()) seats.push(s);
    return seats;
  }

  /** True when one of the first heirs has had no checkpoint yet. */
  private newKeeper(keepers: readonly Seat[]): boolean {
    for (const seat of keepers) if (!this.checkpointed.has(seat)) return true;
    return false;
  }

  private seatsChanged(seats: readonly AnySeat[]): boolean {
    if (seats.length !== this.checkpointIds.length) return true;
    for (let i = 0; i < seats.length; i++) if (seats[i]!.playerId !== this.checkpointIds[i] || tokenOf(seats[i]!) !== this.checkpointTokens[i]) return true;
    return false;
  }

  /**
   * The ledger's counts, player id then the messages the game has seen from it, for each seat: the
   * same array as last time while none changed. (Seen, not queued: the state of this tick holds
   * what those did.)
   */
  private ledger(seats: readonly AnySeat[]): readonly number[] {
    let same = this.received.length === 2 * seats.length;
    for (let i = 0; same && i < seats.length; i++) same = this.received[2 * i] === seats[i]!.playerId && this.received[2 * i + 1] === seats[i]!.messages.seen;
    if (!same) this.received = seats.flatMap((s) => [s.playerId, s.messages.seen]);
    return this.received;
  }

  private checkpointSeats(playing: readonly Seat[]): CheckpointSeat[] {
    const seats: CheckpointSeat[] = playing.map((s) => ({ playerId: s.playerId, name: s.name, token: s.resumeToken, received: s.messages.seen, sent: s.messages.sent.sent }));
    for (const s of this.ctx.away()) seats.push({ playerId: s.playerId, name: s.name, token: s.token, received: s.messages.seen, sent: s.messages.sent.sent });
    return seats;
  }
}
