/**
 * The tunables a game sets on its host and clients, merged over defaults and range-checked once,
 * at construction: a bad value is a `NetError('invalid_option')` whose message names the option.
 */
import { NetError } from '../core/net-error.js';
import { MAX_INTERPOLATION_DELAY_MS } from '../netcode/interpolation-delay.js';
import { MAX_RESUME_WINDOW_MS } from '../protocol/message-limits.js';

/** How the snapshot stream travels: `unreliable` on the `state` channel, or `reliable` on `control` to compare. */
export type SnapshotReliability = 'unreliable' | 'reliable';

/** The host's tunables, each with its default and range (see the README's table). */
export interface HostTunables {
  /** Simulation steps per second, 20 to 120 (default 60). */
  readonly tickRate: number;
  /** Snapshots per second; must divide the tick rate (default: the largest divisor of tickRate up to 30). */
  readonly snapshotRate: number;
  /** How snapshots travel (default `unreliable`). */
  readonly snapshotReliability: SnapshotReliability;
  /** Players including the host's own, 1 to 64 (default 8). */
  readonly maxPlayers: number;
}

/** The client's tunables, each with its default and range (see the README's table). */
export interface ClientTunables {
  /** How many earlier unacknowledged inputs ride along with each new one, 0 to 15 (default 3). */
  readonly inputRedundancy: number;
  /** Delay behind the host at which remote entities are drawn: `'auto'` or fixed ms, 0 to 1000 (default `'auto'`). */
  readonly interpolationDelay: 'auto' | number;
  /**
   * A correction that moves the local player further than this (the distance over its entity's
   * `fixed` fields, in the schema's units) snaps to the host's position instead of gliding there: a
   * respawn or a teleport. 0 or more, `Infinity` (the default) for never.
   */
  readonly snapDistance: number;
}

export const TICK_RATE_RANGE = [20, 120] as const;
export const MAX_PLAYERS_RANGE = [1, 64] as const;

function fail(option: string, message: string): never {
  throw new NetError('invalid_option', `${option} ${message}`);
}

function integerIn(option: string, value: number, [min, max]: readonly [number, number]): number {
  if (!Number.isInteger(value) || value < min || value > max) fail(option, `must be an integer from ${min} to ${max}, got ${String(value)}`);
  return value;
}

/** The largest divisor of `tickRate` that is at most 30. */
function defaultSnapshotRate(tickRate: number): number {
  for (let rate = Math.min(30, tickRate); rate > 1; rate--) if (tickRate % rate === 0) return rate;
  return 1;
}

export function resolveHostTunables(options: Partial<HostTunables>): HostTunables {
  const tickRate = integerIn('tickRate', options.tickRate ?? 60, TICK_RATE_RANGE);
  const snapshotRate = integerIn('snapshotRate', options.snapshotRate ?? defaultSnapshotRate(tickRate), [1, tickRate]);
  if (tickRate % snapshotRate !== 0) fail('snapshotRate', `must divide tickRate ${tickRate}, got ${snapshotRate}`);
  const snapshotReliability = options.snapshotReliability ?? 'unreliable';
  if (snapshotReliability !== 'unreliable' && snapshotReliability !== 'reliable') {
    fail('snapshotReliability', `must be 'unreliable' or 'reliable', got ${String(snapshotReliability)}`);
  }
  const maxPlayers = integerIn('maxPlayers', options.maxPlayers ?? 8, MAX_PLAYERS_RANGE);
  return { tickRate, snapshotRate, snapshotReliability, maxPlayers };
}

/** How long a new connection has to say hello before the host cuts it off, in ms: 100 to 60 000 (default 5000). */
export function resolveHandshakeTimeoutMs(value: number | undefined): number {
  return integerIn('handshakeTimeoutMs', value ?? 5000, [100, 60_000]);
}

/** How long a dropped client's seat is kept, in ms: 0 to an hour (default 10 000). */
export function resolveReconnectWindowMs(value: number | undefined): number {
  return integerIn('reconnectWindowMs', value ?? 10_000, [0, MAX_RESUME_WINDOW_MS]);
}

export function resolveClientTunables(options: Partial<ClientTunables>): ClientTunables {
  const inputRedundancy = integerIn('inputRedundancy', options.inputRedundancy ?? 3, [0, 15]);
  const interpolationDelay = options.interpolationDelay ?? 'auto';
  const maxDelay = MAX_INTERPOLATION_DELAY_MS;
  if (interpolationDelay !== 'auto' && !(typeof interpolationDelay === 'number' && interpolationDelay >= 0 && interpolationDelay <= maxDelay)) {
    fail('interpolationDelay', `must be 'auto' or a number of ms from 0 to ${maxDelay}, got ${String(interpolationDelay)}`);
  }
  const snapDistance = options.snapDistance ?? Infinity;
  if (!(typeof snapDistance === 'number' && snapDistance >= 0)) fail('snapDistance', `must be a number from 0 (Infinity for never), got ${String(snapDistance)}`);
  return { inputRedundancy, interpolationDelay, snapDistance };
}

/**
 * What becomes of a value in the game's own entities or inputs that quantizing must change (NaN,
 * out of range, an unknown enum value, a missing field): `'warn'` says the first of each kind,
 * `'throw'` throws `NetError('invalid_value')` from the call that handed it over, `'off'` says
 * nothing. Every one is counted in `stats().valueProblems` whatever the mode.
 */
export type ValueChecks = 'warn' | 'throw' | 'off';

/** How the game's own bad values are reported: the `validate` mode and the `warn` sink. */
export interface ValueCheckOptions {
  /**
   * A NaN, an out-of-range number, an unknown enum value or a missing field in the game's own
   * entities (`toEntities`) or inputs (`setInput`): `'warn'` (default) says the first of each entity
   * type (or input), field and kind through `warn`; `'throw'` throws `NetError('invalid_value')`,
   * for development; `'off'` says nothing. Every one is counted in `stats().valueProblems`.
   */
  readonly validate?: ValueChecks;
  /** Where warnings go (default `console.warn`). */
  readonly warn?: (message: string) => void;
}

/** `validate` (default `'warn'`) and the `warn` sink (default `console.warn`), checked. */
export function resolveValueChecks(options: ValueCheckOptions): { readonly mode: ValueChecks; readonly warn: (message: string) => void } {
  const mode = options.validate ?? 'warn';
  if (mode !== 'warn' && mode !== 'throw' && mode !== 'off') fail('validate', `must be 'warn', 'throw' or 'off', got ${String(mode)}`);
  const warn = options.warn ?? ((message: string) => console.warn(message));
  if (typeof warn !== 'function') fail('warn', `must be a function of one message, got ${typeof warn}`);
  return { mode, warn };
}
