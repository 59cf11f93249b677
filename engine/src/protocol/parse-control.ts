/**
 * Validation of the control messages (and game messages) from decoded `unknown` arrays. Each
 * parser gets the whole wire array, kind code included, and checks arity before anything else.
 */
import {
  MAX_GAME_MESSAGE_TYPE,
  MAX_GAME_VERSION_LENGTH,
  MAX_HELLO_EXTRA_FIELDS,
  MAX_PLAYER_ID,
  MAX_PLAYER_NAME_LENGTH,
  MAX_RATE_HZ,
  MAX_REASON_LENGTH,
  MAX_REFUSE_MESSAGE_LENGTH,
  MAX_RESUME_TOKEN_LENGTH,
  MAX_RESUME_WINDOW_MS,
  MAX_TICK,
  NO_PLAYER,
  NO_TICK,
} from './message-limits.js';
import type {
  GameMessage,
  HelloMessage,
  PingMessage,
  PlayerJoinedMessage,
  PlayerAwayMessage,
  PlayerLeftMessage,
  PongMessage,
  RefuseMessage,
  WelcomeMessage,
} from './messages.js';
import { PROTOCOL_VERSION } from './message-kinds.js';
import { parseFingerprint } from './parse-fingerprint.js';
import { isPlainPayload } from './parse-payload.js';
import { accept, refuse, type ParseResult } from './result.js';
import { NO_FINGERPRINT } from './schema-fingerprint.js';
import { isBoundedString, isFiniteNumber, isReasonCode, isTick, isUint } from './wire-checks.js';

type Wire = readonly unknown[];

/** The elements of this version's `hello`; up to `MAX_HELLO_EXTRA_FIELDS` more are ignored. */
const HELLO_LENGTH = 7;

/**
 * Elements 0-2 of `hello` are the same in every version; what follows is read only for this
 * version, so that any other can still be told `version_mismatch`.
 */
export function parseHello(w: Wire): ParseResult<HelloMessage> {
  if (w.length < 3 || w.length > HELLO_LENGTH + MAX_HELLO_EXTRA_FIELDS) return badArity('hello', w, 3);
  const [, protocolVersion, playerName] = w;
  if (!isUint(protocolVersion, MAX_TICK)) return bad('hello', 'protocolVersion');
  if (!isBoundedString(playerName, MAX_PLAYER_NAME_LENGTH)) return bad('hello', 'playerName');
  if (protocolVersion !== PROTOCOL_VERSION) {
    return accept({ kind: 'hello', protocolVersion, playerName, resumeToken: '', resumeReceived: 0, gameVersion: '', schema: NO_FINGERPRINT });
  }
  if (w.length < HELLO_LENGTH) return badArity('hello', w, HELLO_LENGTH);
  const [, , , resumeToken, resumeReceived, gameVersion, fingerprint] = w;
  if (!isBoundedString(resumeToken, MAX_RESUME_TOKEN_LENGTH)) return bad('hello', 'resumeToken');
  if (!isUint(resumeReceived, MAX_TICK)) return bad('hello', 'resumeReceived');
  if (!isBoundedString(gameVersion, MAX_GAME_VERSION_LENGTH)) return bad('hello', 'gameVersion');
  const schema = parseFingerprint(fingerprint);
  if (!schema) return bad('hello', 'schema');
  return accept({ kind: 'hello', protocolVersion, playerName, resumeToken, resumeReceived, gameVersion, schema });
}

export function parseWelcome(w: Wire): ParseResult<WelcomeMessage> {
  if (w.length !== 14) return badArity('welcome', w, 14);
  const [, protocolVersion, playerId, tickRate, snapshotRate, hostTick, snapshotReliable, resumeToken, resumed, resumeWindowMs, resumeReceived, playerName, hostPlayer, takeover] = w;
  if (!isUint(protocolVersion, MAX_TICK)) return bad('welcome', 'protocolVersion');
  if (!isUint(playerId, MAX_PLAYER_ID)) return bad('welcome', 'playerId');
  if (!isRate(tickRate)) return bad('welcome', 'tickRate');
  if (!isRate(snapshotRate)) return bad('welcome', 'snapshotRate');
  if (!isTick(hostTick)) return bad('welcome', 'hostTick');
  if (typeof snapshotReliable !== 'boolean') return bad('welcome', 'snapshotReliable');
  if (!isBoundedString(resumeToken, MAX_RESUME_TOKEN_LENGTH)) return bad('welcome', 'resumeToken');
  if (typeof resumed !== 'boolean') return bad('welcome', 'resumed');
  if (!isUint(resumeWindowMs, MAX_RESUME_WINDOW_MS)) return bad('welcome', 'resumeWindowMs');
  if (!isUint(resumeReceived, MAX_TICK)) return bad('welcome', 'resumeReceived');
  if (!isBoundedString(playerName, MAX_PLAYER_NAME_LENGTH)) return bad('welcome', 'playerName');
  if (hostPlayer !== null && !isUint(hostPlayer, MAX_PLAYER_ID)) return bad('welcome', 'hostPlayerId');
  if (takeover !== null && !isTick(takeover)) return bad('welcome', 'takeoverTick');
  const hostPlayerId = hostPlayer ?? NO_PLAYER;
  const takeoverTick = takeover ?? NO_TICK;
  const welcome = { protocolVersion, playerId, tickRate, snapshotRate, hostTick, snapshotReliable, resumeToken, resumed, resumeWindowMs, resumeReceived, playerName, hostPlayerId, takeoverTick };
  return accept({ kind: 'welcome', ...welcome });
}

