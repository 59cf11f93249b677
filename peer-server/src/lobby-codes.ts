/**
 * Lobby codes: what a host reads out to friends and a joiner types in. Six characters from an
 * alphabet without the look-alikes 0/O and 1/I/L, so a code survives being said aloud, written on
 * paper or typed in lowercase. 31^6 is about 887 million codes: collisions are rare and retried.
 */
import { createHmac, randomInt } from 'node:crypto';

/** The characters a lobby code is made of: digits 2-9 and A-Z without I, L and O. */
export const LOBBY_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** How many characters a lobby code has. */
export const LOBBY_CODE_LENGTH = 6;

// Case-insensitive without the u flag, so only ASCII letters fold: "ſ" or "ß" never pass for a code
// just because they uppercase to S or SS.
const CODE_PATTERN = new RegExp(`^[${LOBBY_CODE_ALPHABET}]{${LOBBY_CODE_LENGTH}}$`, 'i');

/** Picks an integer in [0, max); injectable so tests can force collisions. */
export type RandomIndex = (max: number) => number;

/**
 * A fresh random code. Uses `node:crypto` because codes stand in for the host's unguessable peer id,
 * so they should be no easier to predict than the alphabet allows.
 */
export function generateLobbyCode(randomIndex: RandomIndex = randomInt): string {
  let code = '';
  for (let i = 0; i < LOBBY_CODE_LENGTH; i += 1) code += LOBBY_CODE_ALPHABET.charAt(randomIndex(LOBBY_CODE_ALPHABET.length));
  return code;
}

/** The canonical (trimmed, uppercase) form of what a user typed, or undefined when it cannot be a code. */
export function normalizeLobbyCode(input: string): string | undefined {
  const candidate = input.trim();
  return CODE_PATTERN.test(candidate) ? candidate.toUpperCase() : undefined;
}

/**
 * The code a host gets under `secret`: the same host id and secret give the same code, so a host
 * that registers again after a broker restart gets its old code back without either side storing
 * it. `attempt` picks another code when the first is taken (by a hash collision, 1 in 887 million).
 */
export function derivedLobbyCode(secret: string, hostPeerId: string, attempt: number): string {
  const digest = createHmac('sha256', secret).update(`lobby-code:${attempt}:${hostPeerId}`).digest();
  // 48 bits reduced modulo 31^6: the bias is under one part in 300,000.
  let value = digest.readUIntBE(0, 6) % LOBBY_CODE_ALPHABET.length ** LOBBY_CODE_LENGTH;
  let code = '';
  for (let i = 0; i < LOBBY_CODE_LENGTH; i += 1) {
    code += LOBBY_CODE_ALPHABET.charAt(value % LOBBY_CODE_ALPHABET.length);
    value = Math.floor(value / LOBBY_CODE_ALPHABET.length);
  }
  return code;
}
