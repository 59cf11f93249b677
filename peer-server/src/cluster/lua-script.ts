/**
 * A Lua script run on the shared Redis, atomically. It goes by its text (EVAL) until the Redis
 * behind a connection has run it once, then by its SHA-1 (EVALSHA), and by its text again after
 * the connection was made anew (the Redis may have restarted empty, see `forgetScripts`). Going by
 * text until then, rather than trying the SHA-1 and falling back, keeps calls in the order they
 * were made: a signal relayed by a retried call would overtake the ones after it.
 */
import { createHash } from 'node:crypto';
import { ErrorReply } from 'redis';
import type { RedisClient } from './redis-link.js';

/** The scripts each connection's Redis is known to hold, by SHA-1. */
const loaded = new WeakMap<RedisClient, Set<string>>();

/** `client` connected anew: its Redis may not hold any script any more. */
export function forgetScripts(client: RedisClient): void {
  loaded.delete(client);
}

/** One script; see the file comment. */
export class LuaScript {
  readonly sha: string;

  constructor(readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  /** Runs it with `keys` (KEYS) and `args` (ARGV); the reply is checked by the caller. */
  async run(client: RedisClient, keys: readonly string[], args: readonly string[]): Promise<unknown> {
    const options = { keys: [...keys], arguments: [...args] };
    const known = loaded.get(client);
    if (known?.has(this.sha)) {
      try {
        return await client.evalSha(this.sha, options);
      } catch (error) {
        // Flushed by an operator (SCRIPT FLUSH) under a live connection.
        if (!(error instanceof ErrorReply && error.message.startsWith('NOSCRIPT'))) throw error;
        known.delete(this.sha);
      }
    }
    const reply = await client.eval(this.source, options);
    if (loaded.has(client)) loaded.get(client)?.add(this.sha);
    else loaded.set(client, new Set([this.sha]));
    return reply;
  }
}

/** A script's reply as a list of strings; throws when it is not one (a bug in the script). */
export function stringList(reply: unknown): string[] {
  if (!Array.isArray(reply) || !reply.every((item): item is string => typeof item === 'string')) {
    throw new Error(`a Redis script answered ${JSON.stringify(reply)}, not a list of strings`);
  }
  return reply;
}
