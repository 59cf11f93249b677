/**
 * The codec: the only module that imports msgpackr. Messages are plain msgpack arrays
 * (`[kind, ...fields]`), so the packer is configured for standard msgpack and nothing more:
 *
 * - `useRecords: false`: no record extension; positive integers below 128 take one byte.
 * - `moreTypes: false`, `structuredClone: false`: no Set/Map/Error/typed-array extensions on the way
 *   out, no object references on the way in (the structured-clone extensions then throw).
 * - `mapsAsObjects: true`: a msgpack map decodes to a plain object (only game payloads have any).
 * - `int64AsType: 'number'`: a 64-bit integer decodes to a number, never a bigint.
 * - `encodeUndefinedAsNil: true`: `undefined` is sent as nil, so what arrives is plain data.
 *
 * Decoding refuses bytes larger than the caller's limit before msgpackr sees them, then checks
 * their structure (`msgpack-guard.ts`: headers that claim more than the bytes hold, deep nesting,
 * extension types, trailing bytes), and turns every msgpackr error into a `ParseResult` so the
 * caller counts a drop without try/catch. Whatever comes out is `unknown` and is validated by
 * `parseMessage` before anyone uses it.
 */
import { Packr } from 'msgpackr';
import { NetError } from '../core/net-error.js';
import { msgpackProblem } from './msgpack-guard.js';
import { accept, refuse, type ParseResult } from './result.js';

const packr = new Packr({
  useRecords: false,
  moreTypes: false,
  structuredClone: false,
  mapsAsObjects: true,
  int64AsType: 'number',
  encodeUndefinedAsNil: true,
});

/**
 * Encodes one message array. The result is a view into msgpackr's write arena: it is never
 * overwritten by later calls, but its `.buffer` is shared, so send the view, not `.buffer`.
 * Throws `NetError('invalid_option')` if msgpackr cannot encode the value (e.g. a bigint too large).
 */
export function encodeMessage(value: readonly unknown[]): Uint8Array {
  try {
    return packr.pack(value);
  } catch (error) {
    throw new NetError('invalid_option', `cannot encode message: ${describe(error)}`, { cause: error });
  }
}

/**
 * Decodes one message. Refuses without decoding when `bytes.byteLength > maxBytes`; refuses when
 * msgpackr fails. Never throws.
 */
export function decodeMessage(bytes: Uint8Array, maxBytes: number): ParseResult<unknown> {
  if (bytes.byteLength > maxBytes) return refuse(`message_too_large: ${bytes.byteLength} bytes > ${maxBytes}`);
  if (bytes.byteLength === 0) return refuse('malformed: empty message');
  // msgpackr allocates what headers claim before reading: check the structure first.
  const problem = msgpackProblem(bytes);
  if (problem !== undefined) return refuse(`malformed: ${problem}`);
  try {
    return accept<unknown>(packr.unpack(bytes));
  } catch (error) {
    return refuse(`malformed: ${describe(error)}`);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
