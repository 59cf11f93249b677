/**
 * The Lua scripts behind relaying signals between brokers (cluster-relay.ts). A signal goes to the
 * broker that holds its destination (presence `peer:<dst>`, see presence-scripts.ts) on that
 * broker's channel; when no live broker holds it, it is held in `held:<dst>` for the peer to find
 * when it connects to any broker, within caps that count over all brokers. `held-deadlines` says
 * when each peer's held signals expire; `held-total` counts them all.
 */
import { LuaScript } from './lua-script.js';

/**
 * Publishes a signal to its destination's broker (as the channel note `s<dst> <signal>`, see
 * broker-channel.ts); when no other live broker holds the destination and `mode` is 'hold', holds
 * it (within the caps).
 * KEYS: peer, held, held-deadlines, held-total. ARGV: channel prefix, this broker, the signal,
 * the destination id, cap per peer, cap in all, hold for ms, mode ('hold' or 'deliver').
 * Returns 'sent', 'held', 'full' or 'absent'.
 */
export const ROUTE = new LuaScript(`
local broker = redis.call('HGET', KEYS[1], 'broker')
if broker and broker ~= ARGV[2] and redis.call('PUBLISH', ARGV[1] .. broker, 's' .. ARGV[4] .. ' ' .. ARGV[3]) > 0 then return 'sent' end
if ARGV[8] ~= 'hold' then return 'absent' end
if redis.call('LLEN', KEYS[2]) >= tonumber(ARGV[5]) or tonumber(redis.call('GET', KEYS[4]) or '0') >= tonumber(ARGV[6]) then
  return 'full'
end
if redis.call('RPUSH', KEYS[2], ARGV[3]) == 1 then
  local time = redis.call('TIME')
  redis.call('ZADD', KEYS[3], tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000) + tonumber(ARGV[7]), ARGV[4])
end
redis.call('INCR', KEYS[4])
return 'held'
`);

/**
 * Takes every signal held for a peer that just connected, oldest first.
 * KEYS: held, held-deadlines, held-total. ARGV: the peer's id. Returns the signals.
 */
export const DRAIN = new LuaScript(`
local held = redis.call('LRANGE', KEYS[1], 0, -1)
if #held > 0 then
  redis.call('DEL', KEYS[1])
  if redis.call('DECRBY', KEYS[3], #held) < 0 then redis.call('SET', KEYS[3], 0) end
end
redis.call('ZREM', KEYS[2], ARGV[1])
return held
`);

/**
 * Takes the held signals that expired, for their senders to be told. Each broker sweeps; a signal
 * is taken by one of them only.
 * KEYS: held-deadlines, held-total. ARGV: held prefix, most peers per sweep.
 * Returns a list of {peer id, signal, signal, ...}.
 */
export const SWEEP = new LuaScript(`
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[2]))
local expired = {}
for _, id in ipairs(due) do
  local key = ARGV[1] .. id
  local held = redis.call('LRANGE', key, 0, -1)
  redis.call('DEL', key)
  redis.call('ZREM', KEYS[1], id)
  if #held > 0 and redis.call('DECRBY', KEYS[2], #held) < 0 then redis.call('SET', KEYS[2], 0) end
  table.insert(held, 1, id)
  expired[#expired + 1] = held
end
return expired
`);
