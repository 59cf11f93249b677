/**
 * The protocol as shared data: every message kind's numeric code, the first element of every
 * message array on the wire. Codes stay below 128 so a kind is one msgpack byte. A code is never
 * reused for a different meaning; a change to any message's layout bumps `PROTOCOL_VERSION`.
 */

/** The version a client states in `hello`; the host refuses any other with `version_mismatch`. */
export const PROTOCOL_VERSION = 10;

/** Numeric wire codes by message kind name. */
export const MessageKind = {
  hello: 1,
  welcome: 2,
  refuse: 3,
  ping: 4,
  pong: 5,
  input: 6,
  snapshot: 7,
  game: 8,
  playerJoined: 9,
  playerLeft: 10,
  playerAway: 11,
  heirs: 12,
  checkpoint: 13,
  ledger: 14,
  voice: 15,
} as const;

/** A message kind's name, which is also the `kind` of its typed message. */
export type MessageKindName = keyof typeof MessageKind;

/** A message kind's numeric wire code. */
export type MessageKindCode = (typeof MessageKind)[MessageKindName];

const namesByCode = new Map<number, MessageKindName>(
  (Object.keys(MessageKind) as MessageKindName[]).map((name) => [MessageKind[name], name]),
);

/** The kind name for a wire code, or undefined for an unknown code. */
export function messageKindName(code: unknown): MessageKindName | undefined {
  return typeof code === 'number' ? namesByCode.get(code) : undefined;
}
