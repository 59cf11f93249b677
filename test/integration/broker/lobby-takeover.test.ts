/**
 * Host migration at a lone broker over real HTTP, with hosts and successors connected to its
 * PeerServer the way the PeerJS client connects: a lobby opened with migration comes with a
 * credential; when its host's socket closes the lobby is vacated (409 host_gone, not listed) rather
 * than closed; only the successor holding the current credential takes it over, once; the new host
 * owns it as if it had opened it and hands on the next credential; a vacancy ends in a 404; and a
 * lobby without migration closes at once, as before.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type Broker } from '../../../peer-server/src/broker.js';
import { expectApiError, jsonBody, postJson, postRaw } from './support/api.js';
import { connectPeerSocket, connectPeerSocketAs, type PeerSocket } from './support/peer-socket.js';
import {
  expectedCredential,
  listedCodes,
  lookup,
  madeUpCredential,
  openMigrating,
  putListing,
  register,
  takeOver,
  takeOverOk,
} from './support/takeover.js';
import { waitUntil } from './support/wait-until.js';

const SECRET = 'takeover-test-secret-'.padEnd(48, 't');

let broker: Broker;
const sockets: PeerSocket[] = [];
const brokers: Broker[] = [];

beforeAll(async () => {
  // A vacancy far longer than any test, so none ends under a busy machine unless a test asks for it.
  broker = await startBroker({ port: 0, staticDir: undefined, secret: SECRET, lookupsPerMinute: 100_000 }, { vacancyMs: 600_000 });
});

afterEach(async () => {
  for (const peer of sockets.splice(0)) peer.socket.terminate();
  await Promise.all(brokers.splice(0).map((started) => started.close()));
});

afterAll(async () => {
  await broker?.close();
});

async function peer(on = broker): Promise<PeerSocket> {
  const connected = await connectPeerSocket(on);
  sockets.push(connected);
  return connected;
}

/** Closes `host`'s signaling socket and waits until `on` sees its lobby `code` vacated. */
async function leave(host: PeerSocket, code: string, on = broker): Promise<void> {
  await host.close();
  await waitUntil(async () => (await lookup(on, code)) === '409 host_gone', `lobby ${code} to be vacated`);
}

describe('opening a lobby with migration', () => {
  it('answers the code and its credential for generation 0; without migration, the code alone', async () => {
    const host = await peer();
    const response = await register(broker, host, true);
    const body = (await jsonBody(response)) as { code: string };
    expect(response.status).toBe(201);
    expect(body).toStrictEqual({ code: body.code, credential: expectedCredential(SECRET, body.code, 0) });

    const plain = await peer();
    const without = await register(broker, plain);
    expect(without.status).toBe(201);
    expect(Object.keys((await jsonBody(without)) as object)).toEqual(['code']);
    const withFalse = await register(broker, plain, false);
    expect(Object.keys((await jsonBody(withFalse)) as object)).toEqual(['code']);
  });

  it('gives a host that registers again its current credential again, and the code alone when it asks without migration', async () => {
    const host = await peer();
    const first = await openMigrating(broker, host);
    expect(await openMigrating(broker, host)).toEqual(first);
    expect(await jsonBody(await register(broker, host))).toStrictEqual({ code: first.code });
  });

  it.each([
    ['a string', 'yes'],
    ['a number', 1],
    ['null', null],
    ['an object', {}],
  ])('answers 400 invalid_request when "migration" is %s', async (_name, migration) => {
    const host = await peer();
    await expectApiError(await register(broker, host, migration), 400, 'invalid_request');
  });
});

