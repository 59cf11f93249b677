/**
 * Where the engine's untyped insides meet the game's types. Entities are built field by field from
 * the game's own schema (quantized, then read back by `dequantizeValues`), so their values have the
 * schema's types; event payloads are what the engine emits for the declared message types. These
 * two functions say so to the compiler, in one place.
 */
import type { Listener } from '../core/emitter.js';
import type { EntityOf, GameSchema } from '../protocol/schema.js';
import type { EntityView } from './entity-fields.js';

/** What to draw: the same shape on the host and on a client. */
export interface GameView<Schema extends GameSchema = GameSchema> {
  /** The newest simulated tick (on a client, its newest predicted one); -1 before there is one. */
  readonly tick: number;
  /** The host tick the entities are drawn at (fractional); -1 before there is anything to draw. */
  readonly renderTick: number;
  /** Every entity, typed by its schema type: check `type` to narrow `values`. */
  readonly entities: readonly EntityOf<Schema>[];
}

/** Entities read back from the schema's quantization, typed by that schema. */
export function typedEntities<Schema extends GameSchema>(entities: readonly EntityView[]): readonly EntityOf<Schema>[] {
  return entities as readonly EntityOf<Schema>[];
}

/** A listener for a typed event, as the engine's emitter holds it (it emits only declared payloads). */
export function typedListener<Payload, Emitted>(listener: (payload: Payload) => void): Listener<Emitted> {
  return listener as unknown as Listener<Emitted>;
}
