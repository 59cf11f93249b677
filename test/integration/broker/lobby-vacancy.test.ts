/**
 * The parts of host migration that need no network, on a manual clock: takeover credentials, a
 * broker's memory of vacated lobbies and what its registry does with them, the lobby note brokers
 * publish to each other, and the check on the vacancy a broker is started with.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startBroker } from '../../../peer-server/src/broker.js';
import { readChannelMessage } from '../../../peer-server/src/cluster/broker-channel.js';
import { MAX_CREDENTIAL_LENGTH, TakeoverCredentials } from '../../../peer-server/src/lobby-credentials.js';
import { LobbyRegistry } from '../../../peer-server/src/lobby-registry.js';
import { resolveVacancyMs, VacatedLobbies } from '../../../peer-server/src/vacated-lobbies.js';

const SECRET = 'vacancy-test-secret-'.padEnd(48, 'v');

describe('TakeoverCredentials', () => {
  const credentials = new TakeoverCredentials(SECRET);

  it('issues `generation.base64url(HMAC-SHA256(secret, "tickwire-takeover\\n" + code + "\\n" + generation))`', () => {
    const tag = createHmac('sha256', SECRET).update('tickwire-takeover\nK7QX2M\n3').digest('base64url');
    expect(credentials.issue('K7QX2M', 3)).toBe(`3.${tag}`);
    expect(credentials.issue('K7QX2M', 0)).toMatch(/^0\.[A-Za-z0-9_-]{43}$/);
    expect(credentials.issue('K7QX2M', 0).length).toBeLessThan(MAX_CREDENTIAL_LENGTH);
  });

  it('tells the generation of an authentic credential, and nothing for any other', () => {
    const issued = credentials.issue('K7QX2M', 7);
    expect(credentials.generationOf('K7QX2M', issued)).toBe(7);
    for (const presented of [
      credentials.issue('ABCDEF', 7), // another code's
      new TakeoverCredentials('another-secret-'.padEnd(48, 'x')).issue('K7QX2M', 7), // another secret's
      `8${issued.slice(1)}`, // its tag under another generation
      `07${issued.slice(1)}`, // a generation written otherwise
      `${issued}x`,
      issued.slice(0, -1),
      issued.toUpperCase(),
      '',
      '7.',
      '-1.abc',
      'x'.repeat(MAX_CREDENTIAL_LENGTH),
      `${'9'.repeat(20)}.${issued.slice(2)}`,
    ]) {
      expect(credentials.generationOf('K7QX2M', presented), presented).toBeUndefined();
    }
  });
});

/** A manual clock. */
function clock(): { now: () => number; advance: (ms: number) => void } {
  let at = 1000;
  return { now: () => at, advance: (ms) => void (at += ms) };
}

describe('VacatedLobbies', () => {
  it('keeps a vacancy for exactly vacancyMs, and forgets it after', () => {
    const time = clock();
    const vacated = new VacatedLobbies(500, time.now);
    vacated.add('AAAAAA', 'host-a', 'token-a', 2);
    time.advance(499);
    expect(vacated.get('AAAAAA')).toEqual({ code: 'AAAAAA', host: 'host-a', token: 'token-a', generation: 2, until: 1500 });
    expect(vacated.ofHost('host-a').map((v) => v.code)).toEqual(['AAAAAA']);
    time.advance(1);
    expect(vacated.get('AAAAAA')).toBeUndefined();
    expect(vacated.ofHost('host-a')).toEqual([]);
    expect(vacated.size).toBe(0);
  });

  it('holds no more than the vacancies of the last vacancyMs, however many came before', () => {
    const time = clock();
    const vacated = new VacatedLobbies(100, time.now);
    for (let i = 0; i < 10_000; i++) {
      vacated.add(`C${String(i).padStart(5, '0')}`, `host-${i}`, 't', 0);
      time.advance(1);
    }
    expect(vacated.size).toBeLessThanOrEqual(101);
  });

  it('keeps every vacancy a host id left, and ends one at a time', () => {
    const vacated = new VacatedLobbies(500, clock().now);
    vacated.add('AAAAAA', 'host-a', 'token-a', 0);
    vacated.add('BBBBBB', 'host-a', 'token-b', 0);
    expect(vacated.ofHost('host-a').map((v) => v.token)).toEqual(['token-a', 'token-b']);
    expect(vacated.remove('AAAAAA')?.token).toBe('token-a');
    expect(vacated.remove('AAAAAA')).toBeUndefined();
    expect(vacated.ofHost('host-a').map((v) => v.code)).toEqual(['BBBBBB']);
  });
});

