/**
 * A client's part in host migration. It keeps what the host says of its heirs (`HeirState`), and
 * when the host is gone (a failed or silent link, or the host saying it leaves) it either takes
 * the game over, when this client is the successor, or comes back, as before, to whoever hosts
 * under the lobby's name now. An heir further down the order takes over in its turn if nobody has
 * by then; the broker lets only one of them have the lobby.
 */
import type { CancelTimer, Clock } from '../../core/clock.js';
import type { Emitter } from '../../core/emitter.js';
import { NO_PLAYER, NO_TICK } from '../../protocol/message-limits.js';
import type { WelcomeMessage } from '../../protocol/messages.js';
import type { LeaveReason } from '../../transport/transport.js';
import type { Succession } from '../migration/succession.js';
import type { TakeOver } from '../migration/take-over.js';
import type { ClientEvents } from '../session-events.js';
import type { PlayerId } from '../simulation.js';
import { HeirState, type MigrationMessage } from './heir-state.js';

/**
 * How long each heir after the successor gives those before it to take the game over, in ms: the
 * second heir takes over when nobody has by this long after the host was lost, the third by twice that.
 */
export const HEIR_TURN_MS = 3000;

/** With heirs named, a host silent this long counts as gone, by default (ms). */
export const DEFAULT_HOST_SILENCE_MS = 1500;

/** What a running host must let the client do with it, should the client find itself ended. */
interface Closable {
  close(): void;
}

export interface ClientMigrationContext<State, Hosted extends Closable> {
  readonly clock: Clock;
  readonly events: Emitter<ClientEvents>;
  /** Makes this client the host (`ClientOptions.succession`); without it, it never takes over. */
  readonly succession: ((succession: Succession<State>) => Promise<Hosted>) | undefined;
  /** The takeover this heir can make from what it holds, or undefined. */
  readonly plan: (playerId: PlayerId) => TakeOver<State> | undefined;
  /** The old host's welcome: its rates and seat window. */
  readonly welcome: () => WelcomeMessage | undefined;
  /** Comes back to whoever hosts the game now, as the same player. */
  readonly comeBack: (reason: LeaveReason) => void;
  /** Stops coming back: this client hosts now. */
  readonly stopComingBack: () => void;
  /** The client has ended (closed by the game, or gone). */
  readonly ended: () => boolean;
  /** Ends the client for good, without `disconnected`: it lives on as the host. */
  readonly retire: () => void;
}

interface Underway {
  /** The newest tick this client had of the old host. */
  readonly lastTick: number;
  cancelTurn: CancelTimer | undefined;
}

export class ClientMigration<State, Hosted extends Closable> {
  private readonly heir = new HeirState();
  private hostLeaving = false;
  private underway: Underway | undefined;

  constructor(private readonly ctx: ClientMigrationContext<State, Hosted>) {}

  /** The state the client keeps for a takeover. */
  get heirState(): HeirState {
    return this.heir;
  }

  /** Whether a host migration is under way: the old host is gone and no new one has welcomed this client. */
  get active(): boolean {
    return this.underway !== undefined;
  }

  /** How long a silent host is waited for, given the client's own limit. */
  silenceLimitMs(hostTimeoutMs: number, hostSilenceMs: number | undefined): number {
    return this.heir.heirs.length > 0 ? Math.min(hostSilenceMs ?? DEFAULT_HOST_SILENCE_MS, hostTimeoutMs) : hostTimeoutMs;
  }

  accept(message: MigrationMessage): void {
    this.heir.accept(message);
  }

  /** The host said it is leaving and the game goes on without it. */
  hostSaysLeaving(): void {
    this.hostLeaving = true;
  }

  /**
   * The link to the host ended: true when a migration starts (heirs were named, and the link
   * failed or the host said it was leaving), false when the client should handle it as ever.
   */
  hostLost(reason: LeaveReason, failed: boolean, playerId: PlayerId, lastTick: number): boolean {
    const heirs = this.heir.heirs;
    if (heirs.length === 0 || !(failed || this.hostLeaving)) return false;
    const rank = heirs.indexOf(playerId);
    const underway: Underway = { lastTick, cancelTurn: undefined };
    this.underway = underway;
    const former = this.ctx.welcome()?.hostPlayerId;
    const formerHost = former === undefined || former === NO_PLAYER ? undefined : former;
    this.ctx.events.emit('hostMigrating', { reason, formerHost, successor: heirs[0]!, you: rank === 0 });
    if (rank === 0) {
      void this.succeed(reason, playerId, underway);
      return true;
    }
    if (rank > 0) {
      underway.cancelTurn = this.ctx.clock.setTimer(rank * HEIR_TURN_MS, () => {
        underway.cancelTurn = undefined;
        if (this.underway !== underway || this.ctx.ended()) return;
        this.ctx.stopComingBack();
        void this.succeed(reason, playerId, underway);
      });
    }
    this.ctx.comeBack(reason);
    return true;
  }

  /** A welcome arrived: ends a migration under way; true (and `hostMigrated` said) when it came from a new host. */
  welcomed(welcome: WelcomeMessage, previous: WelcomeMessage | undefined): boolean {
    const underway = this.underway;
    this.cancel();
    this.hostLeaving = false;
    const newHost = welcome.takeoverTick !== NO_TICK && welcome.takeoverTick !== previous?.takeoverTick;
    if (!underway || !newHost) return false;
    const hostPlayerId = welcome.hostPlayerId === NO_PLAYER ? undefined : welcome.hostPlayerId;
    this.ctx.events.emit('hostMigrated', { playerId: welcome.playerId, hostPlayerId, ticksLost: Math.max(0, underway.lastTick - welcome.takeoverTick) });
    return true;
  }

  /** Stops a migration under way (the client closes, or comes back). */
  cancel(): void {
    this.underway?.cancelTurn?.();
    this.underway = undefined;
  }

  /** Hosts the game from what this heir holds; when it cannot, comes back to whoever does. */
  private async succeed(reason: LeaveReason, playerId: PlayerId, underway: Underway): Promise<void> {
    const { succession } = this.ctx;
    const takeOver = succession ? this.ctx.plan(playerId) : undefined;
    const welcome = this.ctx.welcome();
    const checkpoint = this.heir.checkpoint;
    if (!succession || !takeOver || !welcome || !checkpoint) {
      this.ctx.comeBack(reason);
      return;
    }
    let host: Hosted;
    try {
      host = await succession({
        takeOver,
        hostLeft: this.hostLeaving,
        credential: checkpoint.credential,
        tickRate: welcome.tickRate,
        snapshotRate: welcome.snapshotRate,
        snapshotReliability: welcome.snapshotReliable ? 'reliable' : 'unreliable',
        reconnectWindowMs: welcome.resumeWindowMs,
        listing: checkpoint.listing,
      });
    } catch {
      // Someone else took the game over first, or the lobby could not be had: join whoever hosts.
      if (!this.ctx.ended() && this.underway === underway) this.ctx.comeBack(reason);
      return;
    }
    if (this.ctx.ended() || this.underway !== underway) {
      host.close();
      return;
    }
    this.cancel();
    this.ctx.retire();
    this.ctx.events.emit('becameHost', { host, ticksLost: Math.max(0, underway.lastTick - takeOver.tick) });
  }
}
