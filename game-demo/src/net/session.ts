/**
 * What the page needs from a game in progress, whether this tab hosts it or joined it: the
 * players, what to draw each frame, where the controls go, the net graph's figures, the simulated
 * network's knobs, and events for the lobby and for the end.
 */
import type { LinkConditions, PlayerInfo, Unsubscribe, VoicePort } from 'tickwire';
import type { ArenaEntity } from '../sim/schema.js';
import type { LinkFigures } from './link-meter.js';
import type { LobbyInfo } from './messages.js';

/** A player in the lobby. */
export interface PlayerName {
  readonly id: number;
  readonly name: string;
}

/** The engine's list of players as the lobby shows it: a player whose link failed is marked. */
export function playerNames(players: readonly PlayerInfo[]): PlayerName[] {
  return players.map(({ playerId, name, away }) => ({ id: playerId, name: away ? `${name} (reconnecting)` : name }));
}

/** The keys a player holds. */
export interface Controls {
  readonly dx: number;
  readonly dy: number;
  readonly fire: boolean;
}

/** What to draw now. */
export interface Frame {
  /** The host tick the world is drawn at, fractional (for timers such as a pickup's return). */
  readonly tick: number;
  readonly entities: readonly ArenaEntity[];
}

/** What drives the host's tick: a Worker (unthrottled in a hidden tab), or the page's own timers. */
export interface HostTiming {
  readonly timers: 'worker' | 'page';
  /** Why the page's timers drive it, when a Worker was wanted and could not. */
  readonly fallbackReason: string | undefined;
  /** Ticks simulated per second, measured. */
  readonly ticksPerSecond: number;
  /** Ticks skipped so far because the host fell too far behind (throttled or stalled timers). */
  readonly ticksSkipped: number;
}

/**
 * What came of the clients' inputs on the host: those that arrived after their tick (the main cause
 * of prediction corrections) and the ticks that went without one (the previous input stood in).
 */
export interface InputFigures {
  readonly late: number;
  readonly missing: number;
}

/** Everything the net graph shows. */
export interface NetFigures {
  readonly role: 'host' | 'client';
  readonly tick: number;
  readonly lobby: LobbyInfo | undefined;
  /** Snapshots so far: sent to all clients (the host), or received and applied (a client). */
  readonly snapshots: number;
  /** The host's timing; undefined on a client. */
  readonly timing: HostTiming | undefined;
  /** Snapshots per second, measured (received by a client; sent to each client by the host). */
  readonly snapshotsPerSecond: number;
  /** Bytes of the newest snapshot (the host: per client, on average). */
  readonly snapshotBytes: number;
  readonly interpolationDelayMs: number | undefined;
  readonly jitterMs: number | undefined;
  /** Prediction corrections so far, and the size of the newest. */
  readonly corrections: number;
  readonly lastCorrection: number;
  /** On the host, every client's inputs taken together; undefined on a client. */
  readonly inputs: InputFigures | undefined;
  /** The client's link to its host; on the host, every client's link taken together. */
  readonly link: LinkFigures;
  /** On the host, each client's link and inputs. */
  readonly peers: readonly (LinkFigures & { readonly playerId: number; readonly name: string; readonly inputs: InputFigures })[];
  /** The newest RTT and bandwidth figures, oldest first, four a second. */
  readonly history: { readonly rtt: readonly number[]; readonly kbpsIn: readonly number[]; readonly kbpsOut: readonly number[] };
}

export interface SessionEvents {
  /** The player list changed. */
  players: readonly PlayerName[];
  /** The lobby's settings or its started flag changed. */
  lobby: LobbyInfo;
  /** Something went wrong that does not end the game (the broker went away). */
  warning: { readonly message: string };
  /** What the last warning was about is over (the broker is back). */
  warningCleared: { readonly message: string };
  /** The game is over for this tab (refused, the host left, the link broke). */
  ended: { readonly message: string };
  /** The host left and this tab hosts the game now (host migration): `session` goes on from here. */
  becameHost: { readonly session: GameSession };
}

export interface GameSession {
  readonly isHost: boolean;
  /** The lobby code friends join with. */
  readonly code: string;
  readonly localPlayerId: number | undefined;
  readonly lobby: LobbyInfo | undefined;
  /** The engine session's voice signaling, for the voice chat (net/voice-session.ts). */
  readonly voicePort: VoicePort;
  players(): readonly PlayerName[];
  frame(): Frame;
  setControls(controls: Controls): void;
  net(): NetFigures;
  /** Simulated latency, jitter and loss on this tab's traffic. */
  setConditions(conditions: Partial<LinkConditions>): void;
  /** Starts the match (the host only; clients follow). */
  startMatch(): void;
  /** Leaves (a client) or ends the game for everyone (the host). */
  close(): void;
  on<K extends keyof SessionEvents>(event: K, listener: (payload: SessionEvents[K]) => void): Unsubscribe;
}

/** How often the net graph's figures are sampled, and reports exchanged. */
export const SAMPLE_MS = 250;
export const REPORT_MS = 1000;
