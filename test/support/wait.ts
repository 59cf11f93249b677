/**
 * Waiting in tests: for a condition or an event, never for a fixed time. The deadline only bounds
 * how long a broken run takes to fail.
 */
type Probed<T> = T | undefined | false | null;

export async function waitFor<T>(
  probe: () => Probed<T> | Promise<Probed<T>>,
  what: string,
  timeoutMs = 10_000,
  pollMs = 5,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false && value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** Resolves with the first payload `subscribe` delivers, or rejects after `timeoutMs`. */
export function nextEvent<T>(
  subscribe: (listener: (payload: T) => void) => () => void,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const off = subscribe((payload) => {
      clearTimeout(timer);
      off();
      resolve(payload);
    });
  });
}

/** The q-quantile (0..1) of some numbers. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index]!;
}
