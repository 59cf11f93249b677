/**
 * What a game gives tickwire: its rules as a pure `step`, and how its state becomes entities on the
 * wire. The host runs `step` authoritatively; each client runs the same `step` to predict its own
 * player, so the rules live in one place.
 *
 * Every state, on both sides, goes through the wire's quantization as it is made: `toEntities`,
 * quantize, `fromEntities(entities, previous)`. That round trip is also the only way anything the
 * entities do not carry (a match clock, scores kept aside, level data) reaches the next tick, so
 * `fromEntities` must copy it from `previous`: `(entities, previous) => ({ ...previous, ships: shipsOf(entities) })`.
 */
import type { EntityOf, GameSchema, InputOf } from '../protocol/schema.js';

/** A player's id in a session: 0 is the host's own player, clients get 1 and up. */
export type PlayerId = number;

/** What `step` knows besides the state: the tick it computes, and on the host, the recent past. */
export interface StepContext<State> {
  /** The tick the returned state belongs to. */
  readonly tick: number;
  /** True on the host (authoritative), false when a client predicts. */
  readonly authoritative: boolean;
  /**
   * The host tick a player was drawing the others at when it made its input for this tick (each
   * client says so with every input), clamped to the host's rewind window (`maxRewindMs`). The
   * tick before this one for the host's own player, which draws the world one tick behind; on a
   * client, its own view for its own player.
   */
  viewTick(playerId: PlayerId): number;
  /**
   * The world as a player saw it when it made its input for this tick, for lag compensation:
   * judge a shot against where the shooter saw its target (`rewind(viewTick(playerId))`).
   * `undefined` on a client.
   */
  rewindFor(playerId: PlayerId): State | undefined;
  /**
   * The authoritative state of an earlier tick, clamped to the rewind window (`maxRewindMs`,
   * default 300 ms); `undefined` on a client.
   */
  rewind(tick: number): State | undefined;
}

/**
 * A game, as tickwire runs it. Whatever its functions throw inside the engine's loop is reported
 * with an `error` event on the host or client, which goes on without that result (see `HostEvents`).
 */
export interface Simulation<State, Schema extends GameSchema = GameSchema> {
  /** How entities and inputs are quantized on the wire; it types the inputs and the entities. */
  readonly schema: Schema;
  /**
   * The input of a player who does nothing; stands in before any input arrives. Default: each
   * input field's neutral value (0, or the value in range nearest it; `false`; an enum's first value).
   */
  readonly neutralInput?: InputOf<Schema>;
  /** The state before any tick. */
  initialState(): State;
  /**
   * The state one tick later. Pure: it must not change `state`, keep state of its own or read a
   * clock. `inputs` holds the input of each player the caller knows one for (on a client, only its
   * own); a player missing from it does nothing this tick. `dt` is the tick length in seconds.
   */
  step(state: State, inputs: ReadonlyMap<PlayerId, InputOf<Schema>>, dt: number, context: StepContext<State>): State;
  /** The state with a new player in it. */
  addPlayer(state: State, playerId: PlayerId, name: string): State;
  /** The state with a player gone. */
  removePlayer(state: State, playerId: PlayerId): State;
  /** Every entity that is sent, with the values of its schema's fields. */
  toEntities(state: State): readonly EntityOf<Schema>[];
  /**
   * The state these entities describe, with everything they do not carry copied from `previous`:
   * state rebuilt from entities alone loses the rest at the next tick. `previous` is always the
   * state of the same moment: the one `step`, `addPlayer` or `removePlayer` just returned, whose
   * entities these are once quantized; or, for a snapshot on a client, the client's own prediction
   * of the snapshot's tick (`initialState()` before it has one). A client never receives what
   * entities do not carry: its copy is what its own `step`s made of `initialState()`, and the host
   * never corrects it. So `step` must not move the predicted player by such state (every tick would
   * be a correction; `context.authoritative` says where `step` runs), and players see it through an
   * entity or a game message.
   */
  fromEntities(entities: readonly EntityOf<Schema>[], previous: State): State;
  /**
   * The id of the entity a player steers: the one its client predicts (one entity per player;
   * everything else is drawn interpolated). Leave it out, or return `undefined`, for a player who
   * steers nothing: its client predicts nothing.
   */
  playerEntityId?(playerId: PlayerId): number | undefined;
  /**
   * With host migration: the state as plain data (objects, arrays, strings, finite numbers,
   * booleans, null, byte arrays), sent to the next host. Leave it out when the state is plain data
   * already; a state with a Map, a Set or a class instance needs it, and `loadState` to undo it.
   */
  saveState?(state: State): unknown;
  /** The state that `saveState` saved, on the host that takes the game over. */
  loadState?(saved: unknown): State;
}

/** A simulation of any schema: how the engine's internals hold the game. */
export type AnySimulation<State> = Simulation<State, GameSchema>;
