/** The migration sender on its own: seats, round trips and a clock it is given, what it sends read back. */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../engine/src/core/clock.js';
import { readMessage } from '../../../../engine/src/protocol/parse-message.js';
import type { Message } from '../../../../engine/src/protocol/messages.js';
import type { AwaySeat } from '../../../../engine/src/session/host/away-seats.js';
import { MigrationSender } from '../../../../engine/src/session/host/migration-sender.js';
import { Seat } from '../../../../engine/src/session/host/seat.js';
import { SeatMessages } from '../../../../engine/src/session/reliable-log.js';
import type { PeerStats } from '../../../../engine/src/transport/stats.js';
import { MAX_MESSAGE_BYTES } from '../../../../engine/src/transport/channels.js';
import { movingSquare } from '../../../../engine/examples/moving-square.js';

function seat(playerId: number): Seat {
  return new Seat({ peerId: `p${playerId}`, playerId, name: `n${playerId}`, resumeToken: `t${playerId}`, messages: new SeatMessages(), neutralInput: {}, startTick: 0 });
}

function setUp() {
  const clock = new ManualClock();
  const playing: Seat[] = [seat(1), seat(2), seat(3)];
  const away: AwaySeat[] = [];
  const rtt = new Map<string, number>([
    ['p1', 120],
    ['p2', 20],
    ['p3', 70],
  ]);
  const sent: { peerId: string; message: Message }[] = [];
  let checkpoints = 0;
  const sender = new MigrationSender({
    send: (peerId, channel, data) => {
      const read = readMessage(data, MAX_MESSAGE_BYTES[channel], { schema: movingSquare.schema });
      if (!read.ok) throw new Error(read.reason);
      sent.push({ peerId, message: read.value });
      return true;
    },
    clock,
    stats: (peerId) => ({ rttMs: rtt.get(peerId) }) as PeerStats,
    playing: () => playing,
    away: () => away,
    checkpoint: (tick, seats) => {
      checkpoints++;
      return { tick, hostPlayerId: 0, credential: '', seats, state: { checkpoints } };
    },
  });
  const kinds = (kind: Message['kind']) => sent.filter((s) => s.message.kind === kind);
  return { clock, playing, away, rtt, sent, sender, kinds, checkpoints: () => checkpoints };
}

describe('MigrationSender', () => {
  it('ranks by round trip, tells everyone once, and checkpoints the first two heirs', () => {
    const { sender, kinds, checkpoints } = setUp();
    sender.update(2);
    expect(sender.order).toEqual([2, 3, 1]);
    expect(kinds('heirs').map((s) => s.peerId)).toEqual(['p1', 'p2', 'p3']);
    expect(checkpoints()).toBe(1);
    expect(new Set(kinds('checkpoint').map((s) => s.peerId))).toEqual(new Set(['p2', 'p3']));
    expect(kinds('ledger').map((s) => s.peerId)).toEqual(['p2', 'p3']);
  });

  it('works nothing out again while nothing changed: the same heirs and ledger, no new messages but the ledger', () => {
    const { sender, sent, clock, rtt, kinds } = setUp();
    sender.update(2);
    const order = sender.order;
    const ledger = kinds('ledger')[0]!.message;
    const before = sent.length;
    clock.advance(100);
    rtt.set('p1', 130); // within the same 50 ms step
    sender.update(4);
    expect(sender.order).toBe(order);
    expect(sent.slice(before).map((s) => s.message.kind)).toEqual(['ledger', 'ledger']);
    expect(kinds('ledger').at(-1)!.message).toEqual({ ...ledger, tick: 4 });
  });

  it('tells everyone again when the order changes, not when a round trip changes but the order does not', () => {
    const { sender, sent, clock, rtt } = setUp();
    sender.update(2);
    let before = sent.length;
    clock.advance(50);
    rtt.set('p1', 240); // another step, still last
    sender.update(4);
    expect(sent.slice(before).filter((s) => s.message.kind === 'heirs')).toEqual([]);
    before = sent.length;
    clock.advance(50);
    rtt.set('p1', 5); // now first
    sender.update(6);
    expect(sender.order).toEqual([1, 2, 3]);
    expect(sent.slice(before).filter((s) => s.message.kind === 'heirs').map((s) => s.peerId)).toEqual(['p1', 'p2', 'p3']);
  });

  it('checkpoints again when the seats change or the ledger moves only once a second', () => {
    const { sender, clock, playing, away, checkpoints, kinds } = setUp();
    sender.update(2);
    clock.advance(200);
    sender.update(4);
    expect(checkpoints()).toBe(1);
    playing[0]!.messages.seen = 3;
    clock.advance(200);
    sender.update(6);
    expect(checkpoints()).toBe(1);
    expect(kinds('ledger').at(-1)!.message).toMatchObject({ kind: 'ledger', tick: 6, received: [1, 3, 2, 0, 3, 0] });
    // A player away: the seats changed.
    const gone = playing.splice(0, 1)[0]!;
    away.push({ playerId: gone.playerId, name: gone.name, token: gone.resumeToken, since: clock.now(), reason: { code: 'connection_lost', message: 'gone' }, messages: gone.messages });
    clock.advance(200);
    sender.update(8);
    expect(checkpoints()).toBe(2);
    clock.advance(1000);
    sender.update(10);
    expect(checkpoints()).toBe(3);
  });
});
