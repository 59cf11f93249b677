/**
 * A running host as a game holds it: what `createHost` returns, and what a client that takes the
 * game over is handed (`becameHost`). The one shape for both, so a game's hosting code does not
 * care how it came to host.
 */
import type { Unsubscribe } from '../core/emitter.js';
import type { GameSchema, InputOf } from '../protocol/schema.js';
import type { HostStats } from './host/host-stats.js';
import type { MessageName, MessageTypes, NoMessages, PayloadOf } from './message-declaration.js';
import type { PlayerInfo } from './player-info.js';
import type { HostEvents } from './session-events.js';
import type { PlayerId } from './simulation.js';
import type { GameView } from './typed-view.js';

/** A running host: see `Host` for what each member does. */
export interface GameHost<State, Schema extends GameSchema = GameSchema, Messages extends MessageTypes = NoMessages> {
  readonly tick: number;
  readonly state: State;
  on<K extends keyof HostEvents<Messages>>(event: K, listener: (payload: HostEvents<Messages>[K]) => void): Unsubscribe;
  view(): GameView<Schema>;
  setInput(input: InputOf<Schema>): void;
  send<Name extends MessageName<Messages>>(type: Name, payload: PayloadOf<Messages[Name]>, to?: PlayerId): void;
  players(): readonly PlayerInfo[];
  /** Who takes over if this host goes, the successor first. */
  heirs(): readonly PlayerId[];
  kick(playerId: PlayerId, reason?: string): void;
  stats(): HostStats;
  start(): void;
  stop(): void;
  /** The host's player leaves; with host migration the game goes on under the successor. */
  leave(): void;
  /** Ends the game for everyone. */
  close(): void;
}
