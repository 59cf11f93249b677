/**
 * The public lobby list of a lone broker over real HTTP, with hosts connected to its PeerServer the
 * way the PeerJS client connects: listing (only by the lobby's host), what is refused and why, the
 * order and paging of the list, quick join, expiry, the cap, and the shared lookup budget.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startBroker, type Broker } from '../../../peer-server/src/broker.js';
import type { BrokerConfig } from '../../../peer-server/src/config.js';
import type { ListingLimits } from '../../../peer-server/src/lobby-listings.js';
import { expectApiError, jsonBody, postJson } from './support/api.js';
import { connectPeerSocket, type PeerSocket } from './support/peer-socket.js';
import { waitUntil } from './support/wait-until.js';

const brokers: Broker[] = [];
const sockets: PeerSocket[] = [];

afterEach(async () => {
  for (const peer of sockets.splice(0)) peer.socket.terminate();
  await Promise.all(brokers.splice(0).map((broker) => broker.close()));
});

async function broker(config: Partial<BrokerConfig> = {}, limits: Partial<ListingLimits> = {}): Promise<Broker> {
  const started = await startBroker({ port: 0, staticDir: undefined, lookupsPerMinute: 100_000, ...config }, limits);
  brokers.push(started);
  return started;
}

interface Host {
  readonly peer: PeerSocket;
  readonly code: string;
}

/** A host connected to `on` with a lobby of its own. */
async function host(on: Broker): Promise<Host> {
  const peer = await connectPeerSocket(on);
  sockets.push(peer);
  const response = await postJson(`${on.url}/api/lobbies`, { hostPeerId: peer.id, token: peer.token });
  expect(response.status).toBe(201);
  return { peer, code: ((await jsonBody(response)) as { code: string }).code };
}

interface Listing {
  readonly name?: unknown;
  readonly mode?: unknown;
  readonly players?: unknown;
  readonly seats?: unknown;
}

function put(on: Broker, code: string, as: { id: string; token: string }, listing: Listing): Promise<Response> {
  return fetch(`${on.url}/api/lobbies/${code}/listing`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ hostPeerId: as.id, token: as.token, name: 'a lobby', mode: 'arena', players: 1, seats: 4, ...listing }),
  });
}

async function list(on: Broker, hostOf: Host, listing: Listing = {}): Promise<void> {
  const response = await put(on, hostOf.code, hostOf.peer, listing);
  expect(await jsonBody(response)).toEqual({ code: hostOf.code.toUpperCase(), ttlMs: expect.any(Number) });
  expect(response.status).toBe(200);
}

interface Page {
  readonly lobbies: { code: string; name: string; mode: string; players: number; seats: number }[];
  readonly next?: string;
}

async function page(on: Broker, query = ''): Promise<Page> {
  const response = await fetch(`${on.url}/api/lobbies${query}`);
  const body = await jsonBody(response);
  expect(response.status, JSON.stringify(body)).toBe(200);
  return body as Page;
}

const codes = (shown: Page): string[] => shown.lobbies.map((lobby) => lobby.code);

async function quickJoin(on: Broker, body: unknown = {}): Promise<Response> {
  return postJson(`${on.url}/api/quick-join`, body);
}

