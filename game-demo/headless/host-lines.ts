/**
 * The lines the dedicated host prints (`host.ts`): as sentences, or with `--json` as these objects.
 */
import { fixed } from './printer.js';

/** The lobby is open: share the code. Printed again when the broker gave the lobby a new code. */
export interface HostLobbyLine {
  readonly event: 'lobby';
  readonly code: string;
  /** The code this one replaces, after a broker restart (it leads nowhere now); absent at first. */
  readonly previous?: string;
  readonly broker: string;
  /** Opens the demo with the code filled in. */
  readonly joinLink: string;
  readonly tickRate: number;
  readonly snapshotRate: number;
  readonly snapshotReliability: string;
  readonly maxPlayers: number;
}

/** A player is in the game. */
export interface HostJoinedLine {
  readonly event: 'joined';
  readonly playerId: number;
  readonly name: string;
  /** Players in the game now. */
  readonly players: number;
}

/** A player left the game. */
export interface HostLeftLine {
  readonly event: 'left';
  readonly playerId: number;
  readonly name: string;
  /** `closed` when the player said goodbye; `connection_lost`, `timeout` or `local` (dropped by the host) otherwise. */
  readonly reason: string;
  readonly message: string;
  readonly players: number;
}

/** A player's connection failed and its seat waits for it (`away`), or it came back on a new one (`returned`). */
export interface HostSeatLine {
  readonly event: 'away' | 'returned';
  readonly playerId: number;
  readonly name: string;
  readonly message: string;
}

/** Figures over the window since the previous stats line. */
export interface HostStatsLine {
  readonly event: 'stats';
  /** Length of the window, seconds. */
  readonly seconds: number;
  readonly players: number;
  readonly tick: number;
  /** Ticks simulated per second over the window. */
  readonly ticksPerSecond: number;
  /** Time spent in `host.step()`, ms. */
  readonly stepP50Ms: number;
  readonly stepP99Ms: number;
  readonly stepMaxMs: number;
  /** This process's CPU time, percent of one core. */
  readonly cpuPercent: number;
  /** Bytes sent to (received from) each client on both channels, kilobits per second. */
  readonly kbpsOutPerClient: number;
  readonly kbpsInPerClient: number;
  /** Mean size of one client's snapshot: `state` channel bytes sent over snapshots sent. */
  readonly snapshotBytes: number;
  /** Snapshots held back from clients whose `state` channel was backed up. */
  readonly snapshotsSkipped: number;
  /** Mean round trip of the clients' links, ms, when measured. */
  readonly rttMs?: number;
}

/** Something the host says besides players and stats. */
export interface HostNoticeLine {
  /**
   * `warning`: the game goes on (the broker went away); `notice`: what a warning was about is over
   * (the broker is back); `closing`: a signal arrived and the host is saying goodbye.
   */
  readonly event: 'warning' | 'notice' | 'closing';
  readonly message: string;
}

/** Every line the dedicated host prints. */
export type HostLine = HostLobbyLine | HostJoinedLine | HostLeftLine | HostSeatLine | HostStatsLine | HostNoticeLine;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A host line as a sentence. */
export function describeHostLine(line: HostLine): string {
  switch (line.event) {
    case 'lobby':
      return (
        (line.previous === undefined ? '' : `tickwire host: the broker gave the lobby a new code; ${line.previous} leads nowhere now\n`) +
        `tickwire host: lobby ${line.code} is open on ${line.broker} (${line.tickRate} Hz ticks, ${line.snapshotRate} Hz ${line.snapshotReliability} snapshots, ` +
        `up to ${plural(line.maxPlayers, 'player')}; the match is on)\ntickwire host: join at ${line.joinLink}, or: npm run bots -- --code ${line.code}`
      );
    case 'joined':
      return `tickwire host: + player ${line.playerId} "${line.name}" joined (${plural(line.players, 'player')})`;
    case 'left':
      return `tickwire host: - player ${line.playerId} "${line.name}" left: ${line.reason}, ${line.message} (${plural(line.players, 'player')})`;
    case 'away':
      return `tickwire host: ~ player ${line.playerId} "${line.name}" lost its connection (${line.message}); its seat waits for it`;
    case 'returned':
      return `tickwire host: ~ player ${line.playerId} "${line.name}" is back on a new connection`;
    case 'stats':
      return (
        `tickwire host: ${plural(line.players, 'player')}, tick ${line.tick} at ${fixed(line.ticksPerSecond)}/s, ` +
        `step p50 ${fixed(line.stepP50Ms, 2)} ms p99 ${fixed(line.stepP99Ms, 2)} ms max ${fixed(line.stepMaxMs, 2)} ms, cpu ${fixed(line.cpuPercent, 0)}%, ` +
        `per client ${fixed(line.kbpsOutPerClient)} kbps out ${fixed(line.kbpsInPerClient)} kbps in, snapshot ${fixed(line.snapshotBytes, 0)} B, rtt ${fixed(line.rttMs)} ms`
      );
    case 'warning':
    case 'notice':
    case 'closing':
      return `tickwire host: ${line.message}`;
  }
}
