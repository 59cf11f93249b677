/**
 * The credentials a host sends to open, list or take over a lobby: its peer id and the token its
 * signaling socket was opened with, each a non-empty string of bounded length; and whether a lobby
 * it opens takes part in host migration.
 */

/** Longer than any id PeerJS or the PeerServer makes (UUIDs are 36), short enough to bound memory. */
export const MAX_PEER_ID_LENGTH = 128;

/** A host's peer id and token, or why a body has none. */
export type ReadCredentials = { readonly id: string; readonly token: string } | { readonly problem: string };

/** `body[key]` as a non-empty string of at most `maxLength` characters, or why it is not one. */
export function readString(body: Record<string, unknown>, key: string, maxLength = MAX_PEER_ID_LENGTH): string | { readonly problem: string } {
  const value = body[key];
  if (typeof value !== 'string') return { problem: `"${key}" must be a string` };
  if (value === '') return { problem: `"${key}" must not be empty` };
  if (value.length > maxLength) return { problem: `"${key}" must be at most ${maxLength} characters` };
  return value;
}

/** Whether `body` is a JSON object (not an array, not null). */
export function isJsonObject(body: unknown): body is Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body);
}

/** The host peer id and token from a request body, or a reason they are unusable. */
export function readCredentials(body: unknown): ReadCredentials {
  if (!isJsonObject(body)) return { problem: 'the body must be a JSON object' };
  const id = readString(body, 'hostPeerId');
  if (typeof id !== 'string') return id;
  const token = readString(body, 'token');
  if (typeof token !== 'string') return token;
  return { id, token };
}

/** Whether a registration asks for host migration (`"migration": true`); false when absent. Call after {@link readCredentials}. */
export function readMigration(body: Record<string, unknown>): boolean | { readonly problem: string } {
  const value = body.migration;
  if (value === undefined) return false;
  return typeof value === 'boolean' ? value : { problem: '"migration" must be true or false' };
}