describe('listing a lobby', () => {
  it('lists a lobby for its host and shows it to anyone, with its players and seats', async () => {
    const b = await broker();
    const a = await host(b);
    expect(await page(b)).toEqual({ lobbies: [] });
    await list(b, a, { name: "Hana's arena", players: 2, seats: 8 });
    expect(await page(b)).toEqual({ lobbies: [{ code: a.code, name: "Hana's arena", mode: 'arena', players: 2, seats: 8 }] });
    // Listing again updates it; the code may be typed in any case.
    await list(b, { ...a, code: a.code.toLowerCase() }, { name: 'renamed', players: 3 });
    expect((await page(b)).lobbies).toEqual([{ code: a.code, name: 'renamed', mode: 'arena', players: 3, seats: 4 }]);
  });

  it('normalises the name that everyone will see', async () => {
    const b = await broker();
    const a = await host(b);
    await list(b, a, { name: '  Hana\u202e\u0000  \t  game\u200b ' });
    expect((await page(b)).lobbies[0]?.name).toBe('Hana game');
  });

  it.each([
    [{ name: 7 }, /"name" must be a string/],
    [{ name: ' \u200b\u202e ' }, /"name" must have a visible character/],
    [{ name: 'x'.repeat(49) }, /"name" must be at most 48/],
    [{ name: 'x'.repeat(1000) }, /"name" must be at most 48/],
    [{ mode: 'Arena' }, /"mode" must be 1 to 32 of a-z/],
    [{ mode: '' }, /"mode"/],
    [{ mode: 'a'.repeat(33) }, /"mode"/],
    [{ mode: 'free for all' }, /"mode"/],
    [{ seats: 0 }, /"seats" must be an integer from 1 to 256/],
    [{ seats: 257 }, /"seats"/],
    [{ seats: '4' }, /"seats"/],
    [{ players: 5, seats: 4 }, /"players" must be an integer from 0 to 4/],
    [{ players: -1 }, /"players"/],
    [{ players: 1.5 }, /"players"/],
    [{ players: null }, /"players"/],
  ])('refuses a listing of %o with 400 invalid_request naming the field', async (listing, message) => {
    const b = await broker();
    const a = await host(b);
    const response = await put(b, a.code, a.peer, listing);
    const body = (await jsonBody(response)) as { error: { code: string; message: string } };
    expect({ status: response.status, code: body.error.code }).toEqual({ status: 400, code: 'invalid_request' });
    expect(body.error.message).toMatch(message);
    expect(await page(b)).toEqual({ lobbies: [] });
  });

  it('refuses a body without credentials, or not an object, or not JSON', async () => {
    const b = await broker();
    const a = await host(b);
    const url = `${b.url}/api/lobbies/${a.code}/listing`;
    const send = (body: string, type = 'application/json') => fetch(url, { method: 'PUT', headers: { 'content-type': type }, body });
    await expectApiError(await send(JSON.stringify({ name: 'x', mode: 'arena', players: 1, seats: 2 })), 400, 'invalid_request');
    await expectApiError(await send('[1,2]'), 400, 'invalid_request');
    await expectApiError(await send('{"hostPeerId":'), 400, 'invalid_json');
    await expectApiError(await send('hello', 'text/plain'), 415, 'unsupported_media_type');
  });

  it("lets nobody but the lobby's host list it or take it off the list", async () => {
    const b = await broker();
    const [a, other] = [await host(b), await host(b)];
    const refusedBefore = b.counters.refusedRegistrations;
    // Another host, with its own good credentials, cannot list a lobby that is not its own.
    await expectApiError(await put(b, a.code, other.peer, {}), 403, 'not_host_owner');
    // Nor can anyone who knows the host's id (every joiner does) without its token.
    await expectApiError(await put(b, a.code, { id: a.peer.id, token: 'not-the-token' }, {}), 403, 'not_host_owner');
    expect(b.counters.refusedRegistrations).toBe(refusedBefore + 2);
    await expectApiError(await put(b, 'ZZZZZZ', a.peer, {}), 404, 'lobby_not_found');
    await expectApiError(await put(b, 'not-a-code', a.peer, {}), 404, 'lobby_not_found');
    const gone = await connectPeerSocket(b);
    await gone.close();
    await expectApiError(await put(b, a.code, gone, {}), 409, 'host_not_connected');
    expect(await page(b)).toEqual({ lobbies: [] });

    await list(b, a);
    const unlist = (as: { id: string; token: string }) =>
      fetch(`${b.url}/api/lobbies/${a.code}/listing`, { method: 'DELETE', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ hostPeerId: as.id, token: as.token }) });
    await expectApiError(await unlist(other.peer), 403, 'not_host_owner');
    expect(codes(await page(b))).toEqual([a.code]);
    const done = await unlist(a.peer);
    expect(done.status).toBe(204);
    expect(await page(b)).toEqual({ lobbies: [] });
    expect((await unlist(a.peer)).status).toBe(204);
  });

  it('drops a listing when its lobby closes with its host', async () => {
    const b = await broker();
    const [a, c] = [await host(b), await host(b)];
    await list(b, a);
    await list(b, c);
    await a.peer.close();
    await waitUntil(async () => (await page(b)).lobbies.length === 1, 'the closed lobby to leave the list');
    expect(codes(await page(b))).toEqual([c.code]);
    expect(await (await quickJoin(b)).json()).toEqual({ code: c.code, hostPeerId: c.peer.id });
  });

  it('drops a listing its host does not list again within the TTL', async () => {
    const b = await broker({}, { ttlMs: 300 });
    const a = await host(b);
    const response = await put(b, a.code, a.peer, {});
    expect(await jsonBody(response)).toEqual({ code: a.code, ttlMs: 300 });
    // Nobody unlisted it: it was not listed again in time.
    await waitUntil(async () => (await page(b)).lobbies.length === 0, 'the listing to expire', 10_000);
    await expectApiError(await quickJoin(b), 404, 'no_open_lobby');
    await list(b, a);
    expect(codes(await page(b))).toEqual([a.code]);
  });

  it('holds at most maxListings; a listed lobby still updates, and a freed place is taken', async () => {
    const b = await broker({}, { maxListings: 2 });
    const [a, c, d] = [await host(b), await host(b), await host(b)];
    await list(b, a);
    await list(b, c);
    const response = await put(b, d.code, d.peer, {});
    await expectApiError(response, 503, 'too_many_listings');
    await list(b, a, { players: 3 });
    await c.peer.close();
    // The place of a closed lobby's listing counts as free at once.
    await waitUntil(async () => (await put(b, d.code, d.peer, {})).status === 200, 'a place on the list');
    expect(codes(await page(b)).sort()).toEqual([a.code, d.code].sort());
  });
});