describe('LobbyRegistry with host migration', () => {
  function registry(): { lobbies: LobbyRegistry; advance: (ms: number) => void } {
    const time = clock();
    // The same code for every attempt of a host, another for each further attempt.
    const lobbies = new LobbyRegistry((host, attempt) => `${host.slice(-1).toUpperCase()}${'ABCDEFGHJK'.charAt(attempt)}2222`, { vacancyMs: 1000, now: time.now });
    return { lobbies, advance: time.advance };
  }

  it('vacates a migration lobby when its host leaves, keeping its code from others, and closes any other at once', () => {
    const { lobbies, advance } = registry();
    const code = lobbies.create('host-a');
    expect(lobbies.allowMigration(code)).toBe(0);
    const plain = lobbies.create('host-b');
    lobbies.vacate('host-a', 'token-a');
    lobbies.vacate('host-b', 'token-b');
    expect(lobbies.entry(code)).toEqual({ vacancy: expect.objectContaining({ host: 'host-a', generation: 0 }) });
    expect(lobbies.resolve(code)).toBeUndefined();
    expect(lobbies.entry(plain)).toBeUndefined();
    // Another host under the same id (its code would be the same) gets the next code meanwhile.
    expect(lobbies.create('host-a')).not.toBe(code);
    advance(1000);
    expect(lobbies.entry(code)).toBeUndefined();
  });

  it('gives a vacated lobby back to its host only with its own token', () => {
    const { lobbies } = registry();
    const code = lobbies.create('host-a');
    lobbies.allowMigration(code);
    lobbies.vacate('host-a', 'token-a');
    lobbies.returned('host-a', 'token-other');
    expect(lobbies.entry(code)).toEqual({ vacancy: expect.anything() });
    lobbies.returned('host-a', 'token-a');
    expect(lobbies.entry(code)).toEqual({ host: 'host-a' });
    expect(lobbies.generationOf(code)).toBe(0);
  });

  it('hands a vacated lobby to a successor at the next generation, closing the lobby the successor had', () => {
    const { lobbies } = registry();
    const code = lobbies.create('host-a');
    lobbies.allowMigration(code);
    const own = lobbies.create('host-s');
    lobbies.vacate('host-a', 'token-a');
    expect(lobbies.takeOver(code, 'host-s')).toBe(1);
    expect(lobbies.entry(code)).toEqual({ host: 'host-s' });
    expect(lobbies.codeOf('host-s')).toBe(code);
    expect(lobbies.entry(own)).toBeUndefined();
    expect(lobbies.takeOver(code, 'host-t')).toBeUndefined();
    lobbies.vacate('host-s', 'token-s');
    expect(lobbies.takeOver(code, 'host-t')).toBe(2);
  });
});

describe('the lobby note brokers publish', () => {
  it('reads a code, with a generation for a migration lobby, and nothing malformed', () => {
    expect(readChannelMessage('lhost-1 K7QX2M')).toEqual({ kind: 'lobby', host: 'host-1', code: 'K7QX2M', generation: undefined });
    expect(readChannelMessage('lhost-1 K7QX2M 4')).toEqual({ kind: 'lobby', host: 'host-1', code: 'K7QX2M', generation: 4 });
    for (const raw of ['lhost-1 ', 'lhost-1 K7QX2M x', 'lhost-1 K7QX2M 1 2', 'lhost-1 K7QX2M -1']) expect(readChannelMessage(raw), raw).toBeUndefined();
  });
});

describe('the vacancy a broker is started with', () => {
  it('is 30 s unless given, and refused outside 100 ms to an hour', async () => {
    expect(resolveVacancyMs(undefined)).toBe(30_000);
    expect(resolveVacancyMs(250)).toBe(250);
    for (const bad of [99, 3_600_001, 1.5, Number.NaN]) expect(() => resolveVacancyMs(bad)).toThrow(/"vacancyMs" must be an integer/);
    await expect(startBroker({ port: 0, staticDir: undefined }, { vacancyMs: 5 })).rejects.toThrow(/"vacancyMs"/);
  });
});
