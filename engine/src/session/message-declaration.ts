/**
 * How a game declares its messages: each with its delivery mode and payload type, the same on both
 * sides. `message.reliable<{ text: string }>()` types the payload; `message.reliable(isChat)` with a
 * type guard also checks it on arrival, so a payload from another machine that fails the guard is
 * dropped and counted as invalid instead of reaching the game. A bare mode (`'reliable'`) declares a
 * message whose payload is `unknown`.
 */
import type { DeliveryMode } from './delivery-mode.js';

declare const payloadType: unique symbol;

/** A payload check: true when `payload` is what the message carries. */
export type PayloadCheck<Payload> = (payload: unknown) => payload is Payload;

/** One message type: how it travels, and what it carries. */
export interface MessageType<Payload = unknown> {
  readonly mode: DeliveryMode;
  /** Checks each payload that arrives; one that fails is dropped and counted as invalid. */
  readonly check?: PayloadCheck<Payload>;
  /** Carries the payload type; never set. */
  readonly [payloadType]?: Payload;
}

/** The game's message types by name, e.g. `{ chat: message.reliable<{ text: string }>(), aim: 'sequenced' }`. */
export type MessageTypes = Readonly<Record<string, DeliveryMode | MessageType>>;

/** A game that declares no messages: nothing can be sent, nothing arrives. */
export type NoMessages = Readonly<Record<never, DeliveryMode>>;

/** What a message of this declaration carries: the declared payload, or `unknown` for a bare mode. */
export type PayloadOf<Declared> = Declared extends MessageType<infer Payload> ? Payload : unknown;

/** A message's name among `Messages`. */
export type MessageName<Messages extends MessageTypes> = keyof Messages & string;

/** A game message as it arrives: its name, and a payload typed by that name. */
export type MessageOf<Messages extends MessageTypes> = {
  readonly [Name in MessageName<Messages>]: { readonly type: Name; readonly payload: PayloadOf<Messages[Name]> };
}[MessageName<Messages>];

function declare<Payload>(mode: DeliveryMode, check?: PayloadCheck<Payload>): MessageType<Payload> {
  return check ? { mode, check } : { mode };
}

/** Builders for {@link MessageType}s. */
export const message = {
  /** Arrives exactly once and in order (the `control` channel). */
  reliable: <Payload = unknown>(check?: PayloadCheck<Payload>): MessageType<Payload> => declare('reliable', check),
  /** May be lost, doubled or reordered (the `state` channel): for what the next one replaces. */
  unreliable: <Payload = unknown>(check?: PayloadCheck<Payload>): MessageType<Payload> => declare('unreliable', check),
  /** As `unreliable`, but one older than the newest seen of its type is dropped: receivers only move forward. */
  sequenced: <Payload = unknown>(check?: PayloadCheck<Payload>): MessageType<Payload> => declare('sequenced', check),
} as const;

/** The delivery mode of a declaration, whichever way it was written. */
export function modeOf(declared: DeliveryMode | MessageType | undefined): unknown {
  return typeof declared === 'object' && declared !== null ? declared.mode : declared;
}
