/**
 * Waiting on conditions with a deadline, so a broken broker fails a test quickly and with a reason
 * instead of hanging it, and a working one is never made to wait longer than it takes.
 */

/** Polls `check` until it returns true; rejects naming `what` once `timeoutMs` has passed. */
export async function waitUntil(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    // Short polls: brokers answer in a few ms, and this is a retry pause, not the thing waited for.
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Resolves with `promise`, or rejects naming `what` once `timeoutMs` has passed. */
export async function withDeadline<T>(promise: Promise<T>, what: string, timeoutMs = 5_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}
