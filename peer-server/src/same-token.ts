/** Comparing a presented token with a known one, in time that does not depend on where they differ. */
import { timingSafeEqual } from 'node:crypto';

/** Whether `a` and `b` are the same token. */
export function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
