/**
 * A `hello` of the current protocol as the engine's client would send it (for the moving-square
 * example unless told otherwise): the same fingerprint, so a test's raw peer is let in (or refused)
 * for what the test is about, not for declaring another game.
 */
import { PROTOCOL_VERSION } from '../../engine/src/protocol/message-kinds.js';
import type { HelloMessage } from '../../engine/src/protocol/messages.js';
import type { GameSchema } from '../../engine/src/protocol/schema.js';
import { declareGame } from '../../engine/src/session/game-declaration.js';
import { GameMessageTypes } from '../../engine/src/session/game-messages.js';
import type { MessageTypes } from '../../engine/src/session/message-declaration.js';
import { movingSquare } from '../../engine/examples/moving-square.js';

export interface HelloOptions {
  readonly resumeToken?: string;
  readonly resumeReceived?: number;
  /** The game's schema (default the moving square's). */
  readonly schema?: GameSchema;
  /** The message types declared (default none), as the host's `messages` option. */
  readonly messages?: MessageTypes;
  /** The game's version (default none). */
  readonly version?: string;
  readonly protocolVersion?: number;
}

export function helloMessage(playerName: string, options: HelloOptions = {}): HelloMessage {
  const game = declareGame(options.schema ?? movingSquare.schema, new GameMessageTypes(options.messages ?? {}).modes, options.version);
  return {
    kind: 'hello',
    protocolVersion: options.protocolVersion ?? PROTOCOL_VERSION,
    playerName,
    resumeToken: options.resumeToken ?? '',
    resumeReceived: options.resumeReceived ?? 0,
    gameVersion: game.version,
    schema: game.fingerprint,
  };
}
