/**
 * What a game gives tickwire: its rules as a pure `step`, and how its state becomes entities on the
 * wire. The host runs `step` authoritatively; each client runs the same `step` to predict its own
 * player, so the rules live in one place.
 */
import type { FieldValues, GameSchema } from '../protocol/schema.js';
import type { SnapshotEntity } from '../protocol/snapshot.js';

/** A player's id in a session: 0 is the host's own player, clients get 1 and up. */
export type PlayerId = number;

/** What `step` knows besides the state: the tick it computes, and on the host, the recent past. */
export interface StepContext<State> {
  /** The tick the returned state belongs to. */
  readonly tick: number;
  /** True on the host (authoritative), false when a client predicts. */
  readonly authoritative: boolean;
  /**
   * The authoritative state of an earlier tick, for lag compensation: judge a shot against where
   * the shooter saw its target. Clamped to the last few hundred ms; `undefined` on a client.
   */
  rewind(tick: number): State | undefined;
}

export interface Simulation<State, Input extends FieldValues> {
  /** How entities and inputs are quantized on the wire. */
  readonly schema: GameSchema;
  /** The input of a player who does nothing; stands in before any input arrives. */
  readonly neutralInput: Input;
  /** The state before any tick. */
  initialState(): State;
  /**
   * The state one tick later. Pure: it must not change `state`, keep state of its own or read a
   * clock. `inputs` holds the input of each player the caller knows one for (on a client, only its
   * own); a player missing from it does nothing this tick. `dt` is the tick length in seconds.
   */
  step(state: State, inputs: ReadonlyMap<PlayerId, Input>, dt: number, context: StepContext<State>): State;
  /** The state with a new player in it. */
  addPlayer(state: State, playerId: PlayerId, name: string): State;
  /** The state with a player gone. */
  removePlayer(state: State, playerId: PlayerId): State;
  /** Every entity that is sent, with the values of its schema's fields. */
  toEntities(state: State): readonly SnapshotEntity[];
  /**
   * The state these entities describe. `previous` is the state they replace, for anything the game
   * keeps out of the snapshot (static level data); it may be ignored.
   */
  fromEntities(entities: readonly SnapshotEntity[], previous: State): State;
  /** The id of the entity a player steers: the one its client predicts. */
  playerEntityId(playerId: PlayerId): number;
}
