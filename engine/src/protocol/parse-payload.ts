/**
 * The bound on a game message's payload. The engine does not know what a game's messages mean, so
 * it only guarantees that a payload is plain data of bounded depth: no class instances (msgpackr
 * can still decode dates, sets, errors, bigints), no non-finite numbers, nothing deeper than a
 * recursive game validator should have to walk. Size is bounded already, before decoding.
 */
import { MAX_PAYLOAD_DEPTH } from './message-limits.js';

/**
 * True when `value` is null, a boolean, a finite number, a string, a `Uint8Array`, or an array or
 * plain object of those, with at most `maxDepth` arrays/objects nested.
 */
export function isPlainPayload(value: unknown, maxDepth = MAX_PAYLOAD_DEPTH): boolean {
  return isPlain(value, 0, maxDepth);
}

function isPlain(value: unknown, depth: number, maxDepth: number): boolean {
  switch (typeof value) {
    case 'boolean':
    case 'string':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object':
      break;
    default:
      return false;
  }
  if (value === null || value instanceof Uint8Array) return true;
  if (depth >= maxDepth) return false;
  if (Array.isArray(value)) {
    const items: readonly unknown[] = value;
    return items.every((item) => isPlain(item, depth + 1, maxDepth));
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  const fields: readonly unknown[] = Object.values(value);
  return fields.every((item) => isPlain(item, depth + 1, maxDepth));
}
