/**
 * What Redis keeps of a peer's token: its SHA-256. Brokers compare hashes to tell an owner from
 * someone who only knows the id (every joiner learns a host's), and a reader of the Redis learns
 * nothing it could connect with. Tokens are random secrets, so no salt or slow hash is needed.
 */
import { createHash } from 'node:crypto';

/** The hex SHA-256 of a token. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
