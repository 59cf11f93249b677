/**
 * The Lua scripts behind lobbies in the shared Redis (cluster-lobbies.ts). A lobby is
 * `lobby:<code>` {host, owner (its token's hash), migration, generation} and `host-lobby:<host>`
 * -> code. `migration` is '1' for a lobby opened with host migration, whose `generation` counts its
 * takeovers (the credential's, ../lobby-credentials.ts); other lobbies have neither field. A
 * migration lobby whose host has no presence key (with the owner's token) is vacated: it answers
 * "host gone" until a successor takes it over or its key expires. Keys found by reading others are
 * built from prefixes in ARGV, as in the other scripts here: one Redis, not a Redis Cluster.
 */
import { LuaScript } from './lua-script.js';

/**
 * Opens a lobby for a host that some broker holds under this token, or renews the one it has, and
 * tells the host's broker the code (and generation, broker-channel.ts) so it remembers it. With
 * migration asked for, the lobby takes part in migration from now on (generation 0 when it had none).
 * KEYS: peer, host-lobby. ARGV: host, token hash, lobby prefix, lobby TTL, channel prefix,
 * migration ('1' or '0'), then the candidate codes in order. Returns {'ok', code, generation or ''
 * when the lobby has no migration}, {'host_not_connected'}, {'not_host_owner'} or {'exhausted'}.
 */
export const OPEN = new LuaScript(`
local held = redis.call('HMGET', KEYS[1], 'broker', 'token')
if not held[2] then return {'host_not_connected'} end
if held[2] ~= ARGV[2] then return {'not_host_owner'} end
local code = redis.call('GET', KEYS[2])
if code and redis.call('HGET', ARGV[3] .. code, 'host') ~= ARGV[1] then code = false end
if not code then
  for i = 7, #ARGV do
    if redis.call('EXISTS', ARGV[3] .. ARGV[i]) == 0 then
      code = ARGV[i]
      break
    end
  end
  if not code then return {'exhausted'} end
end
local lobby = ARGV[3] .. code
redis.call('HSET', lobby, 'host', ARGV[1], 'owner', ARGV[2])
if ARGV[6] == '1' then
  redis.call('HSET', lobby, 'migration', '1')
  redis.call('HSETNX', lobby, 'generation', '0')
end
redis.call('PEXPIRE', lobby, ARGV[4])
redis.call('SET', KEYS[2], code, 'PX', ARGV[4])
local state = redis.call('HMGET', lobby, 'migration', 'generation')
local generation = ''
if state[1] == '1' and state[2] then generation = state[2] end
local note = 'l' .. ARGV[1] .. ' ' .. code
if generation ~= '' then note = note .. ' ' .. generation end
redis.call('PUBLISH', ARGV[5] .. held[1], note)
return {'ok', code, generation}
`);

/**
 * What a code leads to.
 * KEYS: lobby. ARGV: peer prefix. Returns {'hosted', host}, {'vacated'} or {} for no lobby.
 */
export const LOOKUP = new LuaScript(`
local lobby = redis.call('HMGET', KEYS[1], 'host', 'owner', 'migration')
if not lobby[1] then return {} end
if lobby[3] == '1' and redis.call('HGET', ARGV[1] .. lobby[1], 'token') ~= lobby[2] then return {'vacated'} end
return {'hosted', lobby[1]}
`);

/**
 * Gives a vacated migration lobby to a successor that some broker holds under this token, when it
 * presents the lobby's current generation (its credential checked by the broker, which passes ''
 * for one that is not authentic): the lobby's host, owner and generation change, its TTL is
 * renewed, `host-lobby:` moves from the old host to the new (whose own lobby, if any, closes), and
 * the new host's broker is told the code and generation. Checks in the order `TakeoverRefusal` gives.
 * KEYS: lobby, the successor's peer, the successor's host-lobby. ARGV: code, successor, token hash,
 * presented generation, peer prefix, host-lobby prefix, lobby prefix, lobby TTL, channel prefix.
 * Returns {'ok', new generation} or {refusal}.
 */
export const TAKE_OVER = new LuaScript(`
local held = redis.call('HMGET', KEYS[2], 'broker', 'token')
if not held[2] then return {'host_not_connected'} end
if held[2] ~= ARGV[3] then return {'not_host_owner'} end
local lobby = redis.call('HMGET', KEYS[1], 'host', 'owner', 'migration', 'generation')
if not lobby[1] or lobby[3] ~= '1' or not lobby[4] then return {'lobby_not_found'} end
if ARGV[4] ~= lobby[4] then return {'bad_credential'} end
if redis.call('HGET', ARGV[5] .. lobby[1], 'token') == lobby[2] then return {'host_still_connected'} end
local generation = tostring(tonumber(lobby[4]) + 1)
redis.call('HSET', KEYS[1], 'host', ARGV[2], 'owner', ARGV[3], 'generation', generation)
redis.call('PEXPIRE', KEYS[1], ARGV[8])
local former = ARGV[6] .. lobby[1]
if redis.call('GET', former) == ARGV[1] then redis.call('DEL', former) end
local own = redis.call('GET', KEYS[3])
if own and own ~= ARGV[1] and redis.call('HGET', ARGV[7] .. own, 'host') == ARGV[2] then redis.call('DEL', ARGV[7] .. own) end
redis.call('SET', KEYS[3], ARGV[1], 'PX', ARGV[8])
redis.call('PUBLISH', ARGV[9] .. held[1], 'l' .. ARGV[2] .. ' ' .. ARGV[1] .. ' ' .. generation)
return {'ok', generation}
`);
