/** Small helpers for reading the lobby API's responses in tests. */
import { expect } from 'vitest';

/** Reads a JSON response, failing the test when it is not JSON. */
export async function jsonBody(response: Response): Promise<unknown> {
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return response.json();
}

/** Checks that `response` is the API's error shape with this status and code. */
export async function expectApiError(response: Response, status: number, code: string): Promise<void> {
  const body = await jsonBody(response);
  expect({ status: response.status, body }).toEqual({
    status,
    body: { error: { code, message: expect.stringMatching(/\S/) } },
  });
}

/**
 * POSTs `body` as given with a content type, or with none at all when it is undefined (sent as bytes,
 * since fetch labels a string body text/plain by itself).
 */
export function postRaw(url: string, body: string, contentType: string | undefined): Promise<Response> {
  if (contentType === undefined) return fetch(url, { method: 'POST', body: new TextEncoder().encode(body) });
  return fetch(url, { method: 'POST', body, headers: { 'content-type': contentType } });
}

/** POSTs `value` as JSON. */
export function postJson(url: string, value: unknown): Promise<Response> {
  return postRaw(url, JSON.stringify(value), 'application/json');
}
