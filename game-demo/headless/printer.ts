/**
 * What the headless programs print on stdout: one line per event, either a sentence for a person or,
 * with `--json`, one JSON object per line for a program (the load test and the e2e tests read those).
 * Fatal errors go to stderr as sentences in both modes.
 */

/** Every printed event has a name. */
export interface PrintedLine {
  readonly event: string;
}

/** Prints lines as sentences, or as JSON with `--json`. */
export class LinePrinter<Line extends PrintedLine> {
  constructor(
    private readonly json: boolean,
    private readonly describe: (line: Line) => string,
    private readonly write: (text: string) => void = (text) => process.stdout.write(`${text}\n`),
  ) {}

  print(line: Line): void {
    this.write(this.json ? JSON.stringify(line) : this.describe(line));
  }
}

/** A line printed with `--json`, read back: an object with an `event`, or `undefined`. */
export function readJsonLine(text: string): (PrintedLine & Record<string, unknown>) | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  return typeof record.event === 'string' ? { ...record, event: record.event } : undefined;
}

/** A number for a sentence: `digits` decimals, or a dash when unknown. */
export function fixed(value: number | undefined, digits = 1): string {
  return value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits);
}

/** Rounds for a JSON line: a tenth is plenty for positions and milliseconds. */
export function round(value: number, digits = 1): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
