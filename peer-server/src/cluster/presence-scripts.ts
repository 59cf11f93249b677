/**
 * The Lua scripts behind peer whereabouts (cluster-presence.ts). Each runs atomically on the Redis,
 * so two brokers claiming one id at once cannot both win. Presence is the hash `peer:<id>`
 * {broker, token}; a host's lobby is `host-lobby:<id>` -> code and `lobby:<code>` {host, owner,
 * and `migration` and `generation` for host migration} (lobby-scripts.ts).
 * Keys a script finds by reading another (a lobby from its code) are built from prefixes in ARGV:
 * these scripts need one Redis (or a primary and its replicas), not a Redis Cluster.
 */
import { LuaScript } from './lua-script.js';

/**
 * A socket for a peer id opens: the id becomes this broker's, unless another token holds it or
 * owns its lobby. Renews the peer's lobby, if it has one.
 * KEYS: peer, host-lobby. ARGV: broker, token hash, presence TTL, lobby prefix, lobby TTL.
 * Returns {'taken'} or {'ok', code or ''}.
 */
export const CLAIM = new LuaScript(`
local token = redis.call('HGET', KEYS[1], 'token')
if token and token ~= ARGV[2] then return {'taken'} end
local code = redis.call('GET', KEYS[2])
if code then
  local owner = redis.call('HGET', ARGV[4] .. code, 'owner')
  if owner and owner ~= ARGV[2] then return {'taken'} end
end
redis.call('HSET', KEYS[1], 'broker', ARGV[1], 'token', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
if code then
  if redis.call('PEXPIRE', ARGV[4] .. code, ARGV[5]) == 1 then
    redis.call('PEXPIRE', KEYS[2], ARGV[5])
    return {'ok', code}
  end
  redis.call('DEL', KEYS[2])
end
return {'ok', ''}
`);

/**
 * Renews the whereabouts of this broker's peers and their lobbies, and puts back what a Redis
 * that restarted empty has lost: a peer's presence, and the lobby this broker remembers for it
 * (with its takeover generation, for a migration lobby). A remembered lobby that the Redis holds
 * for another host is put back too when the Redis has it at an older generation and that host is
 * connected nowhere: a takeover this broker made while the Redis was away.
 * ARGV: broker, peer prefix, host-lobby prefix, lobby prefix, presence TTL, lobby TTL, then for
 * each peer its id, token hash, remembered code (or '') and remembered generation (or '').
 * Returns, for each peer in order: its lobby code ('<code> <generation>' for a migration lobby),
 * '' for none, 'taken' when another token holds the id (or owns its lobby), 'moved' when another
 * broker holds it now.
 */
export const RENEW = new LuaScript(`
local function state(code)
  local lobby = redis.call('HMGET', ARGV[4] .. code, 'migration', 'generation')
  if lobby[1] == '1' and lobby[2] then return code .. ' ' .. lobby[2] end
  return code
end
local results = {}
for i = 7, #ARGV, 4 do
  local id, token, remembered, generation = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
  local peer, hostLobby = ARGV[2] .. id, ARGV[3] .. id
  local held = redis.call('HMGET', peer, 'broker', 'token')
  local code = redis.call('GET', hostLobby)
  local owner = code and redis.call('HGET', ARGV[4] .. code, 'owner')
  local result = ''
  if (held[2] and held[2] ~= token) or (owner and owner ~= token) then
    result = 'taken'
  elseif held[1] and held[1] ~= ARGV[1] then
    result = 'moved'
  else
    redis.call('HSET', peer, 'broker', ARGV[1], 'token', token)
    redis.call('PEXPIRE', peer, ARGV[5])
    if code and redis.call('PEXPIRE', ARGV[4] .. code, ARGV[6]) == 1 then
      redis.call('PEXPIRE', hostLobby, ARGV[6])
      result = state(code)
    elseif remembered ~= '' then
      local lobby = ARGV[4] .. remembered
      local stored = redis.call('HMGET', lobby, 'host', 'migration', 'generation')
      if stored[1] and stored[1] ~= id and generation ~= '' and stored[2] == '1'
          and tonumber(stored[3] or '-1') < tonumber(generation) and not redis.call('HGET', ARGV[2] .. stored[1], 'broker') then
        if redis.call('GET', ARGV[3] .. stored[1]) == remembered then redis.call('DEL', ARGV[3] .. stored[1]) end
        redis.call('DEL', lobby)
        stored[1] = false
      end
      if not stored[1] then
        redis.call('HSET', lobby, 'host', id, 'owner', token)
        if generation ~= '' then redis.call('HSET', lobby, 'migration', '1', 'generation', generation) end
        redis.call('PEXPIRE', lobby, ARGV[6])
        redis.call('SET', hostLobby, remembered, 'PX', ARGV[6])
        result = state(remembered)
      end
    end
  end
  results[#results + 1] = result
end
return results
`);

/**
 * A peer's socket on this broker closed: its presence goes, and with it its lobby, as on a lone
 * broker; a migration lobby is vacated instead, kept (with its `host-lobby:`) for the vacancy, for
 * a successor to take over or the host to claim back. Nothing changes when another broker holds
 * the peer now (it reconnected there first).
 * KEYS: peer, host-lobby. ARGV: broker, lobby prefix, peer id, vacancy ms. Returns 1 when it
 * released, else 0.
 */
export const RELEASE = new LuaScript(`
if redis.call('HGET', KEYS[1], 'broker') ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
local code = redis.call('GET', KEYS[2])
if code then
  local lobby = redis.call('HMGET', ARGV[2] .. code, 'host', 'migration')
  if lobby[1] == ARGV[3] and lobby[2] == '1' then
    redis.call('PEXPIRE', ARGV[2] .. code, ARGV[4])
    redis.call('PEXPIRE', KEYS[2], ARGV[4])
    return 1
  end
  if lobby[1] == ARGV[3] then redis.call('DEL', ARGV[2] .. code) end
  redis.call('DEL', KEYS[2])
end
return 1
`);
