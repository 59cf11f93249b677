/**
 * Host migration's route, added to the lobby API's router (lobby-api.ts):
 *   POST /api/lobbies/:code/takeover {hostPeerId, token, credential} -> 200 {code, credential}
 * A successor (a new host peer, connected to a broker and proved by its token, as registration is)
 * takes over a lobby opened with migration whose host is gone, with the credential the old host
 * handed it; the answer carries the credential for the next takeover. A wrong token or a
 * credential that does not hold counts in `refusedTakeovers`, as a wrong token at registration
 * counts in `refusedRegistrations`. lobby-directory.ts says what is checked, in which order.
 */
import type { Response, Router } from 'express';
import { sendApiError } from './api-errors.js';
import { handled, jsonBody, methodNotAllowed } from './api-middleware.js';
import type { BrokerCounters } from './broker-counters.js';
import { MAX_CREDENTIAL_LENGTH } from './lobby-credentials.js';
import type { LobbyDirectory, TakeoverRefusal } from './lobby-directory.js';
import { readCredentials, readString } from './registration-fields.js';

/** What the route works with. */
export interface TakeoverRoutesOptions {
  readonly lobbies: LobbyDirectory;
  readonly counters: BrokerCounters;
}

/** Answers a refused takeover, counting the refusals that could be someone else's try. */
function refuse(res: Response, refusal: TakeoverRefusal, hostPeerId: string, counters: BrokerCounters): void {
  switch (refusal) {
    case 'lobby_not_found':
      sendApiError(res, 404, 'lobby_not_found', 'there is no lobby with that code waiting for a new host');
      return;
    case 'host_not_connected':
      sendApiError(res, 409, 'host_not_connected', `peer "${hostPeerId}" is not connected to this broker; open the PeerJS connection first`);
      return;
    case 'not_host_owner':
      counters.refusedTakeovers += 1;
      sendApiError(res, 403, 'not_host_owner', `the token does not match the one peer "${hostPeerId}" connected with`);
      return;
    case 'bad_credential':
      counters.refusedTakeovers += 1;
      sendApiError(res, 403, 'bad_credential', 'the credential is not the one for this lobby now; it may have been used by another successor already');
      return;
    case 'host_still_connected':
      sendApiError(res, 409, 'host_still_connected', 'the host of this lobby is still connected to the broker; there is nothing to take over');
      return;
  }
}

/** Adds the takeover route to `router`. */
export function addTakeoverRoutes(router: Router, options: TakeoverRoutesOptions): void {
  const { lobbies, counters } = options;

  router
    .route('/lobbies/:code/takeover')
    .post(
      ...jsonBody,
      handled(async (req, res) => {
        const successor = readCredentials(req.body);
        if ('problem' in successor) {
          sendApiError(res, 400, 'invalid_request', successor.problem);
          return;
        }
        const credential = readString(req.body as Record<string, unknown>, 'credential', MAX_CREDENTIAL_LENGTH);
        if (typeof credential !== 'string') {
          sendApiError(res, 400, 'invalid_request', credential.problem);
          return;
        }
        const outcome = await lobbies.takeOver(req.params.code, { hostPeerId: successor.id, token: successor.token }, credential);
        if ('refused' in outcome) refuse(res, outcome.refused, successor.id, counters);
        else res.json({ code: outcome.code, credential: outcome.credential });
      }),
    )
    .all(methodNotAllowed('POST'));
}
