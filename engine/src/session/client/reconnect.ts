/**
 * The client's way back after its connection failed: open a new link with backoff (0.25 s doubling
 * to 2 s, each wait stretched by a random share of up to as much again, so that the players of a
 * host whose network blinked do not all knock at the same moment) until one opens or the host's
 * reconnect window has passed. A try that takes over 5 s is not waited for (the next one starts;
 * the first link to open is used, any other closed), and a try with no link after 0.4 s gets one
 * companion try beside it: a WebRTC handshake whose first DTLS message is lost waits a whole second
 * to send it again (node-datachannel), and a second handshake begun meanwhile usually opens first.
 * A link that opens too late is closed at once;
 * an answer that the lobby is gone (`lobby_not_found`) ends the attempts, since the host is not
 * coming back. An answer that the lobby's host is gone and another player is taking the game over
 * (`host_gone`) is asked again within 0.1 to 0.2 s, a few times, before the backoff applies: a
 * takeover takes a moment, and the players should not sleep through it.
 */
import { backoffDelay, type Backoff } from '../../core/backoff.js';
import type { CancelTimer, Clock } from '../../core/clock.js';
import { isNetError } from '../../core/net-error.js';
import type { ClientTransport, LeaveReason } from '../../transport/transport.js';

export interface ReconnectContext {
  readonly clock: Clock;
  /** Opens a new link to the same host. */
  readonly open: () => Promise<ClientTransport>;
  /**
   * A float in [0, 1) for the jitter: where each wait falls between its least and twice that.
   * Left out, every wait is the least (no jitter).
   */
  readonly random?: () => number;
  /** An attempt begins. */
  readonly onAttempt: (attempt: number) => void;
  /** A link opened in time. */
  readonly onLink: (transport: ClientTransport) => void;
  /** No link in time, or the host is gone: `reason` is the original failure, with why it ended. */
  readonly onGiveUp: (reason: LeaveReason) => void;
}

/**
 * Waits of 0.25 to 0.5 s, 0.5 to 1 s, 1 to 2 s, then 2 to 4 s: short, because the seat is kept only
 * for the window.
 */
const BACKOFF: Backoff = { firstMs: 500, maxMs: 4000 };

/** How long one try may take before the next one starts (a try can hang while ICE does). */
export const ATTEMPT_TIMEOUT_MS = 5000;

/** A try with no link this long (ms) gets one companion try beside it. */
export const HEDGE_MS = 400;

/** After a `host_gone` answer the next try comes this soon, stretched by up to as much again (ms). */
export const TAKEOVER_POLL_MS = 100;
/** How many `host_gone` answers get a quick try; after them the backoff applies. */
export const TAKEOVER_POLLS = 10;

export class Reconnect {
  private attempt = 0;
  /** Tries made quickly after a `host_gone` answer: they do not lengthen the backoff. */
  private polls = 0;
  private active = false;
  /** True until a link is handed over, and again when that link failed before the welcome. */
  private needLink = true;
  private cancelBackoff: CancelTimer | undefined;
  private cancelWatch: CancelTimer | undefined;
  private cancelHedge: CancelTimer | undefined;

  constructor(
    private readonly ctx: ReconnectContext,
    /** The failure that started it. */
    readonly reason: LeaveReason,
    /** Clock time after which the host has given the seat up. */
    readonly deadline: number,
  ) {}

  /** True from `start` until the host let the client back in, the attempts ended, or `cancel`. */
  get running(): boolean {
    return this.active;
  }

  start(): void {
    this.active = true;
    this.tryNow();
  }

  /**
   * Tries again after the backoff: the last try failed or hung, or its link failed before the host
   * let it back in.
   */
  retry(): void {
    this.retryAfter(backoffDelay(Math.max(0, this.attempt - 1 - this.polls), BACKOFF, this.ctx.random?.() ?? 0));
  }

  private retryAfter(delay: number): void {
    if (!this.active || this.cancelBackoff) return;
    this.needLink = true;
    this.stopWatching();
    if (this.ctx.clock.now() + delay >= this.deadline) {
      this.giveUp('no way back within the reconnect window');
      return;
    }
    this.cancelBackoff = this.ctx.clock.setTimer(delay, () => {
      this.cancelBackoff = undefined;
      this.tryNow();
    });
  }

  /** Stops trying; a link still opening is closed when it opens. */
  cancel(): void {
    this.active = false;
    this.cancelBackoff?.();
    this.cancelBackoff = undefined;
    this.stopWatching();
  }

  private stopWatching(): void {
    this.cancelWatch?.();
    this.cancelHedge?.();
    this.cancelWatch = undefined;
    this.cancelHedge = undefined;
  }

  /** Starts a try; `hedge`: one companion try may follow if this one has no link after `HEDGE_MS`. */
  private tryNow(hedge = true): void {
    if (!this.active || !this.needLink) return;
    const attempt = ++this.attempt;
    this.ctx.onAttempt(attempt);
    // A try that hangs is not waited for: the next one starts, and whichever link opens first is used.
    const budget = Math.min(ATTEMPT_TIMEOUT_MS, this.deadline - this.ctx.clock.now());
    this.stopWatching();
    this.cancelWatch = this.ctx.clock.setTimer(budget, () => this.retry());
    if (hedge && HEDGE_MS < budget) {
      this.cancelHedge = this.ctx.clock.setTimer(HEDGE_MS, () => {
        this.cancelHedge = undefined;
        if (attempt === this.attempt) this.tryNow(false);
      });
    }
    this.ctx.open().then(
      (transport) => this.opened(transport),
      (error: unknown) => {
        if (!this.active || !this.needLink) return;
        if (isNetError(error, 'lobby_not_found')) this.giveUp('the host is gone');
        // A try given up on already has its successor on the way.
        else if (attempt !== this.attempt) return;
        else if (isNetError(error, 'host_gone') && this.polls < TAKEOVER_POLLS) {
          this.polls++;
          this.retryAfter(TAKEOVER_POLL_MS * (1 + (this.ctx.random?.() ?? 0)));
        } else this.retry();
      },
    );
  }

  private opened(transport: ClientTransport): void {
    const late = this.ctx.clock.now() >= this.deadline;
    if (!this.active || !this.needLink || late) {
      transport.close(late ? 'too late to reconnect' : 'another link got there first');
      if (this.active && this.needLink) this.giveUp('no way back within the reconnect window');
      return;
    }
    this.needLink = false;
    this.cancelBackoff?.();
    this.cancelBackoff = undefined;
    this.stopWatching();
    this.ctx.onLink(transport);
  }

  private giveUp(why: string): void {
    this.cancel();
    this.ctx.onGiveUp({ code: this.reason.code, message: `${this.reason.message}; ${why}` });
  }
}
