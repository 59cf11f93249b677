/**
 * One bot: a demo client session (the same `joinSession` a browser tab plays through: prediction,
 * interpolation, `hello` and `netstats`) with a brain at the keys instead of a keyboard. Like the
 * page, it holds still until the host has started the match.
 */
import type { Unsubscribe } from 'tickwire';
import type { GameSession } from '../src/net/session.js';
import { arenaView } from '../src/render/arena-view.js';
import { IDLE, type BotBrain, type Sight } from './bot-brain.js';
import type { BotReportLine } from './bot-lines.js';
import { round } from './printer.js';

/** One bot in a game. */
export class Bot {
  constructor(
    /** 1 to `--count`. */
    readonly index: number,
    readonly name: string,
    private readonly session: GameSession,
    private readonly brain: BotBrain,
  ) {}

  get playerId(): number | undefined {
    return this.session.localPlayerId;
  }

  /** Decides the keys for now (ms) and holds them until the next call. */
  think(now: number): void {
    const started = this.session.lobby?.started ?? false;
    this.session.setControls(started ? this.brain.think(now, this.sight()) : IDLE);
  }

  /** The game ended under this bot (the host left, the link broke): `message` says why. */
  onEnded(listener: (message: string) => void): Unsubscribe {
    return this.session.on('ended', ({ message }) => listener(message));
  }

  onWarning(listener: (message: string) => void): Unsubscribe {
    return this.session.on('warning', ({ message }) => listener(message));
  }

  /** Leaves the game, saying goodbye to the host. */
  leave(): void {
    this.session.close();
  }

  /** What the bot measures and sees now. */
  report(): BotReportLine {
    const net = this.session.net();
    const { ships } = arenaView(this.session.frame().entities);
    const me = ships.find((s) => s.id === this.playerId);
    return {
      event: 'report',
      bot: this.index,
      name: this.name,
      playerId: this.playerId ?? -1,
      ...(net.link.rttMs === undefined ? {} : { rttMs: round(net.link.rttMs, 2) }),
      corrections: net.corrections,
      snapshotsPerSecond: round(net.snapshotsPerSecond),
      ...(me ? { x: round(me.x), y: round(me.y) } : {}),
      ships: ships.map((s) => ({ id: s.id, x: round(s.x), y: round(s.y) })),
    };
  }

  private sight(): Sight | undefined {
    const { ships } = arenaView(this.session.frame().entities);
    const me = ships.find((s) => s.id === this.playerId);
    return me ? { me, others: ships.filter((s) => s !== me) } : undefined;
  }
}
