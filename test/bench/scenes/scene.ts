/**
 * A benchmark scene: a real tickwire `Simulation` plus what the benchmarks need around it. Every
 * scene is seeded and deterministic: the same seed gives the same world tick for tick.
 */
import type { GameSchema, InputOf } from '../../../engine/src/protocol/schema.js';
import type { SnapshotEntity } from '../../../engine/src/protocol/snapshot.js';
import type { PlayerId, Simulation } from '../../../engine/src/session/simulation.js';

/** A scene's game, which always names its neutral input: what a scripted player that lets go sends. */
export type SceneSimulation<State, Schema extends GameSchema> = Simulation<State, Schema> & { readonly neutralInput: InputOf<Schema> };

export interface BenchScene<State, Schema extends GameSchema> {
  readonly name: string;
  readonly simulation: SceneSimulation<State, Schema>;
  /** The scene's own rates (what the wire benchmark runs at). */
  readonly tickRate: number;
  readonly snapshotRate: number;
  /** Clients that play the scene in the wire benchmark: one snapshot stream each. */
  readonly clients: number;
  /** What a scripted player sends `seconds` into the game: the same steering the scene's autopilot uses. */
  botInput(playerId: PlayerId, seconds: number): InputOf<Schema>;
  /** Entities the scene has: the same count whatever the seed. */
  readonly entityCount: number;
  /** Two views of a player's entity closer than this (`entityDistance`) look the same on screen. */
  readonly convergeTolerance: number;
}

/** Runs `use` on a scene whatever its state and schema types: how drivers take any scene. */
export type SceneUser<R> = <State, Schema extends GameSchema>(scene: BenchScene<State, Schema>) => R;

/** A scene with its types hidden behind {@link SceneUser}. */
export interface SomeScene {
  readonly name: string;
  use<R>(user: SceneUser<R>): R;
}

/** Wraps a scene so that it can sit in a list beside scenes of other types. */
export function someScene<State, Schema extends GameSchema>(scene: BenchScene<State, Schema>): SomeScene {
  return { name: scene.name, use: (user) => user(scene) };
}

/** The entities as full JSON and msgpack send them: flat objects, floats as the game holds them. */
export function flatEntities(entities: readonly SnapshotEntity[]): Record<string, unknown>[] {
  return entities.map((e) => ({ id: e.id, type: e.type, ...e.values }));
}
