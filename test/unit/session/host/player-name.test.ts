import { describe, expect, it } from 'vitest';
import { MAX_PLAYER_NAME_LENGTH } from '../../../../engine/src/protocol/message-limits.js';
import { cleanPlayerName, MAX_NAME_CODE_POINTS, normalisePlayerName, uniquePlayerName } from '../../../../engine/src/session/host/player-name.js';

const codePoints = (text: string): number => [...text].length;
/** True when `text` holds a surrogate that is not half of a pair. */
const hasLoneSurrogate = (text: string): boolean => /\p{Cs}/u.test(text);

describe('cleanPlayerName', () => {
  it.each([
    ['NUL', 'An\u0000n', 'Ann'],
    ['an escape sequence that clears a terminal', '\u001b[2J\u001b[HAnn', '[2J[HAnn'],
    ['a forged log line', 'Ann\r\n[host] joined: admin', 'Ann [host] joined: admin'],
    ['tabs and other whitespace', ' Ann\t\u00a0\u3000Lee\u2028 ', 'Ann Lee'],
    ['a right-to-left override', 'Ann\u202Egpj.exe', 'Anngpj.exe'],
    ['every bidi embedding, override, isolate and mark', '\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061CAnn', 'Ann'],
    ['C1 controls and DEL', 'A\u0085n\u009Bn\u007F', 'A nn'],
    ['zero-width and other invisible characters', '\u200BA\u2060n\uFEFFn\u00AD\u3164\u115F', 'Ann'],
    ['a lone high surrogate', 'Ann\uD800', 'Ann'],
    ['a lone low surrogate', '\uDC00Ann', 'Ann'],
    ['the replacement character the codec puts for one', 'Ann\uFFFD', 'Ann'],
    ['whitespace only', ' \t\r\n\u3000 ', ''],
    ['nothing visible', '\u0000\u202E\u200B\u200D', ''],
  ])('removes %s', (_what, raw, clean) => {
    expect(cleanPlayerName(raw)).toBe(clean);
  });

  it('composes to NFC, so one name has one spelling', () => {
    expect(cleanPlayerName('Zoe\u0308')).toBe('Zo\u00eb');
    expect(cleanPlayerName('Zo\u00eb')).toBe('Zo\u00eb');
  });

  it('keeps letters of any script, emoji and their sequences whole', () => {
    for (const name of ['Ζωή', 'Дмитрий', '李小龍', 'محمد', 'שלום', 'हिन्दी', 'ক্ষ', '👩‍🚀 Ada', '❤️‍🔥', '👋🏽', 'क्‍ष']) {
      expect(cleanPlayerName(name)).toBe(name.normalize('NFC'));
    }
  });

  it('drops a joiner that joins nothing', () => {
    expect(cleanPlayerName('\u200DAnn\u200D')).toBe('Ann');
    expect(cleanPlayerName('Ann \u200D Lee')).toBe('Ann Lee');
    expect(cleanPlayerName('A\u200D\u200Dnn')).toBe('Ann');
  });

  it('bounds a name to 24 code points, never splitting a surrogate pair', () => {
    expect(MAX_NAME_CODE_POINTS).toBe(24);
    expect(cleanPlayerName('x'.repeat(1000))).toBe('x'.repeat(24));
    // Astral characters are two UTF-16 units each: 16 of them fill the 32 units `playerJoined` may carry.
    const emoji = cleanPlayerName('😀'.repeat(40));
    expect(emoji).toBe('😀'.repeat(16));
    expect(hasLoneSurrogate(emoji)).toBe(false);
    expect(cleanPlayerName(`${'x'.repeat(31)}😀`)).toBe('x'.repeat(24));
    expect(cleanPlayerName(`${'a'.repeat(8)}${'😀'.repeat(12)}`)).toBe(`${'a'.repeat(8)}${'😀'.repeat(12)}`);
    expect(cleanPlayerName(`${'a'.repeat(9)}${'😀'.repeat(12)}`)).toBe(`${'a'.repeat(9)}${'😀'.repeat(11)}`);
  });

  it('tidies the end a cut leaves: no trailing space, no dangling joiner', () => {
    expect(cleanPlayerName(`${'x'.repeat(23)} yz`)).toBe('x'.repeat(23));
    expect(cleanPlayerName(`${'a'.repeat(13)}👩‍🚀`)).toBe(`${'a'.repeat(13)}👩‍🚀`);
    // The cut falls right after the joiner, which then joins nothing.
    expect(cleanPlayerName(`${'a'.repeat(22)}👩‍🚀`)).toBe(`${'a'.repeat(22)}👩`);
  });

  it('gives the same answer again for its own output', () => {
    for (const raw of ['An\u0000n', '\u001b[2JAnn', 'Ann\r\nBob', '😀'.repeat(40), `${'a'.repeat(22)}👩‍🚀`, 'Zoe\u0308']) {
      const once = cleanPlayerName(raw);
      expect(cleanPlayerName(once)).toBe(once);
    }
  });
});

