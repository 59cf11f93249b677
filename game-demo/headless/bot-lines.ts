/**
 * The lines the bots print (`bots.ts`): as sentences, or with `--json` as these objects.
 */
import { fixed } from './printer.js';

/** A bot is in the game. */
export interface BotJoinedLine {
  readonly event: 'joined';
  readonly bot: number;
  readonly name: string;
  readonly playerId: number;
  readonly code: string;
}

/** A bot could not join (the lobby is full, the host did not answer). */
export interface BotFailedLine {
  readonly event: 'failed';
  readonly bot: number;
  readonly name: string;
  readonly message: string;
}

/** One bot's figures and what it sees. */
export interface BotReportLine {
  readonly event: 'report';
  readonly bot: number;
  readonly name: string;
  readonly playerId: number;
  /** Round trip to the host, ms (the engine's clock sync), once measured. */
  readonly rttMs?: number;
  /** Prediction corrections so far. */
  readonly corrections: number;
  readonly snapshotsPerSecond: number;
  /** Its own ship, when in play. */
  readonly x?: number;
  readonly y?: number;
  /** Every ship it draws, its own included. */
  readonly ships: readonly { readonly id: number; readonly x: number; readonly y: number }[];
}

/** The whole process over the window since the previous stats line. */
export interface BotStatsLine {
  readonly event: 'stats';
  readonly seconds: number;
  readonly playing: number;
  /** This process's CPU time (every bot together), percent of one core. */
  readonly cpuPercent: number;
  /** Mean round trip of the bots, ms, when measured. */
  readonly rttMs?: number;
  /** Prediction corrections of every bot in the window. */
  readonly corrections: number;
}

/** The game ended for one bot; `message` says why (the host left, the link broke). */
export interface BotEndedLine {
  readonly event: 'ended';
  readonly bot: number;
  readonly name: string;
  readonly message: string;
}

/** Something the whole process says. */
export interface BotNoticeLine {
  /** `warning`: the game goes on (the broker went away); `closing`: a signal arrived and the bots are leaving. */
  readonly event: 'warning' | 'closing';
  readonly message: string;
}

/** Every line the bots print. */
export type BotLine = BotJoinedLine | BotFailedLine | BotReportLine | BotStatsLine | BotEndedLine | BotNoticeLine;

/** A bot line as a sentence. */
export function describeBotLine(line: BotLine): string {
  switch (line.event) {
    case 'joined':
      return `${line.name}: joined lobby ${line.code} as player ${line.playerId}`;
    case 'failed':
      return `${line.name}: could not join: ${line.message}`;
    case 'report': {
      const at = line.x === undefined || line.y === undefined ? 'waiting to respawn' : `at (${fixed(line.x, 0)}, ${fixed(line.y, 0)})`;
      return (
        `${line.name} (player ${line.playerId}): rtt ${fixed(line.rttMs)} ms, ${line.corrections} correction${line.corrections === 1 ? '' : 's'}, ` +
        `${fixed(line.snapshotsPerSecond, 0)} snapshots/s, ${at}, ${line.ships.length - 1} other ship${line.ships.length === 2 ? '' : 's'} in view`
      );
    }
    case 'stats':
      return `bots: ${line.playing} playing, mean rtt ${fixed(line.rttMs)} ms, ${line.corrections} corrections in ${fixed(line.seconds, 0)} s, cpu ${fixed(line.cpuPercent, 0)}% of a core`;
    case 'ended':
      return `${line.name}: ${line.message}`;
    case 'warning':
    case 'closing':
      return `bots: ${line.message}`;
  }
}
