/** Every way tickwire can fail, as a string a game can switch on. */
export type NetErrorCode =
  | 'invalid_option'
  | 'message_too_large'
  | 'not_connected'
  | 'peer_unavailable'
  | 'broker_unreachable'
  | 'broker_error'
  | 'broker_refused'
  | 'lobby_not_found'
  | 'host_gone'
  | 'takeover_refused'
  | 'connection_failed'
  | 'closed'
  | 'invalid_input'
  | 'invalid_value'
  | 'game_error';

/** An error with a `code` to switch on and a message written for the person reading the log. */
export class NetError extends Error {
  override readonly name = 'NetError';

  constructor(
    readonly code: NetErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** True when `value` is a {@link NetError} (of `code`, when given). */
export function isNetError(value: unknown, code?: NetErrorCode): value is NetError {
  return value instanceof NetError && (code === undefined || value.code === code);
}
