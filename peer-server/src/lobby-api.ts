/**
 * The lobby API, mounted at /api:
 *   POST /api/lobbies        {"hostPeerId"} -> 201 {"code"}      a connected host opens a lobby
 *   GET  /api/lobbies/:code                 -> 200 {"hostPeerId"} a joiner resolves a code
 *   GET  /api/config                        -> 200 {"peerPath", "peerKey", "iceServers"}
 * Errors are `{ "error": { "code", "message" } }` (see api-errors.ts).
 */
import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import { handleApiErrors, sendApiError } from './api-errors.js';
import type { IceServerConfig } from './config.js';
import type { LobbyRegistry } from './lobby-registry.js';

/** What a client needs to reach the PeerServer, as served by `GET /api/config`. */
export interface ClientConfig {
  readonly peerPath: string;
  readonly peerKey: string;
  readonly iceServers: readonly IceServerConfig[];
}

/** What the lobby API works with; the broker wires these to its PeerServer. */
export interface LobbyApiOptions {
  readonly registry: LobbyRegistry;
  /** Whether a peer id has an open WebSocket to this broker's PeerServer right now. */
  readonly isConnected: (peerId: string) => boolean;
  readonly clientConfig: ClientConfig;
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

/** The host peer id from a create request, or a reason it is unusable. */
function readHostPeerId(body: unknown): { readonly id: string } | { readonly problem: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { problem: 'the body must be a JSON object' };
  const id: unknown = (body as Record<string, unknown>)['hostPeerId'];
  if (typeof id !== 'string') return { problem: '"hostPeerId" must be a string' };
  if (id === '') return { problem: '"hostPeerId" must not be empty' };
  if (id.length > MAX_PEER_ID_LENGTH) return { problem: `"hostPeerId" must be at most ${MAX_PEER_ID_LENGTH} characters` };
  return { id };
}

/** Builds the /api router. */
export function createLobbyApi(options: LobbyApiOptions): Router {
  const { registry, isConnected, clientConfig } = options;
  const router = express.Router();
  router.use(allowCrossOrigin, noStore);

  router
    .route('/lobbies')
    .post(requireJson, express.json({ limit: BODY_LIMIT, strict: false }), (req: Request, res: Response) => {
      const read = readHostPeerId(req.body);
      if ('problem' in read) {
        sendApiError(res, 400, 'invalid_request', read.problem);
        return;
      }
      // Only a live peer may open a lobby: the code must lead joiners to someone who can answer.
      if (!isConnected(read.id)) {
        sendApiError(res, 409, 'host_not_connected', `peer "${read.id}" is not connected to this broker; open the PeerJS connection first`);
        return;
      }
      res.status(201).json({ code: registry.create(read.id) });
    })
    .all(methodNotAllowed('POST'));

  router
    .route('/lobbies/:code')
    .get((req: Request<{ code: string }>, res: Response) => {
      const hostPeerId = registry.resolve(req.params.code);
      if (hostPeerId === undefined) {
        sendApiError(res, 404, 'lobby_not_found', `there is no open lobby with code "${req.params.code}"`);
        return;
      }
      res.json({ hostPeerId });
    })
    .all(methodNotAllowed('GET, HEAD'));

  router
    .route('/config')
    .get((_req: Request, res: Response) => {
      res.json({ peerPath: clientConfig.peerPath, peerKey: clientConfig.peerKey, iceServers: clientConfig.iceServers });
    })
    .all(methodNotAllowed('GET, HEAD'));

  router.use((req: Request, res: Response) => {
    sendApiError(res, 404, 'not_found', `there is no API route ${req.method} ${req.originalUrl}`);
  });
  router.use(handleApiErrors);
  return router;
}
