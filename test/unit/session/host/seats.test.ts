/** The seats on their own, with a context of plain functions: no transport, no host, no game. */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../engine/src/core/clock.js';
import { Emitter } from '../../../../engine/src/core/emitter.js';
import { readMessage } from '../../../../engine/src/protocol/parse-message.js';
import { MAX_MESSAGE_BYTES } from '../../../../engine/src/transport/channels.js';
import { declareGame } from '../../../../engine/src/session/game-declaration.js';
import type { HostEvents } from '../../../../engine/src/session/session-events.js';
import type { Seat } from '../../../../engine/src/session/host/seat.js';
import { Seats, type PlayerChange, type SeatHolder } from '../../../../engine/src/session/host/seats.js';
import { movingSquare } from '../../../../engine/examples/moving-square.js';
import { helloMessage } from '../../../support/hello.js';

function seatsFor(maxPlayers: number) {
  const sent: string[] = [];
  const changes: PlayerChange[] = [];
  const dropped: string[] = [];
  const events = new Emitter<HostEvents>();
  const seats = new Seats({
    send: (peerId, channel, data) => {
      const parsed = readMessage(data, MAX_MESSAGE_BYTES[channel], { schema: movingSquare.schema });
      sent.push(`${peerId} ${parsed.ok ? parsed.value.kind : 'unreadable'}`);
      return true;
    },
    clock: new ManualClock(),
    tick: () => 10,
    tunables: { maxPlayers, tickRate: 60, snapshotRate: 30, snapshotReliability: 'unreliable' },
    reconnectWindowMs: 10_000,
    game: declareGame(movingSquare.schema, {}, undefined),
    events,
    hostPlayer: { playerId: 0, name: 'host' },
    takeoverTick: -1,
    neutralInput: { dx: 0, dy: 0 },
    updateState: (change) => changes.push(change),
    drop: (peerId, code) => dropped.push(`${peerId} ${code}`),
  });
  return { seats, sent, changes, dropped, events };
}

const holder = (peerId: string): SeatHolder => ({ peerId, seat: undefined });

describe('Seats', () => {
  it('seats a hello: the holder gets its seat, the game its player, the player its welcome', () => {
    const { seats, sent, changes } = seatsFor(8);
    const ann = holder('p1');
    expect(seats.hello(ann, helloMessage('Ann'))).toBeUndefined();
    const seat: Seat | undefined = ann.seat;
    expect(seat).toMatchObject({ peerId: 'p1', playerId: 1, name: 'Ann' });
    expect(seats.playing()).toEqual([seat]);
    expect(changes).toEqual([{ kind: 'addPlayer', playerId: 1, name: 'Ann' }]);
    expect(sent).toEqual(['p1 welcome', 'p1 playerJoined']);
  });

  it('answers a hello it will not seat with a refusal, and sends nothing itself', () => {
    const { seats, sent, changes } = seatsFor(1);
    const late = holder('p1');
    expect(seats.hello(late, helloMessage('Ann'))).toEqual({ reason: 'lobby_full', message: 'the game is full (1 players)' });
    expect(seats.hello(late, helloMessage('Ann', { protocolVersion: 1 }))?.reason).toBe('version_mismatch');
    expect(late.seat).toBeUndefined();
    expect(sent).toEqual([]);
    expect(changes).toEqual([]);
  });

  it('gives a seat token presented on a new connection the same player, and cuts the old connection', () => {
    const { seats, dropped, changes } = seatsFor(8);
    const first = holder('p1');
    seats.hello(first, helloMessage('Ann'));
    const second = holder('p2');
    expect(seats.hello(second, helloMessage('Ann', { resumeToken: first.seat!.resumeToken }))).toBeUndefined();
    expect(second.seat).toMatchObject({ peerId: 'p2', playerId: 1, name: 'Ann' });
    expect(dropped).toEqual(['p1 replaced']);
    expect(changes).toHaveLength(1);
    seats.leave(first.seat!, 'replaced', { code: 'closed', message: 'replaced' });
    expect(seats.players().map((p) => p.playerId)).toEqual([0, 1]);
  });
});
