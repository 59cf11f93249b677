/**
 * The lobby API, mounted at /api:
 *   POST /api/lobbies {"hostPeerId","token"} -> 201 {"code"}       a connected host opens a lobby
 *   GET  /api/lobbies/:code                   -> 200 {"hostPeerId"} a joiner resolves a code
 *   GET  /api/config                          -> 200 {"peerPath", "peerKey", "iceServers"}
 *   GET  /api/health                          -> 200 {"ok", "redis", "broker", "peers"}
 * Errors are `{ "error": { "code", "message" } }` (see api-errors.ts).
 *
 * Registration proves ownership of the host id: `token` must be the one the host's PeerJS client
 * opened its signaling WebSocket with (PeerJS's `token` option, a secret only that client knows).
 * Lookups are rate limited per client address (429), and a malformed code gets exactly the answer
 * an unknown one does, so probing learns nothing from the difference. Where lobbies and budgets
 * live (this broker's memory, or a Redis shared with other brokers) is the directory's and the
 * limiter's business.
 */
import express, { type NextFunction, type Request, type RequestHandler, type Response, type Router } from 'express';
import { handleApiErrors, sendApiError } from './api-errors.js';
import type { BrokerCounters } from './broker-counters.js';
import type { BrokerHealth } from './broker-health.js';
import { clientAddress } from './client-address.js';
import type { IceServerConfig } from './config.js';
import type { LobbyDirectory } from './lobby-directory.js';
import type { LookupLimiter } from './lookup-limiter.js';

/** What a client needs to reach the PeerServer, as served by `GET /api/config`. */
export interface ClientConfig {
  readonly peerPath: string;
  readonly peerKey: string;
  readonly iceServers: readonly IceServerConfig[];
}

/** What the lobby API works with; the broker wires these to its PeerServer. */
export interface LobbyApiOptions {
  /** Where lobbies are opened and looked up. */
  readonly lobbies: LobbyDirectory;
  readonly clientConfig: ClientConfig;
  /** Budget of lobby lookups per client address. */
  readonly lookups: LookupLimiter;
  /** The broker's health, for `GET /api/health`. */
  readonly health: () => BrokerHealth;
  /** Whether the client address comes from X-Forwarded-For (see client-address.ts). */
  readonly proxied: boolean;
  readonly counters: BrokerCounters;
}

/** Longer than any id PeerJS or the PeerServer makes (UUIDs are 36), short enough to bound memory. */
export const MAX_PEER_ID_LENGTH = 128;

/** Request bodies are a few dozen bytes; anything near this is not a real client. */
const BODY_LIMIT = '4kb';

/**
 * Any origin may call the API: a game page is often served from elsewhere than the broker, and the
 * API uses no cookies or credentials, so it tells a foreign page nothing it could not ask for itself.
 */
const allowCrossOrigin: RequestHandler = (req, res, next) => {
  res.set('Access-Control-Allow-Origin', '*');
  if (req.method === 'OPTIONS') {
    res.set('Access-Control-Allow-Methods', 'GET, HEAD, POST, OPTIONS');
    res.set('Access-Control-Allow-Headers', 'Content-Type');
    res.set('Access-Control-Max-Age', '600');
    res.status(204).end();
    return;
  }
  next();
};

/** Lobby answers change as hosts come and go; no cache should keep one. */
const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};

function methodNotAllowed(allow: string): RequestHandler {
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

type Read = { readonly id: string; readonly token: string } | { readonly problem: string };

function readString(body: Record<string, unknown>, key: string): string | { readonly problem: string } {
  const value = body[key];
  if (typeof value !== 'string') return { problem: `"${key}" must be a string` };
  if (value === '') return { problem: `"${key}" must not be empty` };
  if (value.length > MAX_PEER_ID_LENGTH) return { problem: `"${key}" must be at most ${MAX_PEER_ID_LENGTH} characters` };
  return value;
}

/** The host peer id and token from a create request, or a reason they are unusable. */
function readRegistration(body: unknown): Read {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { problem: 'the body must be a JSON object' };
  const id = readString(body as Record<string, unknown>, 'hostPeerId');
  if (typeof id !== 'string') return id;
  const token = readString(body as Record<string, unknown>, 'token');
  if (typeof token !== 'string') return token;
  return { id, token };
}

/** Express 4 does not wait for a handler's promise: a rejection goes to the error handler here. */
function handled(handler: (req: Request<{ code: string }>, res: Response) => Promise<void>): RequestHandler<{ code: string }> {
  return (req, res, next: NextFunction) => {
    handler(req, res).catch(next);
  };
}

/** Builds the /api router. */
export function createLobbyApi(options: LobbyApiOptions): Router {
  const { lobbies, clientConfig, lookups, health, proxied, counters } = options;
  const router = express.Router();
  router.use(allowCrossOrigin, noStore);

  router
    .route('/lobbies')
    .post(
      requireJson,
      express.json({ limit: BODY_LIMIT, strict: false }),
      handled(async (req, res) => {
        const read = readRegistration(req.body);
        if ('problem' in read) {
          sendApiError(res, 400, 'invalid_request', read.problem);
          return;
        }
        const opening = await lobbies.open(read.id, read.token);
        if ('code' in opening) {
          res.status(201).json({ code: opening.code });
          return;
        }
        // Only a live peer may open a lobby: the code must lead joiners to someone who can answer.
        if (opening.refused === 'host_not_connected') {
          sendApiError(res, 409, 'host_not_connected', `peer "${read.id}" is not connected to this broker; open the PeerJS connection first`);
          return;
        }
        // Only that peer may: anyone can see a host id (every joiner learns it), nobody else has its token.
        counters.refusedRegistrations += 1;
        sendApiError(res, 403, 'not_host_owner', `the token does not match the one peer "${read.id}" connected with`);
      }),
    )
    .all(methodNotAllowed('POST'));

  router
    .route('/lobbies/:code')
    .get(
      handled(async (req, res) => {
        const verdict = await lookups.take(clientAddress(req, proxied));
        if (!verdict.allowed) {
          counters.rateLimitedLookups += 1;
          res.set('Retry-After', String(Math.max(1, Math.ceil(verdict.retryAfterMs / 1000))));
          sendApiError(res, 429, 'rate_limited', 'too many lobby lookups from this address; wait a little and try again');
          return;
        }
        const hostPeerId = await lobbies.resolve(req.params.code);
        if (hostPeerId === undefined) {
          sendApiError(res, 404, 'lobby_not_found', 'there is no open lobby with that code');
          return;
        }
        res.json({ hostPeerId });
      }),
    )
    .all(methodNotAllowed('GET, HEAD'));

  router
    .route('/config')
    .get((_req: Request, res: Response) => {
      res.json({ peerPath: clientConfig.peerPath, peerKey: clientConfig.peerKey, iceServers: clientConfig.iceServers });
    })
    .all(methodNotAllowed('GET, HEAD'));

  router
    .route('/health')
    .get((_req: Request, res: Response) => {
      // 200 even while the Redis is down: the broker still serves its own peers, and a load
      // balancer that dropped every broker for it would serve nobody.
      res.json(health());
    })
    .all(methodNotAllowed('GET, HEAD'));

  router.use((req: Request, res: Response) => {
    sendApiError(res, 404, 'not_found', `there is no API route ${req.method} ${req.originalUrl}`);
  });
  router.use(handleApiErrors);
  return router;
}
