/** The broker's rate limiters, strikes and the held-message cap, on an injected clock. */
import { describe, expect, it } from 'vitest';
import { derivedLobbyCode, normalizeLobbyCode } from '../../../peer-server/src/lobby-codes.js';
import { PeerIdIssuer } from '../../../peer-server/src/peer-ids.js';
import { RateLimiter } from '../../../peer-server/src/rate-limiter.js';
import { SignalGuard } from '../../../peer-server/src/signal-guard.js';
import { SignalQueueCap } from '../../../peer-server/src/signal-queue-cap.js';
import { TokenBucket } from '../../../peer-server/src/token-bucket.js';

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

describe('TokenBucket', () => {
  it('allows burst at once, then perSecond a second, never saving up past burst', () => {
    let now = 0;
    const bucket = new TokenBucket({ perSecond: 10, burst: 3, now: () => now });
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
    now += 99;
    expect(bucket.take()).toBe(false);
    now += 1;
    expect([bucket.take(), bucket.take()]).toEqual([true, false]);
    now += 60_000;
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
  });
});

describe('SignalGuard', () => {
  const heartbeat = Buffer.from('{"type":"HEARTBEAT"}');
  const junk = Buffer.from('{"type":"LEAVE","dst":"x"}');

  it('passes well-formed messages within the rate, and strikes malformed ones', () => {
    const guard = new SignalGuard({ perSecond: 1, burst: 10, maxStrikes: 3, now: () => 0 });
    expect(guard.judge(heartbeat, false)).toEqual({ pass: true, signal: { type: 'HEARTBEAT' } });
    expect(guard.judge(junk, false)).toEqual({ pass: false, reason: 'malformed', why: 'not a type a client sends', cut: false });
    expect(guard.judge(heartbeat, true)).toEqual({ pass: false, reason: 'malformed', why: 'not a text frame', cut: false });
    expect(guard.strikes).toBe(2);
  });

  it('strikes what is over the rate before reading it, cuts at maxStrikes once, then ignores the rest', () => {
    let now = 0;
    const guard = new SignalGuard({ perSecond: 1, burst: 2, maxStrikes: 3, now: () => now });
    expect([guard.judge(heartbeat, false).pass, guard.judge(heartbeat, false).pass]).toEqual([true, true]);
    expect(guard.judge(junk, false)).toMatchObject({ reason: 'over-rate', cut: false });
    now += 1000;
    expect(guard.judge(junk, false)).toMatchObject({ reason: 'malformed', cut: false });
    expect(guard.judge(heartbeat, false)).toMatchObject({ reason: 'over-rate', cut: true });
    now += 60_000;
    expect(guard.judge(heartbeat, false)).toEqual({ pass: false, reason: 'cut' });
    expect(guard.strikes).toBe(3);
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
