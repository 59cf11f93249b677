/**
 * Measures the public lobby list with `listings` lobbies listed, on a redis-server of its own (the
 * brokers' shared list, cluster/cluster-listings.ts) and in memory (a lone broker's,
 * local-listings.ts): the time to list one lobby, to read a first page of 20 of one mode, to walk
 * the whole list 100 at a time with the cursor, and to quick-join; and the Redis memory a listing
 * holds. Each call is made from this process, round trip to the redis-server included. A quarter
 * of the lobbies are of another mode; all have a free seat, so every listing is in the open sets.
 *
 *   node --import tsx test/cluster/measure-listings.ts [listings=10000]
 */
import { createClient } from 'redis';
import { ClusterListings } from '../../peer-server/src/cluster/cluster-listings.js';
import { clusterKeys } from '../../peer-server/src/cluster/redis-keys.js';
import { RedisLink } from '../../peer-server/src/cluster/redis-link.js';
import { tokenHash } from '../../peer-server/src/cluster/token-hash.js';
import { derivedLobbyCode } from '../../peer-server/src/lobby-codes.js';
import type { ListingFields, LobbyListings } from '../../peer-server/src/lobby-listings.js';
import { LobbyRegistry } from '../../peer-server/src/lobby-registry.js';
import { LocalListings } from '../../peer-server/src/local-listings.js';
import { startRedisServer } from './support/redis-server.js';

const LISTINGS = Number(process.argv[2] ?? 10_000);
const ROUNDS = 1000;
const keys = clusterKeys('measure:');

interface Lobby {
  readonly id: string;
  readonly token: string;
  readonly code: string;
}

const fields = (i: number): ListingFields => ({ name: `lobby number ${i} of the measurement`, mode: i % 4 === 0 ? 'duel' : 'arena', players: i % 8, seats: 8 });

async function usedMemory(client: ReturnType<typeof createClient>): Promise<number> {
  return Number(/used_memory:(\d+)/.exec(await client.info('memory'))?.[1] ?? NaN);
}

/** Mean ms per call of `work` over `rounds` calls. */
async function perCall(rounds: number, work: (round: number) => Promise<unknown>): Promise<number> {
  const start = performance.now();
  for (let round = 0; round < rounds; round++) await work(round);
  return (performance.now() - start) / rounds;
}

async function measure(list: LobbyListings, lobbies: readonly Lobby[]): Promise<Record<string, string>> {
  const listMs = await perCall(lobbies.length, (i) => list.list(lobbies[i]!.code, { hostPeerId: lobbies[i]!.id, token: lobbies[i]!.token }, fields(i)));
  const pageMs = await perCall(ROUNDS, () => list.page({ mode: 'arena', after: undefined, limit: 20 }));
  let pages = 0;
  const walkMs = await perCall(1, async () => {
    let after: string | undefined;
    do {
      after = (await list.page({ mode: undefined, after, limit: 100 })).next;
      pages += 1;
    } while (after !== undefined);
  });
  const quickMs = await perCall(ROUNDS, () => list.quickJoin('arena'));
  return { list: `${listMs.toFixed(3)} ms`, 'first page of 20': `${pageMs.toFixed(3)} ms`, [`all ${pages} pages of 100`]: `${walkMs.toFixed(0)} ms`, 'quick join': `${quickMs.toFixed(3)} ms` };
}

const redis = await startRedisServer();
const link = new RedisLink(redis.url);
const raw = createClient({ url: redis.url });
try {
  await link.open(5000);
  await raw.connect();
  const registry = new LobbyRegistry((host, attempt) => derivedLobbyCode('measure-secret-'.padEnd(40, 'm'), host, attempt));
  const tokens = new Map<string, string>();
  const lobbies: Lobby[] = Array.from({ length: LISTINGS }, (_, i) => {
    const id = `host-${i}`;
    tokens.set(id, `token-${i}`);
    return { id, token: `token-${i}`, code: registry.create(id) };
  });
  // Hosts connected to some broker, with their lobbies: what listing checks.
  const setup = raw.multi();
  for (const { id, token, code } of lobbies) {
    setup.hSet(keys.peer(id), { broker: 'measure', token: tokenHash(token) });
    setup.hSet(keys.lobby(code), { host: id, owner: tokenHash(token) });
  }
  await setup.exec();
  const limits = { ttlMs: 600_000, maxListings: LISTINGS };
  const local = new LocalListings(registry, (id) => tokens.get(id), limits);
  const before = await usedMemory(raw);
  const shared = await measure(new ClusterListings({ link, keys, ...limits, local: new LocalListings(registry, (id) => tokens.get(id), limits) }), lobbies);
  // Quick joins changed counts but no listing: the memory is the listings'.
  const bytes = ((await usedMemory(raw)) - before) / LISTINGS;
  const alone = await measure(local, lobbies);
  console.log(`${LISTINGS} listings`);
  console.table({ 'Redis (brokers sharing it)': { ...shared, 'memory per listing': `${bytes.toFixed(0)} B` }, 'memory (a lone broker)': alone });
} finally {
  link.close();
  await raw.quit().catch(() => undefined);
  await redis.stop();
}
