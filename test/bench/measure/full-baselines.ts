/**
 * What the same snapshot costs sent naively, whole every time: as JSON text, and as msgpackr
 * (`pack`, standard msgpack maps with key strings) of unquantized floats. The entities are the
 * game's own (`toEntities`), flattened to `{ id, type, ...values }`, the leanest plain shape.
 */
import { pack } from 'msgpackr';
import type { SnapshotEntity } from '../../../engine/src/protocol/snapshot.js';
import { flatEntities } from '../scenes/scene.js';

const utf8 = new TextEncoder();

/** The snapshot as JSON, as bytes on the wire. */
export function jsonFull(tick: number, entities: readonly SnapshotEntity[]): Uint8Array {
  return utf8.encode(JSON.stringify({ tick, entities: flatEntities(entities) }));
}

/** The snapshot as msgpackr with no quantization. */
export function msgpackFull(tick: number, entities: readonly SnapshotEntity[]): Uint8Array {
  return pack({ tick, entities: flatEntities(entities) });
}
