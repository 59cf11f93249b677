/**
 * Checks for single broker settings. Each takes the name of where the value came from (a flag, an
 * environment variable or a `startBroker` option) so its error tells the operator what to fix.
 */
import { resolve } from 'node:path';

/** A STUN or TURN server, in the shape of the DOM's `RTCIceServer`, handed to every peer. */
export interface IceServerConfig {
  readonly urls: string | readonly string[];
  readonly username?: string;
  readonly credential?: string;
}

const PEER_KEY_PATTERN = /^[A-Za-z0-9._~-]{1,64}$/;
const PATH_SEGMENT_PATTERN = /^[A-Za-z0-9._~-]+$/;

/** Throws unless `port` is a TCP port number; 0 asks the OS for a free one. */
export function checkPort(port: number, name: string): number {
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${name} must be an integer from 0 to 65535, got ${String(port)}`);
  }
  return port;
}

/** Reads a port from text, refusing anything that `Number()` would quietly accept, like "9e3" or " 80". */
export function parsePort(text: string, name: string): number {
  if (!/^\d{1,5}$/.test(text)) throw new Error(`${name} must be an integer from 0 to 65535, got "${text}"`);
  return checkPort(Number(text), name);
}

/** Throws on an empty host; anything else is left for `listen()` to judge. */
export function checkHost(host: string, name: string): string {
  if (host.trim() === '') throw new Error(`${name} must not be empty`);
  return host;
}

/**
 * Resolves the folder served at `/`. An empty value is refused rather than resolved, since that would
 * quietly serve the working directory (often the repository, sources and all).
 */
export function checkStaticDir(dir: string, name: string): string {
  if (dir.trim() === '') throw new Error(`${name} must not be empty`);
  return resolve(dir);
}

/**
 * Normalizes the PeerJS mount path to "/segment[/segment...]" without a trailing slash. The root and
 * anything under /api are refused: the PeerServer answers `GET {path}/` and `{path}/:key/id`, so on
 * those paths it would shadow the demo's index.html or lobby API routes.
 */
export function checkPeerPath(path: string, name: string): string {
  const trimmed = path.trim().replace(/\/+$/, '');
  const segments = trimmed.split('/').slice(1);
  const wellFormed = trimmed.startsWith('/') && segments.length > 0 && segments.every((s) => PATH_SEGMENT_PATTERN.test(s));
  if (!wellFormed) {
    throw new Error(`${name} must be a path like "/peerjs" (segments of A-Z a-z 0-9 . _ ~ -, not the root), got "${path}"`);
  }
  if (segments[0]?.toLowerCase() === 'api') throw new Error(`${name} must not be under /api, which the lobby API uses; got "${path}"`);
  return trimmed;
}

/** The key travels in URLs and must match exactly on both sides, so keep it to URL-safe characters. */
export function checkPeerKey(key: string, name: string): string {
  if (!PEER_KEY_PATTERN.test(key)) throw new Error(`${name} must be 1 to 64 characters of A-Z a-z 0-9 . _ ~ -, got "${key}"`);
  return key;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string' && item !== '');
}

function checkIceServer(value: unknown, name: string): IceServerConfig {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${name} must be an object like {"urls": "stun:127.0.0.1:3478"}`);
  }
  const { urls, username, credential } = value as Record<string, unknown>;
  if (!(typeof urls === 'string' && urls !== '') && !isStringArray(urls)) {
    throw new Error(`${name}.urls must be a non-empty string or array of strings`);
  }
  if (username !== undefined && typeof username !== 'string') throw new Error(`${name}.username must be a string`);
  if (credential !== undefined && typeof credential !== 'string') throw new Error(`${name}.credential must be a string`);
  // Rebuilt rather than passed through, so unknown keys never reach clients.
  return {
    urls: typeof urls === 'string' ? urls : [...urls],
    ...(username === undefined ? {} : { username }),
    ...(credential === undefined ? {} : { credential }),
  };
}

/** Checks a decoded ICE server list and returns a clean copy of it. */
export function checkIceServers(value: unknown, name: string): IceServerConfig[] {
  if (!Array.isArray(value)) throw new Error(`${name} must be a JSON array of ICE servers, like [{"urls":"stun:127.0.0.1:3478"}]`);
  return value.map((server: unknown, index) => checkIceServer(server, `${name}[${index}]`));
}

/** Reads an ICE server list from JSON text. */
export function parseIceServers(text: string, name: string): IceServerConfig[] {
  let decoded: unknown;
  try {
    decoded = JSON.parse(text);
  } catch (cause) {
    throw new Error(`${name} is not valid JSON: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
  return checkIceServers(decoded, name);
}

/** Reads a yes/no environment value. */
export function parseBoolean(text: string, name: string): boolean {
  const lowered = text.trim().toLowerCase();
  if (lowered === '1' || lowered === 'true' || lowered === 'yes') return true;
  if (lowered === '0' || lowered === 'false' || lowered === 'no') return false;
  throw new Error(`${name} must be true or false (or 1 or 0), got "${text}"`);
}

/** Throws unless `value` is an integer in [min, max]. */
export function checkCount(value: number, name: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max}, got ${String(value)}`);
  }
  return value;
}

/** Reads an integer in [min, max] from text, digits only. */
export function parseCount(text: string, name: string, min: number, max: number): number {
  if (!/^\d{1,10}$/.test(text)) throw new Error(`${name} must be an integer from ${min} to ${max}, got "${text}"`);
  return checkCount(Number(text), name, min, max);
}

/** The shortest secret accepted: anything shorter could be guessed, and with it peer ids forged. */
export const MIN_SECRET_LENGTH = 32;

/** Checks the broker secret that peer ids and lobby codes are derived with. */
export function checkSecret(secret: string, name: string): string {
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`${name} must be at least ${MIN_SECRET_LENGTH} characters (try \`openssl rand -hex 32\`), got ${secret.length}`);
  }
  return secret;
}

/** Checks the URL of the Redis that brokers share: redis:// or rediss://, with a host. */
export function checkRedisUrl(url: string, name: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not echoed: a Redis URL may carry a password.
    throw new Error(`${name} must be a URL like redis://127.0.0.1:6379 (the value given is not a URL)`);
  }
  if ((parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') || parsed.hostname === '') {
    throw new Error(`${name} must be a redis:// or rediss:// URL with a host, like redis://127.0.0.1:6379`);
  }
  return url;
}

const REDIS_PREFIX_PATTERN = /^[A-Za-z0-9:._-]{1,64}$/;

/** Checks the prefix of the brokers' Redis keys and channels. */
export function checkRedisPrefix(prefix: string, name: string): string {
  if (!REDIS_PREFIX_PATTERN.test(prefix)) throw new Error(`${name} must be 1 to 64 characters of A-Z a-z 0-9 : . _ -, got "${prefix}"`);
  return prefix;
}

/**
 * Brokers that share a Redis must share the secret: a peer that moves to another broker keeps its
 * id, and a host its lobby code, only if every broker accepts the ids and derives the codes the
 * others do.
 */
export function checkSharedSecret(redisUrl: string | undefined, secret: string | undefined, names: { readonly redis: string; readonly secret: string }): void {
  if (redisUrl !== undefined && secret === undefined) {
    throw new Error(`${names.redis} needs ${names.secret}, the same on every broker: each must accept the peer ids and make the lobby codes the others do (try \`openssl rand -hex 32\`)`);
  }
}
