/**
 * The broker watch on a manual clock, against a stand-in for a PeerJS peer that records its
 * reconnect tries: one loss report, tries spaced by the backoff, a try that hangs cut short, and
 * one restored report.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../engine/src/core/clock.js';
import type { NetError } from '../../../engine/src/core/net-error.js';
import { BrokerWatch, type WatchedPeer } from '../../../engine/src/transport/peerjs/broker-watch.js';

type Listener = (payload: { type?: unknown; message?: unknown }) => void;

class FakePeer implements WatchedPeer {
  disconnected = false;
  destroyed = false;
  /** What a reconnect try meets: a broker that refuses at once, one that opens, or one that never answers. */
  broker: 'down' | 'up' | 'silent' = 'down';
  tries: number[] = [];
  private readonly listeners = new Map<string, Listener[]>();

  constructor(private readonly clock: ManualClock) {}

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  emit(event: string, payload: { type?: unknown; message?: unknown } = {}): void {
    for (const listener of this.listeners.get(event) ?? []) listener(payload);
  }

  /** The socket dropped, the way PeerJS reports it: an error, then `disconnected`. */
  lose(): void {
    this.emit('error', { type: 'network', message: 'Lost connection to server.' });
    this.disconnected = true;
    this.emit('disconnected');
  }

  reconnect(): void {
    this.tries.push(this.clock.now());
    this.disconnected = false;
    if (this.broker === 'down') this.lose();
    else if (this.broker === 'up') this.emit('open');
  }

  disconnect(): void {
    this.disconnected = true;
    this.emit('disconnected');
  }

}

function watch(random = 0) {
  const clock = new ManualClock();
  const peer = new FakePeer(clock);
  const lost: NetError[] = [];
  const restored: number[] = [];
  const watcher = new BrokerWatch(peer, {
    clock,
    backoff: { firstMs: 500, maxMs: 4000 },
    attemptTimeoutMs: 10_000,
    random: () => random,
    onLost: (error) => lost.push(error),
    onRestored: (attempts) => restored.push(attempts),
  });
  return { clock, peer, lost, restored, watcher };
}

describe('BrokerWatch', () => {
  it('reports a loss once, retries with doubling waits, and reports the way back once', () => {
    const { clock, peer, lost, restored, watcher } = watch();
    peer.lose();
    expect(lost.map((e) => [e.code, e.message])).toEqual([['broker_unreachable', 'PeerJS: Lost connection to server.']]);
    expect(watcher.connected).toBe(false);
    // Each try fails at once; the waits (random = 0: the lower end) are 250, 500, 1000, 2000, 2000 ms.
    clock.advance(8000);
    expect(peer.tries).toEqual([250, 750, 1750, 3750, 5750, 7750]);
    expect(lost).toHaveLength(1);
    expect(restored).toEqual([]);
    peer.broker = 'up';
    clock.advance(2000);
    expect(restored).toEqual([7]);
    expect(watcher.connected).toBe(true);
    clock.advance(60_000);
    expect(peer.tries).toHaveLength(7);
  });

  it('cuts a try that neither opens nor fails short, and tries again', () => {
    const { clock, peer } = watch();
    peer.broker = 'silent';
    peer.lose();
    clock.advance(250);
    expect(peer.tries).toEqual([250]);
    clock.advance(10_000);
    expect(peer.disconnected).toBe(true);
    clock.advance(500);
    expect(peer.tries).toEqual([250, 10_750]);
    expect(peer.disconnected).toBe(false);
  });

  it('stops trying once stopped or once the peer is destroyed', () => {
    const stopped = watch();
    stopped.peer.lose();
    stopped.watcher.stop();
    stopped.clock.advance(60_000);
    expect(stopped.peer.tries).toEqual([]);

    const destroyed = watch();
    destroyed.peer.lose();
    destroyed.peer.destroyed = true;
    destroyed.peer.emit('close');
    destroyed.clock.advance(60_000);
    expect(destroyed.peer.tries).toEqual([]);
  });

  it('ignores an open that was not a way back (the first one)', () => {
    const { peer, restored } = watch();
    peer.emit('open');
    expect(restored).toEqual([]);
  });
});
