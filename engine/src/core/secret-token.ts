/**
 * Unguessable tokens from the platform's cryptographic RNG (Web Crypto, in browsers and Node alike):
 * what proves a seat is someone's. Never from the seeded `Rng`, whose sequence can be predicted.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A URL-safe token of `bytes` random bytes (default 16: 128 bits), one character per 6 bits. */
export function secretToken(bytes = 16): string {
  const random = globalThis.crypto.getRandomValues(new Uint8Array(bytes));
  let token = '';
  let bits = 0;
  let buffer = 0;
  for (const byte of random) {
    buffer = ((buffer & 0x3f) << 8) | byte;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      token += ALPHABET[(buffer >> bits) & 63];
    }
  }
  if (bits > 0) token += ALPHABET[(buffer << (6 - bits)) & 63];
  return token;
}
