/**
 * The lobby API's one error shape, `{ "error": { "code", "message" } }`, and the express error
 * handler that turns anything thrown under /api (body-parser's errors included) into it, so a bad
 * request gets a JSON answer a client can switch on instead of express's HTML page or a crash.
 */
import type { ErrorRequestHandler, Response } from 'express';

/** Every `error.code` the lobby API answers with. */
export type ApiErrorCode =
  | 'invalid_json'
  | 'invalid_request'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'not_found'
  | 'method_not_allowed'
  | 'lobby_not_found'
  | 'host_not_connected'
  | 'not_host_owner'
  | 'host_gone'
  | 'host_still_connected'
  | 'bad_credential'
  | 'rate_limited'
  | 'no_open_lobby'
  | 'too_many_listings'
  | 'internal_error';

/** The body of every error response. */
export interface ApiErrorBody {
  readonly error: { readonly code: ApiErrorCode; readonly message: string };
}

/** Answers with an error in the API's shape. */
export function sendApiError(res: Response, status: number, code: ApiErrorCode, message: string): void {
  const body: ApiErrorBody = { error: { code, message } };
  res.status(status).json(body);
}

interface Described {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly message: string;
}

function property(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/** Maps body-parser's error `type`s (see the body-parser README) to API errors. */
function describe(err: unknown): Described | undefined {
  switch (property(err, 'type')) {
    case 'entity.parse.failed':
      return { status: 400, code: 'invalid_json', message: 'the request body is not valid JSON' };
    case 'entity.too.large':
      return { status: 413, code: 'payload_too_large', message: 'the request body is larger than 4 KiB' };
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return { status: 415, code: 'unsupported_media_type', message: 'send the body as uncompressed UTF-8 JSON' };
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return { status: 400, code: 'invalid_request', message: 'the request body could not be read' };
    default:
      return undefined;
  }
}

/** The last handler under /api: whatever went wrong, the client gets JSON and the process lives on. */
export const handleApiErrors: ErrorRequestHandler = (err: unknown, _req, res, next) => {
  if (res.headersSent) {
    // Too late for a JSON answer; express's own handler cuts the connection.
    next(err);
    return;
  }
  const described = describe(err);
  if (described) {
    sendApiError(res, described.status, described.code, described.message);
    return;
  }
  console.error('tickwire broker: unexpected error in the lobby API', err);
  sendApiError(res, 500, 'internal_error', 'the broker failed to handle this request');
};
