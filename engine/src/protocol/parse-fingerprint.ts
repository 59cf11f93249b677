/**
 * Validation of the schema fingerprint a `hello` carries, from a decoded `unknown`: an array
 * `[hash, types, input, messages]` of 32-bit codes, each list no longer than a valid schema can make
 * it, so a stranger's hello costs the host at most what an honest one can.
 */
import { MAX_GAME_MESSAGE_TYPE } from './message-limits.js';
import { MAX_ENTITY_TYPES, MAX_FIELDS } from './schema.js';
import type { SchemaFingerprint } from './schema-fingerprint.js';
import { isBoundedArray, isUint } from './wire-checks.js';

const MAX_CODE = 0xffffffff;

/** The fingerprint, or undefined when `value` is not one. */
export function parseFingerprint(value: unknown): SchemaFingerprint | undefined {
  if (!isBoundedArray(value, 4) || value.length !== 4) return undefined;
  const [hash, types, input, messages] = value;
  if (!isUint(hash, MAX_CODE)) return undefined;
  if (!isCodeList(input, MAX_FIELDS) || !isCodeList(messages, MAX_GAME_MESSAGE_TYPE + 1)) return undefined;
  if (!isTypeList(types)) return undefined;
  return { hash, types, input, messages };
}

/** Entity types: each its name's hash, then its fields' codes. */
function isTypeList(value: unknown): value is readonly (readonly number[])[] {
  return isBoundedArray(value, MAX_ENTITY_TYPES) && value.every((type) => isCodeList(type, MAX_FIELDS + 1) && type.length >= 1);
}

function isCodeList(value: unknown, maxLength: number): value is readonly number[] {
  return isBoundedArray(value, maxLength) && value.every((code) => isUint(code, MAX_CODE));
}
