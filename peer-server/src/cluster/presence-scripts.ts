/**
 * The Lua scripts behind peer whereabouts (cluster-presence.ts). Each runs atomically on the Redis,
 * so two brokers claiming one id at once cannot both win. Presence is the hash `peer:<id>`
 * {broker, token}; a host's lobby is `host-lobby:<id>` -> code and `lobby:<code>` {host, owner}.
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
 * that restarted empty has lost: a peer's presence, and the lobby this broker remembers for it.
 * ARGV: broker, peer prefix, host-lobby prefix, lobby prefix, presence TTL, lobby TTL, then for
 * each peer its id, token hash and remembered code (or '').
 * Returns, for each peer in order: its lobby code, '' for none, 'taken' when another token holds
 * the id (or owns its lobby), 'moved' when another broker holds it now.
 */
export const RENEW = new LuaScript(`
local results = {}
for i = 7, #ARGV, 3 do
  local id, token, remembered = ARGV[i], ARGV[i + 1], ARGV[i + 2]
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
      result = code
    elseif remembered ~= '' and redis.call('EXISTS', ARGV[4] .. remembered) == 0 then
      redis.call('HSET', ARGV[4] .. remembered, 'host', id, 'owner', token)
      redis.call('PEXPIRE', ARGV[4] .. remembered, ARGV[6])
      redis.call('SET', hostLobby, remembered, 'PX', ARGV[6])
      result = remembered
    end
  end
  results[#results + 1] = result
end
return results
`);

/**
 * A peer's socket on this broker closed: its presence goes, and with it its lobby, as on a lone
 * broker. Nothing changes when another broker holds the peer now (it reconnected there first).
 * KEYS: peer, host-lobby. ARGV: broker, lobby prefix. Returns 1 when it released, else 0.
 */
export const RELEASE = new LuaScript(`
if redis.call('HGET', KEYS[1], 'broker') ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
local code = redis.call('GET', KEYS[2])
if code then redis.call('DEL', ARGV[2] .. code, KEYS[2]) end
return 1
`);
