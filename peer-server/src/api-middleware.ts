/**
 * What every route of the lobby API shares: cross-origin and cache headers, 405 and 415 answers,
 * the JSON body parser, promise-returning handlers, and the per-address budget that lookups, lists
 * and quick joins spend from.
 */
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { sendApiError } from './api-errors.js';
import type { BrokerCounters } from './broker-counters.js';
import { clientAddress } from './client-address.js';
import type { LookupLimiter } from './lookup-limiter.js';

/** Request bodies are a few dozen bytes; anything near this is not a real client. */
const BODY_LIMIT = '4kb';

/**
 * Any origin may call the API: a game page is often served from elsewhere than the broker, and the
 * API uses no cookies or credentials, so it tells a foreign page nothing it could not ask for itself.
 */
export const allowCrossOrigin: RequestHandler = (req, res, next) => {
  res.set('Access-Control-Allow-Origin', '*');
  if (req.method === 'OPTIONS') {
    res.set('Access-Control-Allow-Methods', 'GET, HEAD, POST, PUT, DELETE, OPTIONS');
    res.set('Access-Control-Allow-Headers', 'Content-Type');
    res.set('Access-Control-Max-Age', '600');
    res.status(204).end();
    return;
  }
  next();
};

/** Lobby answers change as hosts come and go; no cache should keep one. */
export const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};

/** Answers 405 naming the methods `allow`ed. */
export function methodNotAllowed(allow: string): RequestHandler {
  return (req, res) => {
    res.set('Allow', allow);
    sendApiError(res, 405, 'method_not_allowed', `${req.method} is not allowed here; use ${allow}`);
  };
}

/** Checked before parsing, so a form post or text body gets 415 rather than a confusing 400. */
const requireJson: RequestHandler = (req, res, next) => {
  if (req.is('application/json')) {
    next();
    return;
  }
  sendApiError(res, 415, 'unsupported_media_type', 'send the body as JSON with Content-Type: application/json');
};

/** A JSON body: 415 for anything else, then parsed within the size limit. */
export const jsonBody: readonly RequestHandler[] = [requireJson, express.json({ limit: BODY_LIMIT, strict: false })];

/** Express 4 does not wait for a handler's promise: a rejection goes to the error handler here. */
export function handled(handler: (req: Request<{ code: string }>, res: Response) => Promise<void>): RequestHandler<{ code: string }> {
  return (req, res, next: NextFunction) => {
    handler(req, res).catch(next);
  };
}

/** Spends one request of the caller's address from a lookup budget. */
export type SpendLookup = (req: Request<{ code: string }>, res: Response) => Promise<boolean>;

/** Spends from `lookups`; past the budget answers 429 with `Retry-After` and says false. */
export function lookupBudget(lookups: LookupLimiter, counters: BrokerCounters, proxied: boolean): SpendLookup {
  return async (req, res) => {
    const verdict = await lookups.take(clientAddress(req, proxied));
    if (verdict.allowed) return true;
    counters.rateLimitedLookups += 1;
    res.set('Retry-After', String(Math.max(1, Math.ceil(verdict.retryAfterMs / 1000))));
    sendApiError(res, 429, 'rate_limited', 'too many lobby lookups from this address; wait a little and try again');
    return false;
  };
}