describe('a host that goes away', () => {
  it('refuses a takeover while the host is still connected: 409 host_still_connected, and the code still leads to the host', async () => {
    const host = await peer();
    const successor = await peer();
    const { code, credential } = await openMigrating(broker, host);
    await expectApiError(await takeOver(broker, code, successor, credential), 409, 'host_still_connected');
    expect(await lookup(broker, code)).toBe(`host ${host.id}`);
  });

  it('vacates its lobby: lookups answer 409 host_gone, and it is neither listed nor quick-joined', async () => {
    const host = await peer();
    const { code } = await openMigrating(broker, host);
    const mode = `vacancy-${randomBytes(3).toString('hex')}`;
    expect((await putListing(broker, code, host, mode)).status).toBe(200);
    expect(await listedCodes(broker, mode)).toEqual([code]);

    await host.close();
    await waitUntil(async () => (await lookup(broker, code)) !== `host ${host.id}`, 'the broker to see the host gone');
    const gone = await fetch(`${broker.url}/api/lobbies/${code.toLowerCase()}`);
    await expectApiError(gone, 409, 'host_gone');
    expect(await listedCodes(broker, mode)).toEqual([]);
    await expectApiError(await postJson(`${broker.url}/api/quick-join`, { mode }), 404, 'no_open_lobby');
  });

  it('closes a lobby opened without migration at once: 404 for lookups and takeovers', async () => {
    const host = await peer();
    const successor = await peer();
    const { code } = (await jsonBody(await register(broker, host))) as { code: string };
    await host.close();
    await waitUntil(async () => (await lookup(broker, code)) === '404 lobby_not_found', 'the lobby to close');
    await expectApiError(await takeOver(broker, code, successor, expectedCredential(SECRET, code, 0)), 404, 'lobby_not_found');
  });
});

describe('taking a vacated lobby over', () => {
  it('refuses every credential but the current one with 403 bad_credential, and counts each; the lobby stays vacated', async () => {
    const host = await peer();
    const other = await peer();
    const stranger = await peer();
    const { code } = await openMigrating(broker, host);
    const { credential: otherCodes } = await openMigrating(broker, other);
    await leave(host, code);
    const before = broker.counters.refusedTakeovers;

    const refused = [
      madeUpCredential(0), // a player never handed one, guessing its shape
      otherCodes, // the credential of another lobby
      expectedCredential(SECRET, code, 1), // this lobby's, for a generation it is not at
      expectedCredential('another-secret-'.padEnd(48, 'x'), code, 0), // from a broker with another secret
      'not a credential at all',
      'x'.repeat(512),
    ];
    for (const credential of refused) await expectApiError(await takeOver(broker, code, stranger, credential), 403, 'bad_credential');
    expect(broker.counters.refusedTakeovers).toBe(before + refused.length);
    expect(await lookup(broker, code)).toBe('409 host_gone');
  });

  it('refuses a successor that is not connected (409 host_not_connected) or not proved by its token (403 not_host_owner)', async () => {
    const host = await peer();
    const successor = await peer();
    const { code, credential } = await openMigrating(broker, host);
    await leave(host, code);
    const unconnected = { id: await (await fetch(`${broker.url}/peerjs/tickwire/id`)).text(), token: 'some-token' };
    await expectApiError(await takeOver(broker, code, unconnected, credential), 409, 'host_not_connected');
    const before = broker.counters.refusedTakeovers;
    await expectApiError(await takeOver(broker, code, { id: successor.id, token: 'not-its-token' }, credential), 403, 'not_host_owner');
    expect(broker.counters.refusedTakeovers).toBe(before + 1);
    expect(await lookup(broker, code)).toBe('409 host_gone');
  });

  it('answers 404 lobby_not_found for unknown and malformed codes', async () => {
    const successor = await peer();
    for (const code of ['ZZZZZZ', 'not-a-code', 'O0O0O0']) {
      await expectApiError(await takeOver(broker, code, successor, expectedCredential(SECRET, code, 0)), 404, 'lobby_not_found');
    }
  });

  it('hands the lobby to the successor, which owns it as if it had opened it; the used credential is refused after', async () => {
    const host = await peer();
    const successor = await peer();
    const secondHeir = await peer();
    const { code, credential } = await openMigrating(broker, host);
    await leave(host, code);

    // Codes are case-insensitive here as everywhere; the answer gives the canonical one.
    const taken = await takeOverOk(broker, ` ${code.toLowerCase()} `, successor, credential);
    expect(taken).toEqual({ code, credential: expectedCredential(SECRET, code, 1) });
    expect(taken.credential).not.toBe(credential);
    expect(await lookup(broker, code)).toBe(`host ${successor.id}`);

    // Its own now: registering gives it this code and the current credential, and it lists it.
    expect(await openMigrating(broker, successor)).toEqual(taken);
    const mode = `taken-${randomBytes(3).toString('hex')}`;
    expect((await putListing(broker, code, successor, mode)).status).toBe(200);
    expect(await listedCodes(broker, mode)).toEqual([code]);

    // A second heir with the credential the first one used: refused, even though the first is connected.
    await expectApiError(await takeOver(broker, code, secondHeir, credential), 403, 'bad_credential');
    expect(await lookup(broker, code)).toBe(`host ${successor.id}`);
  });

  it('lets the next credential take the lobby over again once the new host goes too', async () => {
    const host = await peer();
    const first = await peer();
    const second = await peer();
    const opened = await openMigrating(broker, host);
    await leave(host, opened.code);
    const once = await takeOverOk(broker, opened.code, first, opened.credential);
    await expectApiError(await takeOver(broker, opened.code, second, once.credential), 409, 'host_still_connected');

    await leave(first, opened.code);
    await expectApiError(await takeOver(broker, opened.code, second, opened.credential), 403, 'bad_credential');
    const twice = await takeOverOk(broker, opened.code, second, once.credential);
    expect(twice.credential).toBe(expectedCredential(SECRET, opened.code, 2));
    expect(await lookup(broker, opened.code)).toBe(`host ${second.id}`);
  });

  it('gives the lobby back to its host when it returns with its own token within the vacancy, and to nobody else under its id', async () => {
    const host = await peer();
    const successor = await peer();
    const { code, credential } = await openMigrating(broker, host);
    await leave(host, code);

    // Anyone who knows the host's id (every player does) may open a socket under it on a lone broker, but not get its lobby.
    const impostor = await connectPeerSocketAs(broker, host.id, randomBytes(16).toString('hex'));
    sockets.push(impostor);
    expect(await lookup(broker, code)).toBe('409 host_gone');
    const itsOwn = await openMigrating(broker, impostor);
    expect(itsOwn.code).not.toBe(code);
    expect(await lookup(broker, code)).toBe('409 host_gone');
    await impostor.close();

    const back = await connectPeerSocketAs(broker, host.id, host.token);
    sockets.push(back);
    expect(await lookup(broker, code)).toBe(`host ${host.id}`);
    await expectApiError(await takeOver(broker, code, successor, credential), 409, 'host_still_connected');
    expect(await openMigrating(broker, back)).toEqual({ code, credential });
  });
});