describe('the list and quick join', () => {
  /** Lobbies listed as `[players, seats, mode]`, in this order. */
  async function listed(b: Broker, shapes: readonly (readonly [number, number, string])[]): Promise<string[]> {
    const made: string[] = [];
    for (const [players, seats, mode] of shapes) {
      const h = await host(b);
      await list(b, h, { players, seats, mode, name: `${players}/${seats} ${mode}` });
      made.push(h.code);
    }
    return made;
  }

  it('shows lobbies with a free seat, fullest first, then fewest free seats; by mode when asked', async () => {
    const b = await broker();
    const [small, full, big, nearlyFull, other] = await listed(b, [
      [2, 4, 'arena'],
      [4, 4, 'arena'],
      [3, 8, 'arena'],
      [3, 4, 'arena'],
      [6, 8, 'duel'],
    ]);
    expect(codes(await page(b))).toEqual([other, nearlyFull, big, small]);
    expect(codes(await page(b, '?mode=arena'))).toEqual([nearlyFull, big, small]);
    expect(codes(await page(b, '?mode=duel'))).toEqual([other]);
    expect(await page(b, '?mode=none')).toEqual({ lobbies: [] });
    expect(codes(await page(b))).not.toContain(full);
  });

  it('pages through the list with the cursor it gives, and says when there is no next page', async () => {
    const b = await broker();
    await listed(b, [[1, 8, 'arena'], [2, 8, 'arena'], [3, 8, 'arena'], [4, 8, 'arena'], [5, 8, 'arena']]);
    const all = codes(await page(b));
    const seen: string[] = [];
    let query = '?limit=2';
    const sizes: number[] = [];
    for (;;) {
      const shown = await page(b, query);
      sizes.push(shown.lobbies.length);
      seen.push(...codes(shown));
      if (shown.next === undefined) break;
      query = `?limit=2&cursor=${encodeURIComponent(shown.next)}`;
    }
    expect(sizes).toEqual([2, 2, 1]);
    expect(seen).toEqual(all);
    expect(all).toHaveLength(5);
    expect(codes(await page(b, '?limit=5'))).toEqual(all);
    expect((await page(b, '?limit=5')).next).toBeUndefined();
    expect(codes(await page(b, '?limit=100000'))).toEqual(all);
  });

  it.each([
    ['?mode=Arena', /"mode"/],
    ['?cursor=nonsense', /"cursor" must be the "next" of an earlier page/],
    ['?limit=0', /"limit" must be a whole number of at least 1/],
    ['?limit=two', /"limit"/],
    ['?mode=a&mode=b', /"mode" must be given at most once/],
  ])('refuses the query %s with 400 invalid_request', async (query, message) => {
    const b = await broker();
    const response = await fetch(`${b.url}/api/lobbies${query}`);
    const body = (await jsonBody(response)) as { error: { code: string; message: string } };
    expect({ status: response.status, code: body.error.code }).toEqual({ status: 400, code: 'invalid_request' });
    expect(body.error.message).toMatch(message);
  });

  it('quick-joins the fullest lobby of a mode with a free seat, counting the seat it hands out', async () => {
    const b = await broker();
    const [small, , big, nearlyFull, other] = await listed(b, [
      [2, 4, 'arena'],
      [4, 4, 'arena'],
      [3, 8, 'arena'],
      [3, 4, 'arena'],
      [6, 8, 'duel'],
    ]);
    const picks: string[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await quickJoin(b, { mode: 'arena' });
      expect(response.status).toBe(200);
      picks.push(((await jsonBody(response)) as { code: string }).code);
    }
    // 3/4 takes one and is full; then 3/8 is the fullest, and stays so as it fills.
    expect(picks).toEqual([nearlyFull, big, big]);
    expect((await page(b, '?mode=arena')).lobbies.map(({ code, players }) => [code, players])).toEqual([
      [big, 5],
      [small, 2],
    ]);
    const any = (await jsonBody(await quickJoin(b))) as { code: string; hostPeerId: string };
    expect(any.code).toBe(other);
    await expectApiError(await quickJoin(b, { mode: 'ctf' }), 404, 'no_open_lobby');
  });

  it('answers the host with its real count: a seat counted by quick join is given back when the host lists again', async () => {
    const b = await broker();
    const a = await host(b);
    await list(b, a, { players: 1, seats: 2 });
    expect(((await jsonBody(await quickJoin(b, { mode: 'arena' }))) as { code: string }).code).toBe(a.code);
    await expectApiError(await quickJoin(b, { mode: 'arena' }), 404, 'no_open_lobby');
    await list(b, a, { players: 1, seats: 2 });
    expect((await quickJoin(b, { mode: 'arena' })).status).toBe(200);
  });

  it('refuses a quick join with a bad mode or body', async () => {
    const b = await broker();
    await expectApiError(await quickJoin(b, { mode: 'NOPE' }), 400, 'invalid_request');
    await expectApiError(await quickJoin(b, ['arena']), 400, 'invalid_request');
    await expectApiError(await fetch(`${b.url}/api/quick-join`), 405, 'method_not_allowed');
  });

  it('spends lists and quick joins from the lookup budget per address: 429 with Retry-After', async () => {
    const b = await broker({ lookupsPerMinute: 3 });
    expect((await fetch(`${b.url}/api/lobbies`)).status).toBe(200);
    expect((await fetch(`${b.url}/api/lobbies/ZZZZZZ`)).status).toBe(404);
    expect((await quickJoin(b)).status).toBe(404);
    for (const response of [await fetch(`${b.url}/api/lobbies`), await quickJoin(b)]) {
      await expectApiError(response, 429, 'rate_limited');
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
    expect(b.counters.rateLimitedLookups).toBe(2);
  });

  it('answers a CORS preflight for PUT and DELETE, and 405 for other methods on a listing', async () => {
    const b = await broker();
    const preflight = await fetch(`${b.url}/api/lobbies/ABCDEF/listing`, {
      method: 'OPTIONS',
      headers: { origin: 'http://game.example', 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toMatch(/PUT.*DELETE|DELETE.*PUT/);
    const response = await fetch(`${b.url}/api/lobbies/ABCDEF/listing`);
    expect(response.headers.get('allow')).toBe('PUT, DELETE');
    await expectApiError(response, 405, 'method_not_allowed');
  });
});
