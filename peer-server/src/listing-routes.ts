/**
 * The public list's routes, added to the lobby API's router (lobby-api.ts):
 *   PUT    /api/lobbies/:code/listing {hostPeerId, token, name, mode, players, seats} -> 200 {code, ttlMs}
 *   DELETE /api/lobbies/:code/listing {hostPeerId, token}                             -> 204
 *   GET    /api/lobbies?mode=&cursor=&limit=  -> 200 {lobbies: [{code, name, mode, players, seats}], next?}
 *   POST   /api/quick-join {mode?}            -> 200 {code, hostPeerId}, or 404 no_open_lobby
 * Listing is proved as registration is (lobby-listings.ts says what a listing is); reading the list
 * and quick joins spend from the same per-address budget as code lookups.
 */
import type { Response, Router } from 'express';
import { sendApiError } from './api-errors.js';
import { handled, jsonBody, methodNotAllowed, type SpendLookup } from './api-middleware.js';
import type { BrokerCounters } from './broker-counters.js';
import { readListingFields, readPageQuery, readQuickJoin } from './listing-fields.js';
import { normalizeLobbyCode } from './lobby-codes.js';
import type { ListingRefusal, LobbyListings } from './lobby-listings.js';
import { readCredentials } from './registration-fields.js';

/** What the routes work with. */
export interface ListingRoutesOptions {
  readonly listings: LobbyListings;
  readonly spendLookup: SpendLookup;
  readonly counters: BrokerCounters;
}

/** Answers a refused listing, counting a wrong token as a refused registration. */
function refuse(res: Response, refusal: ListingRefusal, hostPeerId: string, counters: BrokerCounters): void {
  switch (refusal) {
    case 'lobby_not_found':
      sendApiError(res, 404, 'lobby_not_found', 'there is no open lobby with that code');
      return;
    case 'host_not_connected':
      sendApiError(res, 409, 'host_not_connected', `peer "${hostPeerId}" is not connected to this broker; open the PeerJS connection first`);
      return;
    case 'not_host_owner':
      counters.refusedRegistrations += 1;
      sendApiError(res, 403, 'not_host_owner', `only the host of that lobby may list it, with the token peer "${hostPeerId}" connected with`);
      return;
    case 'too_many_listings':
      sendApiError(res, 503, 'too_many_listings', 'the broker lists as many lobbies as it may; try again later');
      return;
  }
}

/** Adds the listing routes to `router`. */
export function addListingRoutes(router: Router, options: ListingRoutesOptions): void {
  const { listings, spendLookup, counters } = options;

  router
    .route('/lobbies/:code/listing')
    .put(
      ...jsonBody,
      handled(async (req, res) => {
        const credentials = readCredentials(req.body);
        if ('problem' in credentials) {
          sendApiError(res, 400, 'invalid_request', credentials.problem);
          return;
        }
        const fields = readListingFields(req.body as Record<string, unknown>);
        if ('problem' in fields) {
          sendApiError(res, 400, 'invalid_request', fields.problem);
          return;
        }
        const outcome = await listings.list(req.params.code, { hostPeerId: credentials.id, token: credentials.token }, fields.value);
        if ('refused' in outcome) refuse(res, outcome.refused, credentials.id, counters);
        else res.json({ code: normalizeLobbyCode(req.params.code), ttlMs: listings.ttlMs });
      }),
    )
    .delete(
      ...jsonBody,
      handled(async (req, res) => {
        const credentials = readCredentials(req.body);
        if ('problem' in credentials) {
          sendApiError(res, 400, 'invalid_request', credentials.problem);
          return;
        }
        const outcome = await listings.unlist(req.params.code, { hostPeerId: credentials.id, token: credentials.token });
        if ('refused' in outcome) refuse(res, outcome.refused, credentials.id, counters);
        else res.status(204).end();
      }),
    )
    .all(methodNotAllowed('PUT, DELETE'));

  router
    .route('/quick-join')
    .post(
      ...jsonBody,
      handled(async (req, res) => {
        const mode = readQuickJoin(req.body);
        if ('problem' in mode) {
          sendApiError(res, 400, 'invalid_request', mode.problem);
          return;
        }
        if (!(await spendLookup(req, res))) return;
        const pick = await listings.quickJoin(mode.value);
        if (pick) res.json({ code: pick.code, hostPeerId: pick.hostPeerId });
        else sendApiError(res, 404, 'no_open_lobby', `no public lobby${mode.value === undefined ? '' : ` of mode "${mode.value}"`} has a free seat now`);
      }),
    )
    .all(methodNotAllowed('POST'));
}

/** `GET /api/lobbies`, which shares its path with `POST` (lobby-api.ts). */
export function listLobbiesHandler(listings: LobbyListings, spendLookup: SpendLookup): ReturnType<typeof handled> {
  return handled(async (req, res) => {
    const query = readPageQuery(req.query as Record<string, unknown>);
    if ('problem' in query) {
      sendApiError(res, 400, 'invalid_request', query.problem);
      return;
    }
    if (!(await spendLookup(req, res))) return;
    const page = await listings.page(query.value);
    res.json(page.next === undefined ? { lobbies: page.lobbies } : { lobbies: page.lobbies, next: page.next });
  });
}
