/**
 * The lobby lookup budget per client address, counted once for all brokers: behind a round-robin
 * load balancer a prober's lookups are spread over every broker, and each counting its own share
 * would multiply the budget by their number. The same token bucket as rate-limiter.ts (a minute's
 * worth at once, earned back over a minute), kept in `lookups:<address>` {tokens, at} on the
 * Redis clock, and forgotten once it would be full again. While the Redis is down each broker
 * counts on its own again.
 */
import type { LookupLimiter, LookupVerdict } from '../lookup-limiter.js';
import { takeLocally } from '../lookup-limiter.js';
import type { RateLimiter } from '../rate-limiter.js';
import { LuaScript } from './lua-script.js';
import type { ClusterKeys } from './redis-keys.js';
import type { RedisLink } from './redis-link.js';

/**
 * KEYS: the address's bucket. ARGV: lookups per minute.
 * Returns {1, 0} when the lookup may go ahead, {0, ms until the next one may}.
 */
const TAKE = new LuaScript(`
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local perMinute = tonumber(ARGV[1])
local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = perMinute
if bucket[1] then
  tokens = math.min(perMinute, tonumber(bucket[1]) + (now - tonumber(bucket[2])) * perMinute / 60000)
end
local allowed = 1
if tokens >= 1 then tokens = tokens - 1 else allowed = 0 end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((perMinute - tokens) * 60000 / perMinute) + 1)
if allowed == 1 then return {1, 0} end
return {0, math.ceil((1 - tokens) * 60000 / perMinute)}
`);

/** See the file comment. */
export class ClusterLookups implements LookupLimiter {
  constructor(
    private readonly link: RedisLink,
    private readonly keys: ClusterKeys,
    private readonly perMinute: number,
    /** This broker's own budget, for while the Redis is down. */
    private readonly local: RateLimiter,
  ) {}

  async take(address: string): Promise<LookupVerdict> {
    if (!this.link.up) return takeLocally(this.local, address);
    let reply: unknown;
    try {
      reply = await TAKE.run(this.link.commands, [this.keys.lookups(address)], [String(this.perMinute)]);
    } catch {
      return takeLocally(this.local, address);
    }
    if (!Array.isArray(reply) || typeof reply[0] !== 'number' || typeof reply[1] !== 'number') {
      throw new Error(`the lookup budget script answered ${JSON.stringify(reply)}`);
    }
    return reply[0] === 1 ? { allowed: true } : { allowed: false, retryAfterMs: reply[1] };
  }
}
