/**
 * A lone broker's public list on a clock moved by hand: listings live exactly their TTL from their
 * last listing, a seat counted by quick join neither extends nor shortens that, and the order and
 * the cursor hold while listings come and go between pages.
 */
import { describe, expect, it } from 'vitest';
import { listingRank, type ListingFields } from '../../../peer-server/src/lobby-listings.js';
import { LobbyRegistry } from '../../../peer-server/src/lobby-registry.js';
import { LocalListings } from '../../../peer-server/src/local-listings.js';
import { readPageQuery } from '../../../peer-server/src/listing-fields.js';

const TTL = 30_000;

function setup(maxListings = 100) {
  let now = 0;
  const registry = new LobbyRegistry((host) => `${host.toUpperCase()}`.padEnd(6, '2').slice(0, 6));
  const tokens = new Map<string, string>();
  const listings = new LocalListings(registry, (id) => tokens.get(id), { ttlMs: TTL, maxListings, now: () => now });
  /** A connected host `id` (six letters of the code alphabet) with a lobby whose code is its id in capitals. */
  const host = (id: string) => {
    tokens.set(id, `token-${id}`);
    return { code: registry.create(id), credentials: { hostPeerId: id, token: `token-${id}` } };
  };
  const list = (h: ReturnType<typeof host>, fields: Partial<ListingFields> = {}) =>
    listings.listNow(h.code, h.credentials, { name: h.code, mode: 'arena', players: 1, seats: 4, ...fields });
  const shown = async (after?: string, limit = 100) => (await listings.page({ mode: undefined, after, limit })).lobbies.map((l) => l.code);
  return { listings, registry, host, list, shown, advance: (ms: number) => (now += ms) };
}

describe('a lone broker’s public list', () => {
  it('keeps a listing exactly its TTL from when it was last listed', async () => {
    const { host, list, shown, advance } = setup();
    const [a, b] = [host('aaaaaa'), host('bbbbbb')];
    list(a);
    advance(10_000);
    list(b);
    advance(TTL - 10_000 - 1);
    expect(await shown()).toEqual(['AAAAAA', 'BBBBBB'].sort());
    list(a);
    advance(1);
    // b's listing is 20 s old, a's was renewed: nothing goes yet.
    expect((await shown()).sort()).toEqual(['AAAAAA', 'BBBBBB']);
    advance(10_000);
    expect(await shown()).toEqual(['AAAAAA']);
    advance(TTL);
    expect(await shown()).toEqual([]);
  });

  it('does not renew a listing when quick join counts a seat in it', async () => {
    const { listings, host, list, shown, advance } = setup();
    list(host('aaaaaa'), { players: 1, seats: 8 });
    advance(TTL - 1);
    expect(await listings.quickJoin('arena')).toEqual({ code: 'AAAAAA', hostPeerId: 'aaaaaa' });
    advance(1);
    expect(await shown()).toEqual([]);
    expect(await listings.quickJoin('arena')).toBeUndefined();
  });

  it('drops a listing whose lobby closed, and refuses a new one only when the list is full of live ones', async () => {
    const { listings, registry, host, list, shown } = setup(2);
    const [a, b, c] = [host('aaaaaa'), host('bbbbbb'), host('cccccc')];
    expect([list(a), list(b), list(c)]).toEqual([{ done: true }, { done: true }, { refused: 'too_many_listings' }]);
    registry.removeHost('aaaaaa');
    expect(list(c)).toEqual({ done: true });
    expect((await shown()).sort()).toEqual(['BBBBBB', 'CCCCCC']);
    expect(listings.size).toBe(2);
  });

  it('continues a page after its cursor even when that listing has gone or moved', async () => {
    const { listings, registry, host, list, shown } = setup();
    const hosts = ['aaaaaa', 'bbbbbb', 'cccccc', 'dddddd'].map(host);
    hosts.forEach((h, i) => list(h, { players: 4 - i, seats: 8 }));
    const first = await listings.page({ mode: undefined, after: undefined, limit: 2 });
    expect(first.lobbies.map((l) => l.code)).toEqual(['AAAAAA', 'BBBBBB']);
    expect(first.next).toBe(listingRank('BBBBBB', 3, 8));
    registry.removeHost('bbbbbb');
    list(hosts[0]!, { players: 1, seats: 8 });
    // B is gone; A moved behind the cursor and shows again, beside D (as many players and seats: by code).
    expect(await shown(first.next)).toEqual(['CCCCCC', 'AAAAAA', 'DDDDDD']);
  });

  it('cuts a page size above the most a page holds, and reads a cursor only in the shape it gives', () => {
    expect(readPageQuery({ limit: '100000' })).toEqual({ value: { mode: undefined, after: undefined, limit: 100 } });
    expect(readPageQuery({})).toEqual({ value: { mode: undefined, after: undefined, limit: 20 } });
    expect(readPageQuery({ cursor: listingRank('K7QX2M', 3, 8), mode: 'arena' })).toEqual({ value: { mode: 'arena', after: '996005:K7QX2M', limit: 20 } });
    expect(readPageQuery({ cursor: '996005:K7QX2O' })).toEqual({ problem: expect.stringMatching(/"cursor"/) });
  });
});
