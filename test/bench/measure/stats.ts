/** Small statistics for the benchmarks. */

/**
 * The q-quantile (0..1) of `values`, nearest rank. A series with no samples throws, naming it
 * (`series`): a figure that measured nothing must stop the benchmark, not print NaN.
 */
export function quantile(values: readonly number[], q: number, series: string): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) throw new RangeError(`the benchmark has no samples of ${series}: nothing was measured there`);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index]!;
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** `value` rounded to `digits` decimals, for reports. */
export function round(value: number, digits = 1): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** Kilobits per second of `bytes` sent `perSecond` times a second. */
export function kbps(bytes: number, perSecond: number): number {
  return (bytes * perSecond * 8) / 1000;
}
