/**
 * Talking JSON to the broker's lobby API: absolute URLs from the broker's base URL, requests whose
 * failures become `NetError`s a game can switch on, and reading fields of an answer that is still
 * `unknown`. Every answer is checked by its caller before it is trusted.
 */
import { NetError } from '../../core/net-error.js';

/** How long one request to the broker may take before it counts as unanswered. */
export const BROKER_REQUEST_TIMEOUT_MS = 10_000;

/** `value[key]` of a decoded answer, or undefined when `value` is no object. */
export function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/** The absolute URL of `path` on the broker. */
export function endpoint(brokerUrl: string, path: string): string {
  try {
    return new URL(path, brokerUrl).toString();
  } catch (cause) {
    throw new NetError('invalid_option', `brokerUrl must be an absolute http(s) URL, got "${brokerUrl}"`, { cause });
  }
}

/** Sends a request and reads its JSON answer; a 204 answers `undefined`. */
export async function request(url: string, init?: RequestInit): Promise<{ status: number; body: unknown }> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (cause) {
    throw new NetError('broker_unreachable', `the broker at ${url} did not answer`, { cause });
  }
  if (response.status === 204) return { status: 204, body: undefined };
  let body: unknown;
  try {
    body = await response.json();
  } catch (cause) {
    throw new NetError('broker_error', `the broker answered ${url} with something that is not JSON (HTTP ${response.status})`, { cause });
  }
  return { status: response.status, body };
}

/** A JSON request with a body, bounded by {@link BROKER_REQUEST_TIMEOUT_MS}. */
export function jsonRequest(method: string, value: unknown, extra: RequestInit = {}): RequestInit {
  return {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(value),
    signal: AbortSignal.timeout(BROKER_REQUEST_TIMEOUT_MS),
    ...extra,
  };
}

/** The broker's refusal, with the reason it gave. */
export function brokerError(url: string, status: number, body: unknown): NetError {
  const message = field(field(body, 'error'), 'message');
  return new NetError('broker_error', `the broker refused ${url} (HTTP ${status}): ${typeof message === 'string' ? message : 'no reason given'}`);
}

/** The error code the broker answered with, when it gave one. */
export function brokerErrorCode(body: unknown): string | undefined {
  const code = field(field(body, 'error'), 'code');
  return typeof code === 'string' ? code : undefined;
}