describe('the end of a vacancy', () => {
  it('closes the lobby: 404 for lookups, and for a takeover with the credential that would have worked', async () => {
    const short = await startBroker({ port: 0, staticDir: undefined, secret: SECRET, lookupsPerMinute: 100_000 }, { vacancyMs: 300 });
    brokers.push(short);
    const host = await peer(short);
    const successor = await peer(short);
    const { code, credential } = await openMigrating(short, host);
    await host.close();
    await waitUntil(async () => (await lookup(short, code)) === '404 lobby_not_found', 'the vacancy to end');
    await expectApiError(await takeOver(short, code, successor, credential), 404, 'lobby_not_found');
  });
});

describe('malformed takeovers', () => {
  const url = (): string => `${broker.url}/api/lobbies/ABCDEF/takeover`;

  it.each([
    ['an empty object', {}],
    ['no hostPeerId', { token: 't', credential: '0.x' }],
    ['no token', { hostPeerId: 'x', credential: '0.x' }],
    ['no credential', { hostPeerId: 'x', token: 't' }],
    ['an empty credential', { hostPeerId: 'x', token: 't', credential: '' }],
    ['a number credential', { hostPeerId: 'x', token: 't', credential: 7 }],
    ['a credential over 512 characters', { hostPeerId: 'x', token: 't', credential: 'x'.repeat(513) }],
    ['an id over 128 characters', { hostPeerId: 'x'.repeat(129), token: 't', credential: '0.x' }],
    ['an array', [{ hostPeerId: 'x', token: 't', credential: '0.x' }]],
    ['null', null],
  ])('answers 400 invalid_request for %s', async (_name, body) => {
    await expectApiError(await postJson(url(), body), 400, 'invalid_request');
  });

  it('answers 400 invalid_json for a body that is not JSON, and 415 for one that is not JSON at all', async () => {
    await expectApiError(await postRaw(url(), '{"hostPeerId": ', 'application/json'), 400, 'invalid_json');
    await expectApiError(await postRaw(url(), JSON.stringify({ hostPeerId: 'x' }), 'text/plain'), 415, 'unsupported_media_type');
  });

  it('answers 405 method_not_allowed for another method, with Allow: POST', async () => {
    const response = await fetch(url());
    expect(response.headers.get('allow')).toBe('POST');
    await expectApiError(response, 405, 'method_not_allowed');
  });
});
