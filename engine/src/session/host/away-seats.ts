/**
 * Seats of players whose connection failed, kept for a while so they can come back as themselves.
 * A seat is claimed with the secret token the host gave the player at its last welcome; until then
 * the player stays in the game (its entity idle, its seat counted), and its reliable game messages
 * are still recorded, to be replayed when it returns. A seat not claimed within the window expires.
 */
import type { LeaveReason } from '../../transport/transport.js';
import type { SeatMessages } from '../reliable-log.js';
import type { PlayerId } from '../simulation.js';

export interface AwaySeat {
  readonly playerId: PlayerId;
  readonly name: string;
  readonly token: string;
  /** When the connection failed (clock ms). */
  readonly since: number;
  /** Why the connection failed. */
  readonly reason: LeaveReason;
  /** The seat's reliable game messages both ways. */
  readonly messages: SeatMessages;
}

const NONE: readonly AwaySeat[] = [];

export class AwaySeats {
  private readonly seats = new Map<string, AwaySeat>();

  constructor(private readonly windowMs: number) {}

  /** Whether seats are kept at all. */
  get enabled(): boolean {
    return this.windowMs > 0;
  }

  all(): IterableIterator<AwaySeat> {
    return this.seats.values();
  }

  hold(seat: AwaySeat): void {
    this.seats.set(seat.token, seat);
  }

  /** The seat `token` names, removed from the waiting ones; undefined for an unknown token. */
  claim(token: string): AwaySeat | undefined {
    const seat = token === '' ? undefined : this.seats.get(token);
    if (seat) this.seats.delete(token);
    return seat;
  }

  /** Records a reliable message for an away player (every away player when `to` is left out). */
  record(bytes: Uint8Array, to?: PlayerId): void {
    for (const seat of this.seats.values()) {
      if (to === undefined || seat.playerId === to) seat.messages.sent.record(bytes);
    }
  }

  /** Removes and returns the seats whose window has passed at `now` (called every tick: no garbage when none is away). */
  expire(now: number): readonly AwaySeat[] {
    if (this.seats.size === 0) return NONE;
    const expired: AwaySeat[] = [];
    for (const [token, seat] of this.seats) {
      if (now - seat.since < this.windowMs) continue;
      this.seats.delete(token);
      expired.push(seat);
    }
    return expired;
  }

  clear(): void {
    this.seats.clear();
  }
}
