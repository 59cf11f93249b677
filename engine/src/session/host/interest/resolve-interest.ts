/**
 * The `interest`, `bandwidth` and `priority` host options, checked once when the host is made: a
 * bad value is a `NetError('invalid_option')` naming the option, what it must be and what it got.
 * A budget too small for the snapshot header and the largest full record of the schema could never
 * spawn that entity, so it is refused with the smallest budget that works.
 */
import { NetError } from '../../../core/net-error.js';
import { intSize } from '../../../protocol/msgpack-size.js';
import { schemaLayout } from '../../../protocol/schema-layout.js';
import type { GameSchema } from '../../../protocol/schema.js';
import { fullHeader } from '../../../protocol/snapshot-delta.js';
import type { EntityPriority, InterestHostOptions, RelevanceFilter, SpatialInterest } from './interest-options.js';

/** A spatial interest with its defaults filled in. */
export interface ResolvedSpatial {
  readonly radius: number;
  readonly cellSize: number;
  readonly position: SpatialInterest['position'];
  readonly alwaysRelevant: SpatialInterest['alwaysRelevant'];
}

/** The options of this folder, checked: what the host's per-client streams need. */
export interface ResolvedInterest {
  readonly spatial: ResolvedSpatial | undefined;
  readonly filter: RelevanceFilter | undefined;
  /** Snapshot bytes per client, headers included; undefined for no cap. */
  readonly budgetBytes: number | undefined;
  readonly priority: EntityPriority | undefined;
}

/** The most bytes a snapshot header and its two empty arrays take (32-bit tick and ages). */
export const MAX_SNAPSHOT_OVERHEAD = 1 + 1 + 5 + 5 + 5 + 2 + 3 + 3;
/** The most bytes one wire value takes in msgpack (an int32). */
const MAX_VALUE_BYTES = 5;
const MAX_BUDGET_BYTES = 64 * 1150;

function fail(option: string, message: string): never {
  throw new NetError('invalid_option', `${option} ${message}`);
}

function positive(option: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) fail(option, `must be a finite number above 0, got ${String(value)}`);
  return value;
}

function optionalFunction<F>(option: string, value: F | undefined): F | undefined {
  if (value !== undefined && typeof value !== 'function') fail(option, `must be a function, got ${typeof value}`);
  return value;
}

/** The most bytes one full record of any of the schema's entity types can take. */
export function largestFullRecord(schema: GameSchema): number {
  const layout = schemaLayout(schema);
  let largest = 0;
  layout.types.forEach((type, index) => {
    largest = Math.max(largest, MAX_VALUE_BYTES + intSize(fullHeader(index)) + MAX_VALUE_BYTES * type.valueTypes.length);
  });
  return largest;
}

function resolveSpatial(spatial: SpatialInterest): ResolvedSpatial {
  const radius = positive('interest.radius', spatial.radius);
  const cellSize = spatial.cellSize === undefined ? radius : positive('interest.cellSize', spatial.cellSize);
  return {
    radius,
    cellSize,
    position: optionalFunction('interest.position', spatial.position),
    alwaysRelevant: optionalFunction('interest.alwaysRelevant', spatial.alwaysRelevant),
  };
}

function resolveBudget(options: InterestHostOptions<GameSchema>, schema: GameSchema, snapshotRate: number): number | undefined {
  const bandwidth = options.bandwidth;
  if (bandwidth === undefined) return undefined;
  if (typeof bandwidth !== 'object' || bandwidth === null) fail('bandwidth', `must be { kbps } or { bytesPerSnapshot }, got ${String(bandwidth)}`);
  const hasKbps = 'kbps' in bandwidth;
  if (hasKbps === 'bytesPerSnapshot' in bandwidth) fail('bandwidth', 'must have exactly one of kbps and bytesPerSnapshot');
  const bytes = hasKbps
    ? Math.floor((positive('bandwidth.kbps', bandwidth.kbps) * 1000) / 8 / snapshotRate)
    : positive('bandwidth.bytesPerSnapshot', (bandwidth as { bytesPerSnapshot: unknown }).bytesPerSnapshot);
  if (!Number.isInteger(bytes) && !hasKbps) fail('bandwidth.bytesPerSnapshot', `must be a whole number of bytes, got ${bytes}`);
  const least = MAX_SNAPSHOT_OVERHEAD + largestFullRecord(schema);
  if (bytes < least) {
    const what = hasKbps ? `bandwidth.kbps ${String((bandwidth as { kbps: number }).kbps)} gives ${bytes} bytes per snapshot at ${snapshotRate} snapshots/s, which` : `bandwidth.bytesPerSnapshot ${bytes}`;
    throw new NetError('invalid_option', `${what} cannot hold a snapshot header and the largest full entity record of the schema: give at least ${least} bytes per snapshot`);
  }
  return Math.min(bytes, MAX_BUDGET_BYTES);
}

/**
 * The checked options, or undefined when none is set (every client gets the whole world). The
 * game's callbacks are held as taking any entity: the engine only ever hands them entities of
 * `schema`, read back, which is what their own types say.
 */
export function resolveInterest<Schema extends GameSchema>(typed: InterestHostOptions<Schema>, schema: GameSchema, snapshotRate: number): ResolvedInterest | undefined {
  const options = typed as unknown as InterestHostOptions<GameSchema>;
  const { interest } = options;
  if (interest === undefined && options.bandwidth === undefined && options.priority === undefined) return undefined;
  let spatial: ResolvedSpatial | undefined;
  let filter: RelevanceFilter | undefined;
  if (typeof interest === 'function') filter = interest as RelevanceFilter;
  else if (typeof interest === 'object' && interest !== null) spatial = resolveSpatial(interest as SpatialInterest);
  else if (interest !== undefined) fail('interest', `must be { radius } or a function (entity, playerId) => boolean, got ${String(interest)}`);
  const budgetBytes = resolveBudget(options, schema, snapshotRate);
  const priority = optionalFunction('priority', options.priority as EntityPriority | undefined);
  if (priority !== undefined && budgetBytes === undefined) fail('priority', 'ranks updates under a bandwidth budget: set bandwidth too');
  return { spatial, filter, budgetBytes, priority };
}
