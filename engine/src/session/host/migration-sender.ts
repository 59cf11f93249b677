/**
 * The host's side of host migration: it tells every client who takes over if it goes (`heirs`),
 * sends the first heirs what they need to (`checkpoint`: the whole state, the seats and their
 * tokens) at most once a second, and at once when the seats change, and at every snapshot tick the
 * reliable message counts an heir carries on from (`ledger`). An heir that comes back on a new
 * connection is a new seat, and gets a checkpoint of its own.
 */
import type { Clock } from '../../core/clock.js';
import { checkpointChunks, encodeCheckpoint, type Checkpoint, type CheckpointSeat } from '../migration/checkpoint.js';
import { MAX_HEIRS } from '../../protocol/message-limits.js';
import type { PeerStats } from '../../transport/stats.js';
import type { PlayerId } from '../simulation.js';
import { rankHeirs } from './heir-order.js';
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

export class MigrationSender {
  private readonly since = new Map<PlayerId, number>();
  private heirs: readonly PlayerId[] = [];
  private readonly told = new WeakSet<Seat>();
  private readonly checkpointed = new WeakSet<Seat>();
  private lastCheckpointAt = Number.NEGATIVE_INFINITY;
  private seatsKey = '';
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
    const keepers = this.heirs.slice(0, CHECKPOINT_HEIRS).map((id) => playing.find((s) => s.playerId === id)!);
    const seats = this.seats(playing);
    const key = seats.map((s) => `${s.playerId}:${s.token}`).join(',');
    const now = this.ctx.clock.now();
    const stale = now - this.lastCheckpointAt >= CHECKPOINT_INTERVAL_MS;
    const changed = (key !== this.seatsKey || keepers.some((s) => !this.checkpointed.has(s))) && now - this.lastCheckpointAt >= MIN_CHECKPOINT_GAP_MS;
    if (keepers.length > 0 && (stale || changed)) {
      const checkpoint = this.ctx.checkpoint(tick, seats);
      if (checkpoint) {
        const chunks = checkpointChunks(tick, encodeCheckpoint(checkpoint));
        for (const seat of keepers) {
          for (const chunk of chunks) sendTo(this.ctx.send, seat.peerId, 'control', chunk);
          this.checkpointed.add(seat);
        }
        this.checkpoints++;
      }
      this.lastCheckpointAt = now;
      this.seatsKey = key;
    }
    const received: number[] = [];
    for (const s of seats) received.push(s.playerId, s.received);
    for (const seat of keepers) if (this.checkpointed.has(seat)) sendTo(this.ctx.send, seat.peerId, 'control', { kind: 'ledger', tick, received });
  }

  /** Tells every client to expect no takeover: the host ends the game on purpose. */
  endGame(): void {
    for (const seat of this.ctx.playing()) sendTo(this.ctx.send, seat.peerId, 'control', { kind: 'heirs', playerIds: [] });
  }

  private rank(playing: readonly Seat[]): void {
    const now = this.ctx.clock.now();
    for (const id of this.since.keys()) if (!playing.some((s) => s.playerId === id)) this.since.delete(id);
    const candidates = playing.map((seat) => {
      if (!this.since.has(seat.playerId)) this.since.set(seat.playerId, now);
      return { playerId: seat.playerId, rttMs: this.ctx.stats(seat.peerId)?.rttMs, since: this.since.get(seat.playerId)! };
    });
    const order = rankHeirs(candidates).slice(0, MAX_HEIRS);
    const same = order.length === this.heirs.length && order.every((id, i) => id === this.heirs[i]);
    if (!same) this.heirs = order;
    for (const seat of playing) {
      if (same && this.told.has(seat)) continue;
      sendTo(this.ctx.send, seat.peerId, 'control', { kind: 'heirs', playerIds: this.heirs });
      this.told.add(seat);
    }
  }

  private seats(playing: readonly Seat[]): CheckpointSeat[] {
    // The messages the game has seen, not those still queued: the state of this tick holds what those did.
    const seats: CheckpointSeat[] = playing.map((s) => ({ playerId: s.playerId, name: s.name, token: s.resumeToken, received: s.messages.seen, sent: s.messages.sent.sent }));
    for (const s of this.ctx.away()) seats.push({ playerId: s.playerId, name: s.name, token: s.token, received: s.messages.seen, sent: s.messages.sent.sent });
    return seats;
  }
}
