/**
 * The values of the game's own entities and inputs that quantizing had to change (NaN, out of
 * range, an unknown enum value, a missing field), reported where a developer looks instead of
 * changed in silence. Each one is counted (`stats().valueProblems`); the first of each entity type
 * (or input), field and kind of problem is also said through the `warn` sink, since a NaN that is
 * there once is usually there every tick and one line says all there is to say. With
 * `validate: 'throw'` every one throws instead, from the call that handed it over.
 *
 * What arrives from peers is not reported here: it is the peers' doing, and a hostile peer could
 * flood the log. It is dropped and counted as invalid where it is parsed.
 */
import { NetError } from '../core/net-error.js';
import { dequantizeField, neutralValue, quantizeField } from '../protocol/quantize.js';
import type { FieldType, FieldValue } from '../protocol/schema.js';
import type { SnapshotEntity } from '../protocol/snapshot.js';
import type { ValueProblem } from '../protocol/value-problem.js';
import { resolveValueChecks, type ValueCheckOptions, type ValueChecks } from './options.js';

export class ValueReport {
  private found = 0;
  /** Entity type → field → problems already said. Nested maps: no key string built per problem. */
  private readonly saidEntity = new Map<string, Map<string, Set<ValueProblem>>>();
  private readonly saidInput = new Map<string, Set<ValueProblem>>();

  private readonly mode: ValueChecks;
  private readonly warn: (message: string) => void;

  /** Throws `NetError('invalid_option')` for a bad `validate` or `warn`. */
  constructor(options: ValueCheckOptions) {
    ({ mode: this.mode, warn: this.warn } = resolveValueChecks(options));
  }

  /** How many values were reported, said or not. */
  get count(): number {
    return this.found;
  }

  /** A field of one of the game's entities; an arrow so the hot loop passes it without binding. */
  readonly entity = (entity: SnapshotEntity, field: string, type: FieldType, problem: ValueProblem): void => {
    if (!this.counted()) return;
    if (this.mode === 'warn') {
      let fields = this.saidEntity.get(entity.type);
      if (!fields) this.saidEntity.set(entity.type, (fields = new Map()));
      if (!firstTime(fields, field, problem)) return;
    }
    const subject = `entity ${JSON.stringify(entity.type)} ${entity.id} field ${JSON.stringify(field)}`;
    this.say(type, entity.values[field], problem, subject, `${entity.type}.${field}`);
  };

  /** A field of an input handed to `setInput`. */
  input(field: string, type: FieldType, value: FieldValue | undefined, problem: ValueProblem): void {
    if (!this.counted()) return;
    if (this.mode === 'warn' && !firstTime(this.saidInput, field, problem)) return;
    this.say(type, value, problem, `input field ${JSON.stringify(field)}`, `input.${field}`);
  }

  /** Counts one problem; true when there is more to do than count. */
  private counted(): boolean {
    this.found++;
    return this.mode !== 'off';
  }

  private say(type: FieldType, value: FieldValue | undefined, problem: ValueProblem, subject: string, path: string): void {
    const wrong = `${subject} ${whatIsWrong(type, value, problem)}`;
    if (this.mode === 'throw') {
      throw new NetError('invalid_value', `${wrong}; it would be sent as ${sentAs(type, value)}${rangeOf(type)} (validate: 'throw')`);
    }
    this.warn(
      `tickwire: ${wrong}; sent as ${sentAs(type, value)}${rangeOf(type)}. ` +
        `Further ${FURTHER[problem]} values of ${path} are counted in stats().valueProblems, not logged.`,
    );
  }
}

/** True the first time `problem` is seen for `field`, and records it. */
function firstTime(said: Map<string, Set<ValueProblem>>, field: string, problem: ValueProblem): boolean {
  let problems = said.get(field);
  if (!problems) said.set(field, (problems = new Set()));
  if (problems.has(problem)) return false;
  problems.add(problem);
  return true;
}

/** How the closing sentence names the kind of problem. */
const FURTHER: Readonly<Record<ValueProblem, string>> = {
  missing: 'missing',
  not_finite: 'NaN or infinite',
  out_of_range: 'out-of-range',
  unknown_enum: 'unknown',
  wrong_type: 'wrong-type',
};

function whatIsWrong(type: FieldType, value: FieldValue | undefined, problem: ValueProblem): string {
  if (problem === 'missing') return 'is missing';
  const shown = `= ${show(value)}`;
  switch (problem) {
    case 'not_finite':
      return `${shown}, not a finite number`;
    case 'out_of_range':
      return `${shown}, out of range`;
    default:
      return `${shown}, ${expected(type)}`;
  }
}

/** What a field of `type` holds, as the end of "…, not a number". */
function expected(type: FieldType): string {
  switch (type.kind) {
    case 'fixed':
    case 'int':
    case 'angle':
      return 'not a number';
    case 'bool':
      return 'not a boolean';
    case 'enum':
      return `not one of ${type.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'quat':
      return 'not a rotation [x, y, z, w] of finite numbers, not all 0';
  }
}

/** The value the field takes on the wire. */
function sentAs(type: FieldType, value: FieldValue | undefined): string {
  return show(dequantizeField(type, quantizeField(type, value ?? neutralValue(type))));
}

function rangeOf(type: FieldType): string {
  return type.kind === 'fixed' || type.kind === 'int' ? ` (range ${type.min}..${type.max})` : '';
}

/** A value for a log line: short, and saying what it is even when it is not a value at all. */
function show(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return `[${value.slice(0, 4).map(show).join(', ')}${value.length > 4 ? ', …' : ''}]`;
  return typeof value === 'object' ? 'an object' : String(typeof value);
}
