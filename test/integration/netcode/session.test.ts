/**
 * The session around the netcode: the handshake (protocol version, seats), players joining and
 * leaving, the options' range checks, and what snapshots cost on the wire.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock, type Clock } from '../../../engine/src/core/clock.js';
import { isNetError } from '../../../engine/src/core/net-error.js';
import { writeMessage } from '../../../engine/src/protocol/encode-message.js';
import { PROTOCOL_VERSION } from '../../../engine/src/protocol/message-kinds.js';
import { readMessage } from '../../../engine/src/protocol/parse-message.js';
import type { Message } from '../../../engine/src/protocol/messages.js';
import { createClient } from '../../../engine/src/session/client/client.js';
import { createHost } from '../../../engine/src/session/host/host.js';
import { LoopbackNetwork } from '../../../engine/src/transport/loopback/loopback-network.js';
import { movingSquare } from '../../../engine/examples/moving-square.js';
import { helloMessage } from '../../support/hello.js';
import { loopbackGame } from '../../support/loopback-game.js';

function setup() {
  const clock = new ManualClock();
  const network = new LoopbackNetwork({ clock, conditions: { latencyMs: 20 } });
  return { clock, network };
}

function decode(data: Uint8Array): Message {
  const parsed = readMessage(data, 64 * 1024, { schema: movingSquare.schema });
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}

describe('session handshake', () => {
  it('refuses a client speaking another protocol version, with the reason', () => {
    const { clock, network } = setup();
    const host = createHost({ simulation: movingSquare, transport: network.createHost('host'), clock });
    host.start();
    const refusedAtHost: string[] = [];
    host.on('refused', ({ reason }) => refusedAtHost.push(reason));
    const raw = network.connect('host');
    const received: Message[] = [];
    raw.on('message', ({ data }) => received.push(decode(data)));
    raw.send('control', writeMessage(helloMessage('future', { protocolVersion: PROTOCOL_VERSION + 1 })));
    clock.advance(200);
    expect(refusedAtHost).toEqual(['version_mismatch']);
    expect(received).toEqual([{ kind: 'refuse', reason: 'version_mismatch', message: expect.stringContaining(`protocol ${PROTOCOL_VERSION}`) }]);
    expect(host.players()).toEqual([{ playerId: 0, name: 'host', away: false }]);
    // Cut right after the refusal: the link cannot say hello again.
    expect(raw.open).toBe(false);
  });

  it('refuses a host speaking another protocol version, on the client side', () => {
    const { clock, network } = setup();
    const rawHost = network.createHost('host');
    rawHost.on('message', ({ peerId, data }) => {
      if (decode(data).kind !== 'hello') return;
      const welcome = { kind: 'welcome', protocolVersion: PROTOCOL_VERSION + 1, playerId: 1, tickRate: 60, snapshotRate: 30, hostTick: 0, snapshotReliable: false, resumeToken: 'AbC-_9', resumed: true, resumeWindowMs: 10_000, resumeReceived: 7, playerName: 'x', hostPlayerId: 0, takeoverTick: -1 } as const;
      rawHost.send(peerId, 'control', writeMessage(welcome));
    });
    const client = createClient({ simulation: movingSquare, transport: network.connect('host'), clock });
    const refused: string[] = [];
    client.on('refused', ({ reason, message }) => refused.push(`${reason}: ${message}`));
    client.start();
    clock.advance(200);
    expect(refused).toEqual([`version_mismatch: the host speaks tickwire protocol ${PROTOCOL_VERSION + 1}, this client ${PROTOCOL_VERSION}`]);
    expect(client.playerId).toBeUndefined();
  });

  it('refuses a player past maxPlayers, and tells everyone who joins and leaves', () => {
    const game = loopbackGame({ clients: 2, maxPlayers: 2, conditions: { latencyMs: 20 } });
    const [first, second] = game.clients;
    const refused: string[] = [];
    second!.on('refused', ({ reason }) => refused.push(reason));
    second!.on('disconnected', ({ code, message }) => refused.push(`disconnected ${code}: ${message}`));
    const seenByFirst: string[] = [];
    first!.on('playerJoined', ({ playerId }) => seenByFirst.push(`joined ${playerId}`));
    first!.on('playerLeft', ({ playerId, reason }) => seenByFirst.push(`left ${playerId} ${reason}`));
    game.run(500);
    expect(refused).toEqual(['lobby_full', 'disconnected closed: the game is full (2 players)']);
    expect(first!.playerId).toBe(1);
    expect(seenByFirst).toEqual(['joined 0']);
    expect(game.host.players().map((p) => p.name)).toEqual(['host', 'client 1']);
    const third = createClient({ simulation: movingSquare, transport: game.network.connect('host'), clock: game.clock, name: 'late' });
    third.start();
    game.run(500);
    expect(third.playerId).toBeUndefined();
    game.host.kick(1, 'kicked');
    game.run(500);
    expect(game.host.players()).toEqual([{ playerId: 0, name: 'host', away: false }]);
    expect(game.host.state.squares.map((s) => s.id)).toEqual([0]);
  });
});

describe('tunables', () => {
  const { clock, network } = setup();
  const transport = network.createHost('tunables');
  const attempt = (options: Record<string, unknown>): unknown => {
    try {
      createHost({ simulation: movingSquare, transport, clock, ...options });
    } catch (error) {
      return error;
    }
    return undefined;
  };

  it('range-checks each option and names it in a NetError', () => {
    for (const [option, value] of [
      ['tickRate', 500],
      ['tickRate', 19],
      ['tickRate', 60.5],
      ['snapshotRate', 7],
      ['snapshotRate', 0],
      ['maxPlayers', 0],
      ['snapshotReliability', 'sometimes'],
      ['handshakeTimeoutMs', 99],
      ['handshakeTimeoutMs', 60_001],
      ['handshakeTimeoutMs', 2500.5],
    ] as const) {
      const error = attempt({ [option]: value });
      expect(isNetError(error, 'invalid_option'), `${option}=${value}`).toBe(true);
      expect((error as Error).message).toContain(option);
    }
    for (const [option, value] of [
      ['inputRedundancy', 16],
      ['interpolationDelay', -5],
    ] as const) {
      let error: unknown;
      try {
        createClient({ simulation: movingSquare, transport: network.connect('tunables'), clock, [option]: value });
      } catch (e) {
        error = e;
      }
      expect(isNetError(error, 'invalid_option')).toBe(true);
      expect((error as Error).message).toContain(option);
    }
  });

  it('defaults to 60 Hz ticks, 30 Hz snapshots, unreliable snapshots, 8 players', () => {
    const host = createHost({ simulation: movingSquare, transport: new LoopbackNetwork({ clock }).createHost(), clock });
    expect(host.tunables).toEqual({ tickRate: 60, snapshotRate: 30, snapshotReliability: 'unreliable', maxPlayers: 8 });
    expect(createHost({ simulation: movingSquare, transport: new LoopbackNetwork({ clock }).createHost(), clock, tickRate: 20 }).tunables.snapshotRate).toBe(20);
  });
});

describe('snapshot size', () => {
  it('sends a 16-entity scene full once, then as small deltas, and an unchanged scene in a few bytes', () => {
    const game = loopbackGame({ clients: 15, maxPlayers: 16, conditions: { latencyMs: 20 } });
    const first = game.clients[0]!;
    const sizes: number[] = [];
    first.on('snapshot', ({ bytes }) => sizes.push(bytes));
    game.run(1000);
    expect(game.host.state.squares).toHaveLength(16);
    const full = sizes[0]!;
    sizes.length = 0;
    game.run(500);
    const idle = Math.max(...sizes);
    game.clients.slice(0, 4).forEach((c) => c.setInput({ dx: 1, dy: 0.5 }));
    sizes.length = 0;
    game.run(1000);
    const moving = sizes.slice(-10);
    const delta = Math.max(...moving);
    console.log(`16-entity scene: first snapshot ${full} bytes, 4 moving ${delta} bytes, idle ${idle} bytes`);
    expect(idle).toBeLessThanOrEqual(16);
    expect(delta).toBeLessThan(full / 2);
    expect(first.stats().lastSnapshotBytes).toBe(sizes.at(-1));
  });

  it('sends snapshots on the reliable channel when asked to, and still converges', () => {
    const game = loopbackGame({ clients: 1, snapshotReliability: 'reliable', conditions: { latencyMs: 30, loss: 0.1 } });
    game.run(1000);
    game.clients[0]!.setInput({ dx: 1, dy: 0 });
    game.run(1000);
    game.clients[0]!.setInput({ dx: 0, dy: 0 });
    game.run(2000);
    const id = game.clients[0]!.playerId;
    expect(game.clients[0]!.state?.squares.find((s) => s.id === id)).toEqual(game.host.state.squares.find((s) => s.id === id));
    const down = game.network.link('host', 'peer-1')!.stats('down');
    expect(down.channels.control.messagesOut).toBeGreaterThan(50);
    // Only the clock's pongs (a ping every 100 ms for the first samples, then every 500 ms).
    expect(down.channels.state.messagesOut).toBeLessThanOrEqual(20);
  });
});

describe('lag compensation history', () => {
  it('lets the host step rewind to earlier authoritative states, clamped to maxRewindMs', () => {
    const { clock, network } = setup();
    const xs = new Map<number, number>();
    const rewound: { tick: number; recent: number | undefined; ancient: number | undefined }[] = [];
    const simulation: typeof movingSquare = {
      ...movingSquare,
      step: (world, inputs, dt, context) => {
        const at = (tick: number) => context.rewind(tick)?.squares.find((s) => s.id === 0)?.x;
        rewound.push({ tick: context.tick, recent: at(context.tick - 5), ancient: at(context.tick - 600) });
        return movingSquare.step(world, inputs, dt, context);
      },
    };
    const host = createHost({ simulation, transport: network.createHost('host'), clock, maxRewindMs: 200 });
    host.on('tick', ({ tick }) => xs.set(tick, host.state.squares[0]!.x));
    host.setInput({ dx: 1, dy: 0 });
    host.start();
    clock.advance(2000);
    const last = rewound.at(-1)!;
    expect(last.recent).toBe(xs.get(last.tick - 5));
    // 600 ticks back is far past 200 ms (12 ticks at 60 Hz): the oldest state in the window instead.
    expect(last.ancient).toBe(xs.get(last.tick - 1 - 12));
  });
});

describe('a stalled tick timer', () => {
  it('runs at most 8 ticks per late timer, skips the rest ahead, and counts what it skipped', () => {
    const clock = new ManualClock();
    // A hidden page's timers: none fires before the next whole second.
    const throttled: Clock = {
      now: () => clock.now(),
      setTimer: (delayMs, fn) => clock.setTimer(Math.ceil((clock.now() + delayMs + 1) / 1000) * 1000 - clock.now(), fn),
    };
    const network = new LoopbackNetwork({ clock });
    const stalled = createHost({ simulation: movingSquare, transport: network.createHost('stalled'), clock: throttled });
    const steady = createHost({ simulation: movingSquare, transport: network.createHost('steady'), clock });
    stalled.start();
    steady.start();
    clock.advance(5000);
    expect(steady.stats()).toMatchObject({ tick: 300, ticksSkipped: 0 });
    const { tick, ticksSkipped } = stalled.stats();
    expect(tick).toBe(5 * 8);
    // Every tick of the 5 s is either simulated or counted as skipped (less the part of one tick).
    expect(tick + ticksSkipped).toBeGreaterThanOrEqual(299);
    expect(tick + ticksSkipped).toBeLessThanOrEqual(300);
  });
});

describe('silence', () => {
  it('drops a client that goes silent for the timeout, and tells the others why', () => {
    const game = loopbackGame({ clients: 2, conditions: { latencyMs: 20 } });
    game.run(1000);
    const [quiet, other] = game.clients;
    const told: string[] = [];
    other!.on('playerLeft', ({ playerId, reason }) => told.push(`${playerId} ${reason}`));
    const left: string[] = [];
    game.host.on('playerAway', ({ playerId, reason }) => left.push(`away ${playerId} ${reason.message}`));
    game.host.on('playerLeft', ({ playerId, reason }) => left.push(`left ${playerId} ${reason.message}`));
    // Its messages now take a minute to arrive: to the host it has gone silent.
    game.network.link('host', 'peer-1')!.up.update({ latencyMs: 60_000 });
    game.run(9_900);
    expect(left).toEqual([]);
    game.run(400);
    // Gone, but its seat waits the reconnect window for it; the others are told once that passes.
    expect(left).toEqual([`away ${quiet!.playerId} no message for 10000 ms`]);
    expect(told).toEqual([]);
    game.run(10_000);
    expect(left[1]).toBe(`left ${quiet!.playerId} no message for 10000 ms; it did not come back within 10000 ms`);
    game.run(100);
    expect(told).toEqual([`${quiet!.playerId} timeout`]);
  });

  it('tells a client its host is gone when nothing arrives for the timeout', () => {
    const game = loopbackGame({ clients: 1, conditions: { latencyMs: 20 } });
    game.run(1000);
    const reasons: string[] = [];
    game.clients[0]!.on('disconnected', ({ code, message }) => reasons.push(`${code}: ${message}`));
    game.host.stop();
    game.network.link('host', 'peer-1')!.down.update({ latencyMs: 60_000 });
    game.run(10_500);
    expect(reasons).toEqual(['timeout: the host was silent for 10000 ms']);
  });
});

describe('floods', () => {
  it('rate-limits then kicks a peer sending 10,000 messages a second, while the others play on', () => {
    const game = loopbackGame({ clients: 2, conditions: { latencyMs: 20 } });
    game.run(1000);
    const flooder = game.network.connect('host', { peerId: 'flooder' });
    flooder.send('control', writeMessage(helloMessage('flood')));
    game.run(200);
    const flooderId = game.host.players().find((p) => p.name === 'flood')!.playerId;
    const left: string[] = [];
    game.host.on('playerLeft', ({ playerId, reason }) => left.push(`${playerId}: ${reason.message}`));
    const before = game.clients.map((c) => c.stats());
    const tickBefore = game.host.tick;
    const ping = writeMessage({ kind: 'ping', clientTimeMs: 0 });
    game.run(2000, () => {
      for (let i = 0; i < 80 && flooder.open; i++) flooder.send('control', ping);
    });
    expect(left).toEqual([`${flooderId}: 101 messages refused (flooding)`]);
    expect(game.host.stats().rateLimitedMessages).toBe(101);
    expect(game.host.tick - tickBefore).toBe(120);
    game.clients.forEach((client, i) => {
      const after = client.stats();
      // 2 s at 30 snapshots per second, give or take the one in flight at each end.
      expect(after.snapshotsApplied - before[i]!.snapshotsApplied).toBeGreaterThanOrEqual(59);
      expect(after.snapshotsApplied - before[i]!.snapshotsApplied).toBeLessThanOrEqual(61);
      expect(after.rttMs).toBeCloseTo(before[i]!.rttMs, 0);
    });
  });
});

describe('backpressure', () => {
  it('skips snapshots to a backed-up client and drops it when its reliable backlog stays high', () => {
    const game = loopbackGame({
      clients: 2,
      conditions: { latencyMs: 20 },
      messages: { chat: 'reliable' },
      backpressure: { controlHighWaterBytes: 64 * 1024, controlHighWaterMs: 2000 },
    });
    game.run(1000);
    const [slow, fine] = game.clients;
    game.network.link('host', 'peer-1')!.down.update({ bandwidthBytesPerSec: 3000 });
    const left: string[] = [];
    game.host.on('playerLeft', ({ playerId, reason }) => left.push(`${playerId}: ${reason.message}`));
    const fineBefore = fine!.stats().snapshotsApplied;
    const tickBefore = game.host.tick;
    const text = 'x'.repeat(1000);
    game.run(6000, () => {
      if (left.length === 0) game.host.send('chat', text, slow!.playerId);
    });
    expect(game.host.stats().snapshotsSkipped).toBeGreaterThan(0);
    expect(left).toEqual([`${slow!.playerId}: more than 0.06 MiB of reliable messages waiting for over 2000 ms`]);
    // The host kept its rhythm through the backlog and the drop: 6 s at 60 Hz, not a tick missed.
    expect(game.host.tick - tickBefore).toBe(360);
    expect(game.host.stats().ticksSkipped).toBe(0);
    // 6 s at 30 snapshots per second, less the one in flight.
    expect(fine!.stats().snapshotsApplied - fineBefore).toBeGreaterThanOrEqual(179);
  });
});
