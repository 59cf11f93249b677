/** The connections on their own: strikes, the handshake deadline and silence, with a fake seats and transport. */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../engine/src/core/clock.js';
import { Emitter } from '../../../../engine/src/core/emitter.js';
import type { HostEvents } from '../../../../engine/src/session/session-events.js';
import { DEFAULT_BACKPRESSURE } from '../../../../engine/src/session/host/backpressure.js';
import { Connections } from '../../../../engine/src/session/host/connections.js';
import { DEFAULT_RATE_LIMITS } from '../../../../engine/src/session/host/rate-limits.js';
import { Seat } from '../../../../engine/src/session/host/seat.js';
import { SeatMessages } from '../../../../engine/src/session/reliable-log.js';
import { helloMessage } from '../../../support/hello.js';

function connectionsWith(refuseHello: boolean) {
  const clock = new ManualClock();
  const cut: string[] = [];
  const refused: string[] = [];
  const events = new Emitter<HostEvents>();
  events.on('refused', ({ peerId, reason }) => refused.push(`${peerId} ${reason}`));
  const connections = new Connections({
    send: () => true,
    disconnect: (peerId, reason) => cut.push(`${peerId}: ${reason}`),
    stats: () => undefined,
    events,
    clock,
    seats: {
      hello: () => (refuseHello ? { reason: 'lobby_full', message: 'full' } : undefined),
      leave: () => {},
    },
    rateLimits: DEFAULT_RATE_LIMITS,
    maxStrikes: 2,
    handshakeTimeoutMs: 5000,
    peerTimeoutMs: 10_000,
    backpressure: DEFAULT_BACKPRESSURE,
  });
  return { connections, clock, cut, refused };
}

describe('Connections', () => {
  it('cuts a connection one strike past the limit, and reads nothing more from it', () => {
    const { connections, cut } = connectionsWith(false);
    connections.connect('p1');
    const connection = connections.live('p1')!;
    connections.refuseMessage(connection);
    connections.refuseMessage(connection);
    expect(cut).toEqual([]);
    connections.refuseMessage(connection);
    expect(cut).toEqual(['p1: 3 messages refused (invalid_messages)']);
    expect(connections.live('p1')).toBeUndefined();
    expect(connections.invalidMessages).toBe(3);
  });

  it('refuses a hello the seats turn down, then cuts the link with the same words', () => {
    const { connections, cut, refused } = connectionsWith(true);
    connections.connect('p1');
    connections.admit(connections.live('p1')!, helloMessage('Ann'));
    expect(refused).toEqual(['p1 lobby_full']);
    expect(cut).toEqual(['p1: full']);
  });

  it('refuses a connection not let in by the handshake deadline, and cuts one silent too long', () => {
    const { connections, clock, cut, refused } = connectionsWith(false);
    connections.connect('p1');
    clock.advance(4999);
    connections.expire(clock.now());
    expect(cut).toEqual([]);
    clock.advance(1);
    connections.expire(clock.now());
    expect(refused).toEqual(['p1 handshake_timeout']);
    expect(connections.handshakeTimeouts).toBe(1);
    connections.connect('p2');
    const seated = connections.live('p2')!;
    seated.seat = new Seat({ peerId: 'p2', playerId: 1, name: 'Ann', resumeToken: 't', messages: new SeatMessages(), neutralInput: {}, startTick: 0 });
    clock.advance(10_000);
    connections.expire(clock.now());
    expect(cut).toHaveLength(1);
    clock.advance(1);
    connections.expire(clock.now());
    expect(cut.at(-1)).toBe('p2: no message for 10000 ms');
    expect(seated.dropReason).toBe('timeout');
  });
});
