/** The broker's per-address rate limiter and the held-message cap, on an injected clock. */
import { describe, expect, it } from 'vitest';
import { derivedLobbyCode, normalizeLobbyCode } from '../../../peer-server/src/lobby-codes.js';
import { PeerIdIssuer } from '../../../peer-server/src/peer-ids.js';
import { RateLimiter } from '../../../peer-server/src/rate-limiter.js';
import { SignalQueueCap } from '../../../peer-server/src/signal-queue-cap.js';

describe('RateLimiter', () => {
  it('allows perMinute at once, then one more each 60/perMinute seconds', () => {
    let now = 0;
    const limiter = new RateLimiter({ perMinute: 6, now: () => now });
    for (let i = 0; i < 6; i++) expect(limiter.take('a')).toBe(true);
    expect(limiter.take('a')).toBe(false);
    expect(limiter.retryAfterMs('a')).toBe(10_000);
    expect(limiter.take('b')).toBe(true);
    now += 9_999;
    expect(limiter.take('a')).toBe(false);
    now += 1;
    expect(limiter.take('a')).toBe(true);
    expect(limiter.take('a')).toBe(false);
  });

  it('remembers at most maxKeys addresses, and forgets those whose budget is whole again', () => {
    let now = 0;
    const limiter = new RateLimiter({ perMinute: 2, maxKeys: 100, now: () => now });
    for (let i = 0; i < 10_000; i++) limiter.take(`address ${i}`);
    expect(limiter.size).toBeLessThanOrEqual(100);
    now += 60_000;
    limiter.take('fresh');
    expect(limiter.size).toBe(1);
  });
});

describe('SignalQueueCap', () => {
  it('caps per peer and in total, frees a peer on release and every peer after forgetAfterMs', () => {
    let now = 0;
    const cap = new SignalQueueCap({ perPeer: 2, total: 3, forgetAfterMs: 1000, now: () => now });
    expect([cap.admit('a'), cap.admit('a'), cap.admit('a')]).toEqual([true, true, false]);
    expect([cap.admit('b'), cap.admit('b')]).toEqual([true, false]);
    expect(cap.total).toBe(3);
    cap.release('a');
    expect(cap.total).toBe(1);
    expect(cap.admit('c')).toBe(true);
    now += 1000;
    expect(cap.total).toBe(0);
    expect([cap.admit('b'), cap.admit('b'), cap.admit('b')]).toEqual([true, true, false]);
  });
});

describe('issued ids and derived codes', () => {
  it('knows its own ids and no others', () => {
    const issuer = new PeerIdIssuer('k'.repeat(32));
    const id = issuer.issue();
    expect(id).toMatch(/^[0-9a-f]{32}-[0-9a-f]{32}$/);
    expect(issuer.isIssued(id)).toBe(true);
    expect(new PeerIdIssuer('j'.repeat(32)).isIssued(id)).toBe(false);
    expect(issuer.isIssued(id.toUpperCase())).toBe(false);
    expect(issuer.isIssued(`${id}0`)).toBe(false);
    expect(issuer.issue()).not.toBe(id);
  });

  it('derives a well-formed code that depends on secret, host and attempt', () => {
    const code = derivedLobbyCode('k'.repeat(32), 'host-1', 0);
    expect(normalizeLobbyCode(code)).toBe(code);
    expect(derivedLobbyCode('k'.repeat(32), 'host-1', 0)).toBe(code);
    const others = [derivedLobbyCode('j'.repeat(32), 'host-1', 0), derivedLobbyCode('k'.repeat(32), 'host-2', 0), derivedLobbyCode('k'.repeat(32), 'host-1', 1)];
    expect(others).not.toContain(code);
  });
});
