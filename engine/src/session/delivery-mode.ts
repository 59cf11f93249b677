/**
 * How a game message travels:
 * - `reliable`: on `control`, arrives exactly once and in order;
 * - `unreliable`: on `state`, may be lost, duplicated or reordered;
 * - `sequenced`: on `state`, and a message older than the newest one seen of its type is dropped,
 *   so a receiver only ever moves forward (16-bit sequence numbers, compared across the wrap).
 */

/** Every delivery mode. */
export const DELIVERY_MODES = ['reliable', 'unreliable', 'sequenced'] as const;

/** How a game message travels: `reliable`, `unreliable` or `sequenced` (see the file's header). */
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

/** Each message type's delivery mode, by name: what both sides must agree on. */
export type MessageModes = Readonly<Record<string, DeliveryMode>>;
