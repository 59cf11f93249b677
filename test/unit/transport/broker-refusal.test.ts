/**
 * A broker that refuses a peer for good, on a manual clock, against a stand-in for a PeerJS peer
 * that meets a refusal the way PeerJS reports one (an error, then `disconnected`): the watch reports
 * one final `broker_refused` error and never tries again, while a refusal a later try may get past
 * (too many connections from one address) is retried as before.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../engine/src/core/clock.js';
import type { NetError } from '../../../engine/src/core/net-error.js';
import { brokerRefusal, type PeerErrorLike } from '../../../engine/src/transport/peerjs/broker-refusal.js';
import { BrokerWatch, isBrokerError, type WatchedPeer } from '../../../engine/src/transport/peerjs/broker-watch.js';

type Listener = (payload: PeerErrorLike) => void;

/** The refusals, as PeerJS 1.5 reports each (its `_abort` emits the error, then disconnects). */
const REFUSALS: readonly [string, PeerErrorLike, RegExp][] = [
  [
    'a restarted broker with another secret',
    { type: 'server-error', message: 'peer id "0123-4567" was not issued by this broker; connect without choosing an id' },
    /another broker secret/,
  ],
  ['another peer holding the id (ID-TAKEN)', { type: 'unavailable-id', message: 'ID "0123-4567" is taken' }, /another peer holds/],
  ['a broker with another key (PeerServer)', { type: 'server-error', message: 'Invalid key provided' }, /broker's key/],
  ['a broker with another key (PeerJS)', { type: 'invalid-key', message: 'API KEY "tickwire" is invalid' }, /broker's key/],
  ['an id the broker finds invalid', { type: 'invalid-id', message: 'ID "x" is invalid' }, /finds this peer's id invalid/],
];

class FakePeer implements WatchedPeer {
  disconnected = false;
  destroyed = false;
  /** What the next reconnect try meets: nobody (down), a refusal, or an OPEN. */
  answer: PeerErrorLike | 'down' | 'open' = 'down';
  tries: number[] = [];
  private readonly listeners = new Map<string, Listener[]>();

  constructor(private readonly clock: ManualClock) {}

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  emit(event: string, payload: PeerErrorLike = {}): void {
    for (const listener of this.listeners.get(event) ?? []) listener(payload);
  }

  /** A failed connection, the way PeerJS reports it: an error, then `disconnected`. */
  fail(error: PeerErrorLike): void {
    this.emit('error', error);
    this.disconnected = true;
    this.emit('disconnected');
  }

  reconnect(): void {
    this.tries.push(this.clock.now());
    this.disconnected = false;
    if (this.answer === 'open') this.emit('open');
    else this.fail(this.answer === 'down' ? { type: 'network', message: 'Lost connection to server.' } : this.answer);
  }

  disconnect(): void {
    this.disconnected = true;
    this.emit('disconnected');
  }
}

function watch() {
  const clock = new ManualClock();
  const peer = new FakePeer(clock);
  const log: string[] = [];
  const refused: NetError[] = [];
  const watcher = new BrokerWatch(peer, {
    clock,
    backoff: { firstMs: 500, maxMs: 10_000 },
    attemptTimeoutMs: 10_000,
    random: () => 0.5,
    onLost: (error) => log.push(`lost: ${error.code}`),
    onRestored: (attempts) => log.push(`restored after ${attempts}`),
    onRefused: (error) => {
      log.push(`refused: ${error.code}`);
      refused.push(error);
    },
  });
  return { clock, peer, log, refused, watcher };
}

describe('BrokerWatch and a broker that refuses the peer for good', () => {
  it.each(REFUSALS)('stops at once on %s, with one final broker_refused error', (_, answer, why) => {
    const { clock, peer, log, refused, watcher } = watch();
    peer.fail({ type: 'network', message: 'Lost connection to server.' });
    // Three tries at a broker that is down, then it is back and refuses.
    clock.advance(3000);
    expect(peer.tries).toHaveLength(3);
    peer.answer = answer;
    clock.advance(60_000);
    expect(peer.tries).toHaveLength(4);
    expect(log).toEqual(['lost: broker_unreachable', 'refused: broker_refused']);
    expect(refused[0]?.message).toMatch(why);
    expect(refused[0]?.message).toContain(String(answer.message));
    expect(refused[0]?.cause).toBe(answer);
    expect(watcher.refusal).toBe(refused[0]);
    expect(watcher.connected).toBe(false);

    // An hour later, still nothing: no try, no report, even if PeerJS says more.
    clock.advance(3_600_000);
    peer.fail(answer);
    peer.emit('open');
    expect(peer.tries).toHaveLength(4);
    expect(log).toHaveLength(2);
  });

  it('keeps trying after a refusal that a later try may get past, and reports the way back', () => {
    const { clock, peer, log, watcher } = watch();
    peer.fail({ type: 'network', message: 'Lost connection to server.' });
    peer.answer = { type: 'server-error', message: 'too many connections from one address (the limit is 64)' };
    clock.advance(10_000);
    const refusedTries = peer.tries.length;
    expect(refusedTries).toBeGreaterThanOrEqual(4);
    peer.answer = 'open';
    clock.advance(10_000);
    expect(peer.tries).toHaveLength(refusedTries + 1);
    expect(log).toEqual(['lost: broker_unreachable', `restored after ${refusedTries + 1}`]);
    expect(watcher.refusal).toBeUndefined();
    expect(watcher.connected).toBe(true);
  });

  it('says nothing of a refusal once stopped', () => {
    const { clock, peer, log, watcher } = watch();
    peer.fail({ type: 'network', message: 'Lost connection to server.' });
    watcher.stop();
    peer.fail(REFUSALS[0]![1]);
    clock.advance(60_000);
    expect(log).toEqual(['lost: broker_unreachable']);
    expect(watcher.refusal).toBeUndefined();
  });
});

describe('brokerRefusal', () => {
  it('tells a refusal for good from a broker error a later try may get past', () => {
    for (const [, error] of REFUSALS) {
      expect(brokerRefusal(error)?.code).toBe('broker_refused');
      // The transports leave these to the watch rather than report them as errors of their own.
      expect(isBrokerError(error)).toBe(true);
    }
    for (const error of [
      { type: 'server-error', message: 'too many connections from one address (the limit is 64)' },
      { type: 'server-error', message: 'Server has reached its concurrent user limit' },
      { type: 'network', message: 'Lost connection to server.' },
      { type: 'peer-unavailable', message: 'Could not connect to peer x' },
      { type: 'server-error' },
      { type: 42, message: 'was not issued by this broker' },
      {},
    ]) {
      expect(brokerRefusal(error)).toBeUndefined();
    }
  });
});
