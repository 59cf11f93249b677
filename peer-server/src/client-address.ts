/**
 * Which address a request comes from, for per-address limits. Behind one reverse proxy (the
 * `proxied` setting) it is the last X-Forwarded-For entry: the one that proxy wrote. Entries before
 * it were written by the client and could say anything, so they are never used.
 */
import type { IncomingMessage } from 'node:http';

/** The client address of an HTTP request or WebSocket upgrade. */
export function clientAddress(request: IncomingMessage, proxied: boolean): string {
  const socketAddress = request.socket.remoteAddress ?? 'unknown';
  if (!proxied) return socketAddress;
  const header = request.headers['x-forwarded-for'];
  const joined = Array.isArray(header) ? header.join(',') : header;
  const last = joined?.split(',').pop()?.trim();
  return last === undefined || last === '' ? socketAddress : last;
}