describe('uniquePlayerName', () => {
  it('adds (2), (3), ... to a name already in the lobby', () => {
    expect(uniquePlayerName('Ann', [])).toBe('Ann');
    expect(uniquePlayerName('Ann', ['Bob'])).toBe('Ann');
    expect(uniquePlayerName('Ann', ['Ann'])).toBe('Ann (2)');
    expect(uniquePlayerName('Ann', ['Ann', 'Ann (2)'])).toBe('Ann (3)');
    expect(uniquePlayerName('Ann', ['Ann (2)', 'Ann'])).toBe('Ann (3)');
    expect(uniquePlayerName('Ann', ['Ann', 'Ann (3)'])).toBe('Ann (2)');
  });

  it('counts names that differ only in case, compatibility form or a variation selector as taken', () => {
    expect(uniquePlayerName('ann', ['Ann'])).toBe('ann (2)');
    expect(uniquePlayerName('ＡＮＮ', ['Ann'])).toBe('ＡＮＮ (2)');
    expect(uniquePlayerName('Ann\uFE0F', ['Ann'])).toBe('Ann\uFE0F (2)');
  });

  it('cuts the name before the suffix, so the result stays within the bounds', () => {
    const long = 'x'.repeat(24);
    expect(uniquePlayerName(long, [long])).toBe(`${'x'.repeat(20)} (2)`);
    const emoji = '😀'.repeat(16);
    const second = uniquePlayerName(emoji, [emoji]);
    expect(second).toBe(`${'😀'.repeat(14)} (2)`);
    expect(second.length).toBeLessThanOrEqual(MAX_PLAYER_NAME_LENGTH);
    const taken: string[] = [];
    for (let i = 0; i < 11; i++) taken.push(uniquePlayerName(long, taken));
    expect(taken.slice(8)).toEqual([`${'x'.repeat(20)} (9)`, `${'x'.repeat(19)} (10)`, `${'x'.repeat(19)} (11)`]);
    for (const name of taken) expect(codePoints(name)).toBeLessThanOrEqual(24);
  });

  it('never ends the cut name in a space before the suffix', () => {
    const name = `${'x'.repeat(19)} yyyy`;
    expect(uniquePlayerName(name, [name])).toBe(`${'x'.repeat(19)} (2)`);
  });
});

describe('normalisePlayerName', () => {
  it('falls back to the given name when nothing is left, and keeps that unique too', () => {
    expect(normalisePlayerName('   ', 'player 3', [])).toBe('player 3');
    expect(normalisePlayerName('\u202E\u0000', 'player 3', ['Player 3'])).toBe('player 3 (2)');
    expect(normalisePlayerName('Ann\u0000', 'player 2', ['host', 'Ann'])).toBe('Ann (2)');
  });
});
