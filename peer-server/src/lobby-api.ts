/**
 * The lobby API, mounted at /api:
 *   POST   /api/lobbies {"hostPeerId","token","migration"?} -> 201 {"code"} (with "credential" when
 *                                               "migration": true)     a connected host opens a lobby
 *   GET    /api/lobbies/:code                   -> 200 {"hostPeerId"} a joiner resolves a code
 *                                                  (409 host_gone while it waits for a new host)
 *   POST   /api/lobbies/:code/takeover {"hostPeerId","token","credential"}
 *                                               -> 200 {"code","credential"} a successor takes it over
 *   PUT    /api/lobbies/:code/listing {"hostPeerId","token","name","mode","players","seats"}
 *                                               -> 200 {"code","ttlMs"} its host lists it publicly
 *   DELETE /api/lobbies/:code/listing {"hostPeerId","token"} -> 204   and takes it off the list
 *   GET    /api/lobbies?mode=&cursor=&limit=    -> 200 {"lobbies", "next"?} open public lobbies, fullest first
 *   POST   /api/quick-join {"mode"?}            -> 200 {"code","hostPeerId"} the fullest with a free seat
 *   GET    /api/config                          -> 200 {"peerPath", "peerKey", "iceServers"}
 *   GET    /api/health                          -> 200 {"ok", "redis", "broker", "peers"}
 * Errors are `{ "error": { "code", "message" } }` (see api-errors.ts).
 *
 * Registration proves ownership of the host id: `token` must be the one the host's PeerJS client
 * opened its signaling WebSocket with (PeerJS's `token` option, a secret only that client knows).
 * Listing a lobby publicly is proved the same way, and only for the host's own code. A listing
 * lasts `ttlMs` (30 s by default) unless listed again, so the host lists again every third of it
 * and whenever its players change; it also goes when the lobby goes. A quick join counts a seat
 * taken in the lobby it picks until the host's next listing (listing-routes.ts, lobby-listings.ts).
 *
 * Host migration: a lobby opened with `"migration": true` outlives its host's signaling socket for
 * a vacancy (30 s by default), during which lookups answer 409 host_gone, and the successor its
 * host named takes it over with the credential the host was given (takeover-routes.ts,
 * lobby-credentials.ts, vacated-lobbies.ts).
 *
 * Lookups, lists and quick joins spend from one budget per client address (429), and a malformed
 * code gets exactly the answer an unknown one does, so probing learns nothing from the difference.
 * Where lobbies, listings and budgets live (this broker's memory, or a Redis shared with other
 * brokers) is the directory's, the listings' and the limiter's business.
 */
import express, { type Request, type Response, type Router } from 'express';
import { handleApiErrors, sendApiError } from './api-errors.js';
import { allowCrossOrigin, handled, jsonBody, lookupBudget, methodNotAllowed, noStore } from './api-middleware.js';
import type { BrokerCounters } from './broker-counters.js';
import type { BrokerHealth } from './broker-health.js';
import type { IceServerConfig } from './config.js';
import type { LobbyDirectory } from './lobby-directory.js';
import type { LobbyListings } from './lobby-listings.js';
import { addListingRoutes, listLobbiesHandler } from './listing-routes.js';
import type { LookupLimiter } from './lookup-limiter.js';
import { readCredentials, readMigration } from './registration-fields.js';
import { addTakeoverRoutes } from './takeover-routes.js';

export { MAX_PEER_ID_LENGTH } from './registration-fields.js';

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
  /** The public list of those lobbies. */
  readonly listings: LobbyListings;
  readonly clientConfig: ClientConfig;
  /** Budget of lobby lookups per client address. */
  readonly lookups: LookupLimiter;
  /** The broker's health, for `GET /api/health`. */
  readonly health: () => BrokerHealth;
  /** Whether the client address comes from X-Forwarded-For (see client-address.ts). */
  readonly proxied: boolean;
  readonly counters: BrokerCounters;
}

/** Builds the /api router. */
export function createLobbyApi(options: LobbyApiOptions): Router {
  const { lobbies, listings, clientConfig, lookups, health, proxied, counters } = options;
  const spendLookup = lookupBudget(lookups, counters, proxied);
  const router = express.Router();
  router.use(allowCrossOrigin, noStore);

  router
    .route('/lobbies')
    .get(listLobbiesHandler(listings, spendLookup))
    .post(
      ...jsonBody,
      handled(async (req, res) => {
        const read = readCredentials(req.body);
        if ('problem' in read) {
          sendApiError(res, 400, 'invalid_request', read.problem);
          return;
        }
        const migration = readMigration(req.body as Record<string, unknown>);
        if (typeof migration !== 'boolean') {
          sendApiError(res, 400, 'invalid_request', migration.problem);
          return;
        }
        const opening = await lobbies.open(read.id, read.token, migration);
        if ('code' in opening) {
          res.status(201).json(opening.credential === undefined ? { code: opening.code } : { code: opening.code, credential: opening.credential });
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
    .all(methodNotAllowed('GET, HEAD, POST'));

  router
    .route('/lobbies/:code')
    .get(
      handled(async (req, res) => {
        if (!(await spendLookup(req, res))) return;
        const found = await lobbies.lookup(req.params.code);
        if (found === undefined) {
          sendApiError(res, 404, 'lobby_not_found', 'there is no open lobby with that code');
          return;
        }
        // Not a 404: players who lost the host keep asking until its successor has taken over.
        if ('vacated' in found) {
          sendApiError(res, 409, 'host_gone', 'the host of this lobby is gone; another player may take it over in a moment');
          return;
        }
        res.json({ hostPeerId: found.hostPeerId });
      }),
    )
    .all(methodNotAllowed('GET, HEAD'));

  addTakeoverRoutes(router, { lobbies, counters });
  addListingRoutes(router, { listings, spendLookup, counters });

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
