/**
 * The Lua scripts behind the public lobby list in the shared Redis (cluster-listings.ts). A listing
 * is `listing:<code>` {host, mode, name, players, seats, rank}; `listing-deadlines` scores each
 * listed code by when it expires; `open-lobbies` and `open-lobbies:<mode>` hold the ranks of the
 * listings with a free seat, all with score 0, so they sort by rank (`listingRank` in
 * ../lobby-listings.ts: fullest first), a page is one ZRANGEBYLEX after the last rank it gave, and
 * quick join takes the first rank. The count of listings (`ZCARD listing-deadlines`) is capped.
 *
 * Every script first drops a bounded number of expired listings, so whichever broker is busy keeps
 * the list clean for all. A rank is trusted only while its listing still has it, and a listing only
 * while `lobby:<code>` still names its host and is not vacated (a migration lobby whose host is
 * connected nowhere): what a closed, vacated or taken-over lobby or a crash left is dropped where
 * it is met. Keys found by reading others are built from prefixes in ARGV, as in the other scripts
 * here: one Redis (or a primary with replicas), not a Redis Cluster.
 *
 * Every script takes KEYS[1] listing-deadlines, KEYS[2] open-lobbies, and ARGV[1..4] the listing,
 * open-lobbies-of-mode, lobby and peer prefixes; what each takes beyond that is said above it.
 */
import { LuaScript } from './lua-script.js';

const COMMON = `
local DEADLINES, OPEN = KEYS[1], KEYS[2]
local LISTING, OPEN_OF, LOBBY, PEER = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local function now_ms()
  local time = redis.call('TIME')
  return tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end
local function unrank(code)
  local held = redis.call('HMGET', LISTING .. code, 'mode', 'rank')
  if held[2] and held[2] ~= '' then
    redis.call('ZREM', OPEN, held[2])
    redis.call('ZREM', OPEN_OF .. held[1], held[2])
  end
end
local function drop(code)
  unrank(code)
  redis.call('DEL', LISTING .. code)
  redis.call('ZREM', DEADLINES, code)
end
local function sweep()
  for _, code in ipairs(redis.call('ZRANGEBYSCORE', DEADLINES, '-inf', now_ms(), 'LIMIT', 0, 100)) do drop(code) end
end
local function store(code, host, mode, name, players, seats)
  unrank(code)
  local rank = ''
  if players < seats then
    rank = string.format('%03d%03d:%s', 999 - players, seats - players, code)
    redis.call('ZADD', OPEN, 0, rank)
    redis.call('ZADD', OPEN_OF .. mode, 0, rank)
  end
  redis.call('HSET', LISTING .. code, 'host', host, 'mode', mode, 'name', name, 'players', players, 'seats', seats, 'rank', rank)
end
local function live(index, rank)
  local code = string.sub(rank, 8)
  local listing = redis.call('HMGET', LISTING .. code, 'host', 'mode', 'name', 'players', 'seats', 'rank')
  if listing[6] ~= rank then
    redis.call('ZREM', index, rank)
    return nil
  end
  local lobby = redis.call('HMGET', LOBBY .. code, 'host', 'owner', 'migration')
  -- Gone, another host's now (taken over), or vacated (a migration lobby whose host is connected nowhere).
  if lobby[1] ~= listing[1] or (lobby[3] == '1' and redis.call('HGET', PEER .. listing[1], 'token') ~= lobby[2]) then
    drop(code)
    return nil
  end
  return code, listing
end
local function owner_check(peer, lobby, host, token)
  local held = redis.call('HGET', peer, 'token')
  if not held then return 'host_not_connected' end
  if held ~= token then return 'not_host_owner' end
  local found = redis.call('HMGET', lobby, 'host', 'owner')
  if not found[1] then return 'lobby_not_found' end
  if found[1] ~= host or found[2] ~= token then return 'not_host_owner' end
  return nil
end
`;

/**
 * Lists a lobby for its host, or updates its listing.
 * KEYS[3..4]: the host's peer key, the lobby. ARGV[5..]: code, host, token hash, TTL ms, most
 * listings, mode, name, players, seats.
 * Returns 'ok', 'host_not_connected', 'not_host_owner', 'lobby_not_found' or 'too_many_listings'.
 */
export const LIST = new LuaScript(`${COMMON}
sweep()
local code = ARGV[5]
local refused = owner_check(KEYS[3], KEYS[4], ARGV[6], ARGV[7])
if refused then return refused end
if not redis.call('ZSCORE', DEADLINES, code) and redis.call('ZCARD', DEADLINES) >= tonumber(ARGV[9]) then
  return 'too_many_listings'
end
store(code, ARGV[6], ARGV[10], ARGV[11], tonumber(ARGV[12]), tonumber(ARGV[13]))
redis.call('ZADD', DEADLINES, now_ms() + tonumber(ARGV[8]), code)
return 'ok'
`);

/**
 * Takes a lobby off the list, for its host.
 * KEYS[3..4]: the host's peer key, the lobby. ARGV[5..]: code, host, token hash.
 * Returns 'ok' or a refusal as LIST does.
 */
export const UNLIST = new LuaScript(`${COMMON}
sweep()
local refused = owner_check(KEYS[3], KEYS[4], ARGV[6], ARGV[7])
if refused then return refused end
drop(ARGV[5])
return 'ok'
`);

/**
 * A page of open listings, in rank order, after a rank (or from the first).
 * KEYS[3]: the index to read (open-lobbies, or that of one mode). ARGV[5..]: the rank to start
 * after ('' for the first), the page's size, the most ranks to look at.
 * Returns {next rank or '', then code, name, mode, players, seats for each lobby}.
 */
export const PAGE = new LuaScript(`${COMMON}
sweep()
local index, limit, budget = KEYS[3], tonumber(ARGV[6]), tonumber(ARGV[7])
local start = '-'
if ARGV[5] ~= '' then start = '(' .. ARGV[5] end
local page, found, seen, last, looked = {''}, 0, 0, '', ''
while found <= limit and seen < budget do
  local batch = redis.call('ZRANGEBYLEX', index, start, '+', 'LIMIT', 0, limit + 1 - found)
  if #batch == 0 then break end
  for _, rank in ipairs(batch) do
    seen = seen + 1
    looked = rank
    local code, listing = live(index, rank)
    if code then
      found = found + 1
      if found <= limit then
        for _, value in ipairs({code, listing[3], listing[2], listing[4], listing[5]}) do page[#page + 1] = value end
        last = rank
      end
    end
  end
  start = '(' .. batch[#batch]
end
if found > limit then page[1] = last elseif seen >= budget then page[1] = looked end
return page
`);

/**
 * Picks the first open listing of an index whose lobby is still there, and counts a seat taken in
 * it (re-ranked, or no longer open when that was its last free seat).
 * KEYS[3]: the index. ARGV[5]: the most ranks to look at.
 * Returns {code, host} or {} when none is open.
 */
export const QUICK_JOIN = new LuaScript(`${COMMON}
sweep()
local index = KEYS[3]
local start = '-'
for _ = 1, tonumber(ARGV[5]) do
  local batch = redis.call('ZRANGEBYLEX', index, start, '+', 'LIMIT', 0, 1)
  if #batch == 0 then return {} end
  local code, listing = live(index, batch[1])
  if code then
    store(code, listing[1], listing[2], listing[3], tonumber(listing[4]) + 1, tonumber(listing[5]))
    return {code, listing[1]}
  end
  start = '(' .. batch[1]
end
return {}
`);
