/**
 * Lobbies in the shared Redis, so a code opened through one broker resolves on all of them. A
 * lobby is `lobby:<code>` {host, owner (its token's hash)} and `host-lobby:<host>` -> code; both
 * expire unless renewed, which the host's broker does while the host is connected (see
 * cluster-presence.ts). Codes are derived from the host id and the shared secret, so the same host
 * gets the same code on any broker, now or after its broker died.
 *
 * Each broker also remembers the lobbies of the hosts connected to it (a LobbyRegistry): while the
 * Redis is down it answers for those, opens lobbies for them, and when the Redis is back (empty,
 * if it restarted) puts them back.
 */
import type { ConnectedPeers } from '../connected-peers.js';
import type { LobbyDirectory, LobbyOpening } from '../lobby-directory.js';
import { derivedLobbyCode, normalizeLobbyCode } from '../lobby-codes.js';
import { MAX_CODE_ATTEMPTS, type LobbyRegistry } from '../lobby-registry.js';
import type { LocalLobbies } from '../local-lobbies.js';
import { LuaScript, stringList } from './lua-script.js';
import type { ClusterKeys } from './redis-keys.js';
import type { RedisLink } from './redis-link.js';
import { tokenHash } from './token-hash.js';

/**
 * Opens a lobby for a host that some broker holds under this token, or renews the one it has, and
 * tells the host's broker the code (so it remembers it).
 * KEYS: peer, host-lobby. ARGV: host, token hash, lobby prefix, lobby TTL, channel prefix, then
 * the candidate codes in order. Returns {'ok', code}, {'host_not_connected'}, {'not_host_owner'}
 * or {'exhausted'}.
 */
const OPEN = new LuaScript(`
local held = redis.call('HMGET', KEYS[1], 'broker', 'token')
if not held[2] then return {'host_not_connected'} end
if held[2] ~= ARGV[2] then return {'not_host_owner'} end
local code = redis.call('GET', KEYS[2])
if code and redis.call('HGET', ARGV[3] .. code, 'host') ~= ARGV[1] then code = false end
if not code then
  for i = 6, #ARGV do
    if redis.call('EXISTS', ARGV[3] .. ARGV[i]) == 0 then
      code = ARGV[i]
      break
    end
  end
  if not code then return {'exhausted'} end
end
redis.call('HSET', ARGV[3] .. code, 'host', ARGV[1], 'owner', ARGV[2])
redis.call('PEXPIRE', ARGV[3] .. code, ARGV[4])
redis.call('SET', KEYS[2], code, 'PX', ARGV[4])
redis.call('PUBLISH', ARGV[5] .. held[1], 'l' .. ARGV[1] .. ' ' .. code)
return {'ok', code}
`);

export interface ClusterLobbiesOptions {
  readonly link: RedisLink;
  readonly keys: ClusterKeys;
  /** The secret every broker shares, which codes are derived with. */
  readonly secret: string;
  readonly lobbyTtlMs: number;
  /** This broker's own lobbies: what it answers with while the Redis is down. */
  readonly local: LocalLobbies;
  /** Where `local` keeps them, also told of codes opened through other brokers. */
  readonly registry: LobbyRegistry;
  readonly peers: ConnectedPeers;
}

/** See the file comment. */
export class ClusterLobbies implements LobbyDirectory {
  constructor(private readonly options: ClusterLobbiesOptions) {}

  async open(hostPeerId: string, token: string): Promise<LobbyOpening> {
    const { link, keys, secret, lobbyTtlMs, local } = this.options;
    if (!link.up) return local.openNow(hostPeerId, token);
    const candidates = Array.from({ length: MAX_CODE_ATTEMPTS }, (_, attempt) => derivedLobbyCode(secret, hostPeerId, attempt));
    const args = [hostPeerId, tokenHash(token), keys.prefixes.lobby, String(lobbyTtlMs), keys.prefixes.brokerChannel, ...candidates];
    let reply: string[];
    try {
      reply = stringList(await OPEN.run(link.commands, [keys.peer(hostPeerId), keys.hostLobby(hostPeerId)], args));
    } catch {
      return local.openNow(hostPeerId, token);
    }
    const [outcome, code] = reply;
    if (outcome === 'ok' && code !== undefined) {
      this.remember(hostPeerId, code);
      return { code };
    }
    // A host connected here that the Redis does not know yet: it restarted, and this broker has not
    // told it again. The code opened here goes to the Redis with the next renewal.
    if (outcome === 'host_not_connected' && this.options.peers.has(hostPeerId)) return local.openNow(hostPeerId, token);
    if (outcome === 'host_not_connected' || outcome === 'not_host_owner') return { refused: outcome };
    throw new Error(`no free lobby code after ${MAX_CODE_ATTEMPTS} attempts`);
  }

  async resolve(input: string): Promise<string | undefined> {
    const code = normalizeLobbyCode(input);
    if (code === undefined) return undefined;
    const { link, keys, registry } = this.options;
    if (link.up) {
      try {
        const host = await link.commands.hGet(keys.lobby(code), 'host');
        if (typeof host === 'string') return host;
      } catch {
        // Answered below from what this broker knows.
      }
    }
    return registry.resolve(code);
  }

  /** `code` is the lobby of `hostPeerId`: remembered if the host is connected here. */
  remember(hostPeerId: string, code: string): void {
    if (this.options.peers.has(hostPeerId)) this.options.registry.put(hostPeerId, code);
  }
}
