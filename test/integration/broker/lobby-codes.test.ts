/** Lobby codes and the registry that maps them to host peer ids. */
import { describe, expect, it, vi } from 'vitest';
import { LOBBY_CODE_ALPHABET, LOBBY_CODE_LENGTH, generateLobbyCode, normalizeLobbyCode } from '../../../peer-server/src/lobby-codes.js';
import { LobbyRegistry } from '../../../peer-server/src/lobby-registry.js';

describe('lobby codes', () => {
  it('uses digits 2-9 and A-Z without the look-alikes 0, O, 1, I and L', () => {
    expect([...LOBBY_CODE_ALPHABET].sort().join('')).toBe('23456789ABCDEFGHJKMNPQRSTUVWXYZ');
    expect(new Set(LOBBY_CODE_ALPHABET).size).toBe(LOBBY_CODE_ALPHABET.length);
    for (const lookAlike of '0O1IL') expect(LOBBY_CODE_ALPHABET).not.toContain(lookAlike);
  });

  it('generates six-character codes drawn from the whole alphabet', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 1000; i += 1) {
      const code = generateLobbyCode();
      expect(code).toHaveLength(LOBBY_CODE_LENGTH);
      expect(LOBBY_CODE_LENGTH).toBe(6);
      for (const char of code) seen.add(char);
    }
    // 6000 characters from 31: each is missed with odds around 31 * (30/31)^6000, i.e. never.
    expect([...seen].sort().join('')).toBe([...LOBBY_CODE_ALPHABET].sort().join(''));
  });

  it('maps the random source onto the alphabet, asking for indexes below its length', () => {
    const lowest = vi.fn(() => 0);
    expect(generateLobbyCode(lowest)).toBe('222222');
    expect(lowest).toHaveBeenCalledTimes(6);
    expect(lowest).toHaveBeenCalledWith(LOBBY_CODE_ALPHABET.length);
    expect(generateLobbyCode((max) => max - 1)).toBe('ZZZZZZ');
  });

  it.each([
    ['K7QX2M', 'K7QX2M'],
    ['k7qx2m', 'K7QX2M'],
    ['  k7Qx2M\n', 'K7QX2M'],
  ])('normalizes %j to %s', (input, expected) => {
    expect(normalizeLobbyCode(input)).toBe(expected);
  });

  it.each(['', 'K7QX2', 'K7QX2MM', 'K7QX0M', 'K7QXOM', 'K7QX1M', 'K7QXIM', 'K7QXLM', 'K7 X2M', 'K7-X2M', 'K7QX2Ｍ', 'ſ7QX2M', 'ßAB2M'])(
    'rejects %j as not a possible code',
    (input) => {
      expect(normalizeLobbyCode(input)).toBeUndefined();
    },
  );
});

describe('LobbyRegistry', () => {
  it('creates a code and resolves it in any letter case', () => {
    const registry = new LobbyRegistry();
    const code = registry.create('host-a');
    expect(normalizeLobbyCode(code)).toBe(code);
    expect(registry.resolve(code)).toBe('host-a');
    expect(registry.resolve(code.toLowerCase())).toBe('host-a');
    expect(registry.size).toBe(1);
  });

  it('gives a host its existing code instead of a second lobby', () => {
    const registry = new LobbyRegistry();
    const code = registry.create('host-a');
    expect(registry.create('host-a')).toBe(code);
    expect(registry.size).toBe(1);
  });

  it('retries on a collision', () => {
    const candidates = ['AAAAAA', 'AAAAAA', 'BBBBBB'];
    const registry = new LobbyRegistry(() => candidates.shift() ?? 'CCCCCC');
    expect(registry.create('host-a')).toBe('AAAAAA');
    expect(registry.create('host-b')).toBe('BBBBBB');
    expect(registry.resolve('AAAAAA')).toBe('host-a');
    expect(registry.resolve('BBBBBB')).toBe('host-b');
  });

  it('gives up with an error when no free code turns up', () => {
    const registry = new LobbyRegistry(() => 'AAAAAA');
    registry.create('host-a');
    expect(() => registry.create('host-b')).toThrow(/no free lobby code/);
    expect(registry.size).toBe(1);
  });

  it('forgets a host and its code on removeHost', () => {
    const registry = new LobbyRegistry();
    const code = registry.create('host-a');
    const other = registry.create('host-b');
    expect(registry.removeHost('host-a')).toBe(true);
    expect(registry.resolve(code)).toBeUndefined();
    expect(registry.resolve(other)).toBe('host-b');
    expect(registry.size).toBe(1);
    expect(registry.removeHost('host-a')).toBe(false);
    expect(registry.create('host-a')).not.toBe(other);
  });

  it('resolves unknown and malformed codes to undefined', () => {
    const registry = new LobbyRegistry(() => 'AAAAAA');
    registry.create('host-a');
    expect(registry.resolve('BBBBBB')).toBeUndefined();
    expect(registry.resolve('AAAAA')).toBeUndefined();
    expect(registry.resolve('')).toBeUndefined();
  });
});
