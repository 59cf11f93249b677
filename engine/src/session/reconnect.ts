/**
 * The client's way back after its connection failed: open a new link with backoff (0.25 s doubling
 * to 2 s) until one opens or the host's reconnect window has passed. A link that opens too late is
 * closed at once; an answer that the lobby is gone (`lobby_not_found`) ends the attempts, since
 * the host is not coming back.
 */
import { backoffDelay, type Backoff } from '../core/backoff.js';
import type { CancelTimer, Clock } from '../core/clock.js';
import { isNetError } from '../core/net-error.js';
import type { ClientTransport, LeaveReason } from '../transport/transport.js';

export interface ReconnectContext {
  readonly clock: Clock;
  /** Opens a new link to the same host. */
  readonly open: () => Promise<ClientTransport>;
  /** An attempt begins. */
  readonly onAttempt: (attempt: number) => void;
  /** A link opened in time. */
  readonly onLink: (transport: ClientTransport) => void;
  /** No link in time, or the host is gone: `reason` is the original failure, with why it ended. */
  readonly onGiveUp: (reason: LeaveReason) => void;
}

/** Waits of 0.25 s, 0.5 s, 1 s, then 2 s: short, because the seat is kept only for the window. */
const BACKOFF: Backoff = { firstMs: 500, maxMs: 4000 };

export class Reconnect {
  private attempt = 0;
  private cancelTimer: CancelTimer | undefined;
  private active = false;

  constructor(
    private readonly ctx: ReconnectContext,
    /** The failure that started it. */
    readonly reason: LeaveReason,
    /** Clock time after which the host has given the seat up. */
    readonly deadline: number,
  ) {}

  /** True from `start` until a link opened, the attempts ended, or `cancel`. */
  get running(): boolean {
    return this.active;
  }

  start(): void {
    this.active = true;
    this.tryNow();
  }

  /** Tries again after the backoff: the last link failed before the host let it back in. */
  retry(): void {
    if (!this.active) return;
    // The lower end of each wait, without jitter: a client comes back alone, not in a crowd.
    const delay = backoffDelay(Math.max(0, this.attempt - 1), BACKOFF, 0);
    if (this.ctx.clock.now() + delay >= this.deadline) {
      this.giveUp(`no way back within the reconnect window`);
      return;
    }
    this.cancelTimer = this.ctx.clock.setTimer(delay, () => this.tryNow());
  }

  /** Stops trying; a link still opening is closed when it opens. */
  cancel(): void {
    this.active = false;
    this.cancelTimer?.();
    this.cancelTimer = undefined;
  }

  private tryNow(): void {
    this.cancelTimer = undefined;
    if (!this.active) return;
    this.ctx.onAttempt(++this.attempt);
    this.ctx.open().then(
      (transport) => {
        if (!this.active || this.ctx.clock.now() >= this.deadline) {
          transport.close('too late to reconnect');
          if (this.active) this.giveUp('no way back within the reconnect window');
          return;
        }
        this.ctx.onLink(transport);
      },
      (error: unknown) => {
        if (!this.active) return;
        if (isNetError(error, 'lobby_not_found')) this.giveUp('the host is gone');
        else this.retry();
      },
    );
  }

  private giveUp(why: string): void {
    this.cancel();
    this.ctx.onGiveUp({ code: this.reason.code, message: `${this.reason.message}; ${why}` });
  }
}