export function parseRefuse(w: Wire): ParseResult<RefuseMessage> {
  if (w.length !== 3) return badArity('refuse', w, 3);
  const [, reason, message] = w;
  if (!isReasonCode(reason, MAX_REASON_LENGTH)) return bad('refuse', 'reason');
  if (!isBoundedString(message, MAX_REFUSE_MESSAGE_LENGTH)) return bad('refuse', 'message');
  return accept({ kind: 'refuse', reason, message });
}

export function parsePing(w: Wire): ParseResult<PingMessage> {
  if (w.length !== 2) return badArity('ping', w, 2);
  const [, clientTimeMs] = w;
  if (!isFiniteNumber(clientTimeMs)) return bad('ping', 'clientTimeMs');
  return accept({ kind: 'ping', clientTimeMs });
}

export function parsePong(w: Wire): ParseResult<PongMessage> {
  if (w.length !== 4) return badArity('pong', w, 4);
  const [, clientTimeMs, hostTimeMs, hostTick] = w;
  if (!isFiniteNumber(clientTimeMs)) return bad('pong', 'clientTimeMs');
  if (!isFiniteNumber(hostTimeMs)) return bad('pong', 'hostTimeMs');
  if (!isTick(hostTick)) return bad('pong', 'hostTick');
  return accept({ kind: 'pong', clientTimeMs, hostTimeMs, hostTick });
}

export function parseGame(w: Wire): ParseResult<GameMessage> {
  if (w.length !== 4) return badArity('game', w, 4);
  const [, messageType, sequence, payload] = w;
  if (!isUint(messageType, MAX_GAME_MESSAGE_TYPE)) return bad('game', 'messageType');
  if (!isUint(sequence, 0xffff)) return bad('game', 'sequence');
  if (!isPlainPayload(payload)) return bad('game', 'payload');
  return accept({ kind: 'game', messageType, sequence, payload });
}

export function parsePlayerJoined(w: Wire): ParseResult<PlayerJoinedMessage> {
  if (w.length !== 3) return badArity('playerJoined', w, 3);
  const [, playerId, name] = w;
  if (!isUint(playerId, MAX_PLAYER_ID)) return bad('playerJoined', 'playerId');
  if (!isBoundedString(name, MAX_PLAYER_NAME_LENGTH)) return bad('playerJoined', 'name');
  return accept({ kind: 'playerJoined', playerId, name });
}

export function parsePlayerLeft(w: Wire): ParseResult<PlayerLeftMessage> {
  if (w.length !== 3) return badArity('playerLeft', w, 3);
  const [, playerId, reason] = w;
  if (!isUint(playerId, MAX_PLAYER_ID)) return bad('playerLeft', 'playerId');
  if (!isReasonCode(reason, MAX_REASON_LENGTH)) return bad('playerLeft', 'reason');
  return accept({ kind: 'playerLeft', playerId, reason });
}

/** `[11, playerId, away]`. */
export function parsePlayerAway(w: Wire): ParseResult<PlayerAwayMessage> {
  if (w.length !== 3) return badArity('playerAway', w, 3);
  const [, playerId, away] = w;
  if (!isUint(playerId, MAX_PLAYER_ID)) return bad('playerAway', 'playerId');
  if (typeof away !== 'boolean') return bad('playerAway', 'away');
  return accept({ kind: 'playerAway', playerId, away });
}

function isRate(value: unknown): value is number {
  return isUint(value, MAX_RATE_HZ) && value >= 1;
}

/** A refusal naming the message kind and the field that failed. */
export function bad(kind: string, fieldName: string): ParseResult<never> {
  return refuse(`${kind}: bad ${fieldName}`);
}

/** A refusal for a wire array of the wrong length. */
export function badArity(kind: string, w: Wire, expected: number): ParseResult<never> {
  return refuse(`${kind}: expected ${expected} elements, got ${w.length}`);
}
