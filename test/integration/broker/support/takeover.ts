/**
 * Host migration's side of the lobby API as the tests drive it: opening a lobby with or without
 * migration, looking a code up, taking a lobby over, and the credential a broker with a known
 * secret must issue, computed here from the documented formula rather than from the broker's code.
 */
import { createHmac } from 'node:crypto';
import { expect } from 'vitest';
import type { Broker } from '../../../../peer-server/src/broker.js';
import { jsonBody, postJson } from './api.js';

/** Who asks: a peer id and the token its signaling socket was opened with. */
export interface Peer {
  readonly id: string;
  readonly token: string;
}

/** `${generation}.${base64url(HMAC-SHA256(secret, "tickwire-takeover\n" + code + "\n" + generation))}`. */
export function expectedCredential(secret: string, code: string, generation: number): string {
  return `${generation}.${createHmac('sha256', secret).update(`tickwire-takeover\n${code}\n${generation}`).digest('base64url')}`;
}

/** `POST /api/lobbies` for `host`, with `migration` when given. */
export function register(on: Broker, host: Peer, migration?: unknown): Promise<Response> {
  return postJson(`${on.url}/api/lobbies`, { hostPeerId: host.id, token: host.token, ...(migration === undefined ? {} : { migration }) });
}

/** Opens `host`'s lobby with migration through `on`: its code and credential. */
export async function openMigrating(on: Broker, host: Peer): Promise<{ code: string; credential: string }> {
  const response = await register(on, host, true);
  const body = (await jsonBody(response)) as { code: string; credential: string };
  expect({ status: response.status, body }).toEqual({ status: 201, body: { code: expect.any(String), credential: expect.any(String) } });
  return body;
}

/** `GET /api/lobbies/:code` through `on`: the host's id on 200, else the status and error code. */
export async function lookup(on: Broker, code: string): Promise<string> {
  const response = await fetch(`${on.url}/api/lobbies/${encodeURIComponent(code)}`);
  const body = (await jsonBody(response)) as { hostPeerId?: string; error?: { code: string } };
  return response.status === 200 ? `host ${String(body.hostPeerId)}` : `${response.status} ${String(body.error?.code)}`;
}

/** `POST /api/lobbies/:code/takeover` through `on` for `successor`. */
export function takeOver(on: Broker, code: string, successor: Peer, credential: unknown): Promise<Response> {
  return postJson(`${on.url}/api/lobbies/${encodeURIComponent(code)}/takeover`, { hostPeerId: successor.id, token: successor.token, credential });
}

/** A takeover that must succeed: the code (in its canonical form) and the credential for the next one. */
export async function takeOverOk(on: Broker, code: string, successor: Peer, credential: string): Promise<{ code: string; credential: string }> {
  const response = await takeOver(on, code, successor, credential);
  const body = (await jsonBody(response)) as { code: string; credential: string };
  expect({ status: response.status, body }).toStrictEqual({ status: 200, body: { code: code.trim().toUpperCase(), credential: expect.any(String) } });
  return body;
}

/** `PUT /api/lobbies/:code/listing` for `host` through `on`, in `mode`. */
export function putListing(on: Broker, code: string, host: Peer, mode: string): Promise<Response> {
  return fetch(`${on.url}/api/lobbies/${code}/listing`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ hostPeerId: host.id, token: host.token, name: 'a lobby', mode, players: 1, seats: 4 }),
  });
}

/** The codes listed in `mode` through `on`. */
export async function listedCodes(on: Broker, mode: string): Promise<string[]> {
  const response = await fetch(`${on.url}/api/lobbies?mode=${mode}`);
  const body = (await jsonBody(response)) as { lobbies: { code: string }[] };
  expect(response.status).toBe(200);
  return body.lobbies.map((lobby) => lobby.code);
}

/** A made-up credential of the right shape, for a generation and no secret. */
export function madeUpCredential(generation: number): string {
  return `${generation}.${'A'.repeat(43)}`;
}
