/**
 * An input exactly as the host will apply it. `setInput` quantizes the game's input once, on both
 * sides, and keeps the values that quantized form stands for: a client predicts with them, sends
 * them (they quantize back to the very same integers, so the wire changes nothing), and the host
 * applies them, whether they came over the wire or from its own player. An input off the schema's
 * grid (a normalised diagonal, an analog stick) then costs no correction, and a host cannot move
 * its own player faster than the schema lets a client.
 */
import { NetError } from '../core/net-error.js';
import { dequantizeValues, quantizeValues } from '../protocol/quantize.js';
import { entityLayout } from '../protocol/schema-layout.js';
import type { EntitySchema, FieldValues } from '../protocol/schema.js';
import { valueProblem } from '../protocol/value-problem.js';
import type { ValueReport } from './value-report.js';

/**
 * `input` held to `schema`: each field checked (a problem goes to `report`, which may throw) and
 * quantized, then read back. Anything but a plain object is refused at once with
 * `NetError('invalid_input')`, in the call that handed it over rather than in a later tick.
 */
export function exactInput<Input extends FieldValues>(schema: EntitySchema, input: unknown, report: ValueReport): Input {
  const { fieldNames, fieldTypes } = entityLayout(schema);
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    const got = input === null ? 'null' : Array.isArray(input) ? 'an array' : typeof input;
    throw new NetError('invalid_input', `setInput needs an object with the input's fields (${fieldNames.join(', ')}), got ${got}`);
  }
  const values = input as FieldValues;
  for (let i = 0; i < fieldNames.length; i++) {
    const value = values[fieldNames[i]!];
    const problem = valueProblem(fieldTypes[i]!, value);
    if (problem !== undefined) report.input(fieldNames[i]!, fieldTypes[i]!, value, problem);
  }
  return dequantizeValues(schema, quantizeValues(schema, values)) as Input;
}
