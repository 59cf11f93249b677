/**
 * The limits the README's "Limits and security" table prints, held at their default values: every
 * host here is made without the option in question, so a changed default fails a test. Loopback
 * links on a manual clock.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../engine/src/core/clock.js';
import { createClient } from '../../../engine/src/session/client/client.js';
import { quantizeValues } from '../../../engine/src/protocol/quantize.js';
import { createHost } from '../../../engine/src/session/host/host.js';
import { LoopbackNetwork } from '../../../engine/src/transport/loopback/loopback-network.js';
import type { ClientTransport } from '../../../engine/src/transport/transport.js';
import { movingSquare } from '../../../engine/examples/moving-square.js';
import { loopbackGame, squareOf, type World, type SquareSimulation } from '../../support/loopback-game.js';
import { rawPeer } from './support/raw-peer.js';

function setup(simulation: SquareSimulation = movingSquare) {
  const clock = new ManualClock();
  const network = new LoopbackNetwork({ clock, conditions: { latencyMs: 10 } });
  const host = createHost({ simulation, transport: network.createHost('host'), clock, messages: { note: 'reliable' } });
  host.start();
  const run = async (ms: number) => {
    for (let t = 0; t < ms; t += 8) {
      clock.advance(8);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  };
  return { clock, network, host, run };
}

describe('the defaults the README prints', () => {
  it('state: 300 messages at once from one client, then refusals; 100 refusals kept, the 101st cuts it', async () => {
    for (const flood of [400, 401]) {
      const { clock, network, host, run } = setup();
      const peer = rawPeer(network, clock, 'flooder', { messages: { note: 'reliable' } });
      await run(100);
      peer.hello('flooder');
      await run(2000);
      expect(peer.welcome()).toBeDefined();
      const refusedBefore = host.stats().rateLimitedMessages;
      // All sent at one instant, so all arrive at one: the bucket has no time to refill.
      for (let i = 0; i < flood; i++) peer.send('state', { kind: 'ping', clientTimeMs: clock.now() });
      await run(100);
      expect(host.stats().rateLimitedMessages - refusedBefore).toBe(flood - 300);
      if (flood === 400) expect(peer.ended).toBeUndefined();
      else expect(peer.ended?.reason).toMatch(/101 messages refused \(flooding\)/);
    }
  });

  it('strikes: a player keeps its seat through 100 messages that do not parse; the 101st cuts it', async () => {
    const { clock, network, host, run } = setup();
    const peer = rawPeer(network, clock, 'garbler', { messages: { note: 'reliable' } });
    await run(100);
    peer.hello('garbler');
    await run(500);
    const playerId = peer.welcome()!.playerId;
    // 0xc1 is the one byte msgpack never uses: no decoder takes it for a message.
    const garbage = Uint8Array.of(0xc1);
    for (let i = 0; i < 100; i++) peer.link.send('state', garbage);
    await run(500);
    expect(host.stats().invalidMessages).toBe(100);
    expect(peer.ended).toBeUndefined();
    expect(host.players().find((p) => p.playerId === playerId)).toMatchObject({ name: 'garbler', away: false });
    peer.link.send('state', garbage);
    await run(500);
    expect(host.stats().invalidMessages).toBe(101);
    expect(peer.ended?.reason).toBe('closed: 101 messages refused (invalid_messages)');
    expect(host.players().map((p) => p.playerId)).toEqual([0]);
  });

  it('inputs: one 128 ticks ahead of the host when it arrives is applied at its tick; one 129 ahead is dropped', async () => {
    const right = quantizeValues(movingSquare.schema.input, { dx: 1, dy: 0 });
    for (const [ahead, applied] of [
      [128, true],
      [129, false],
    ] as const) {
      const { clock, network, host, run } = setup();
      const peer = rawPeer(network, clock, 'eager', { messages: { note: 'reliable' } });
      await run(100);
      peer.hello('eager');
      await run(500);
      const playerId = peer.welcome()!.playerId;
      const xs = new Map<number, number>();
      let due: number | undefined;
      host.on('tick', ({ tick }) => {
        xs.set(tick, squareOf(host.state, playerId)!.x);
        if (due !== undefined) return;
        // It arrives 10 ms later, before the next tick: filed while this is the host's newest tick.
        due = tick + ahead;
        peer.send('state', { kind: 'input', ackSnapshotTick: -1, firstTick: due, inputs: [right], viewAges: [0] });
      });
      await run(((ahead + 25) * 1000) / 60);
      expect(xs.has(due! + 20), `${ahead} ahead`).toBe(true);
      // The only input the player sent: until its tick the square stands still.
      expect(xs.get(due! - 1), `${ahead} ahead`).toBe(0);
      // Applied, it moves the square right 120 units a second for its tick (and the repeats after it).
      if (applied) expect(xs.get(due!)).toBeCloseTo(2, 6);
      else expect([...xs.values()].filter((x) => x !== 0)).toEqual([]);
      expect(peer.ended).toBeUndefined();
    }
  });

  it('backpressure: a client with over 1 MiB of reliable messages waiting is dropped once it has waited 5 s, not before', () => {
    const game = loopbackGame({ clients: 1, conditions: { latencyMs: 20 }, messages: { chat: 'reliable' } });
    game.run(1000);
    const slow = game.clients[0]!;
    const peerId = game.host.peerIdOf(slow.playerId!)!;
    game.network.link('host', peerId)!.down.update({ bandwidthBytesPerSec: 20_000 });
    const left: { at: number; message: string }[] = [];
    game.host.on('playerLeft', ({ reason }) => left.push({ at: game.clock.now(), message: reason.message }));
    const text = 'x'.repeat(60_000);
    let overSince: number | undefined;
    game.run(9000, () => {
      if (left.length > 0) return;
      // The link goes as the host drops the player, a tick before the event says so.
      const queued = game.network.link('host', peerId)?.stats('down').channels.control.bufferedAmount ?? 0;
      if (queued < 2 * 1024 * 1024) game.host.send('chat', text, slow.playerId);
      if (overSince === undefined && queued > 1024 * 1024) overSince = game.clock.now();
    });
    expect(left.map((l) => l.message)).toEqual(['more than 1.00 MiB of reliable messages waiting for over 5000 ms']);
    const waited = left[0]!.at - overSince!;
    expect(waited).toBeGreaterThanOrEqual(5000);
    // Checked once a tick: dropped within a tick and a frame of the deadline.
    expect(waited).toBeLessThan(5000 + 40);
  });

  it('maxRewindMs: the step context rewinds 300 ms (18 ticks at 60 Hz) from the newest state, and no further', async () => {
    const states = new Map<number, World>();
    const reached: string[] = [];
    const probing: SquareSimulation = {
      ...movingSquare,
      step: (state, inputs, dt, context) => {
        // The newest state the host holds while it steps tick 100 is tick 99's; a rewind past the
        // window is held to its oldest tick, 99 - 18 = 81.
        if (context.tick === 100) {
          for (const back of [18, 19, 20, 30]) {
            const found = context.rewind(context.tick - back);
            reached.push(`${context.tick - back} -> ${[...states].find(([, s]) => s === found)?.[0]}`);
          }
        }
        return movingSquare.step(state, inputs, dt, context);
      },
    };
    const { host, run } = setup(probing);
    host.on('tick', ({ tick }) => states.set(tick, host.state));
    await run(2000);
    expect(host.tunables.tickRate).toBe(60);
    expect(reached).toEqual(['82 -> 82', '81 -> 81', '80 -> 81', '70 -> 81']);
  });

  it('reconnection: 256 reliable messages sent while a player was away are replayed; at 257 its seat is given up', async () => {
    for (const [count, bytes, resumed] of [
      [256, 8, true],
      [257, 8, false],
      [4, 60_000, true],
      [5, 60_000, false],
    ] as const) {
      const { network, host, run, clock } = setup();
      let release: (() => void) | undefined;
      const comeBack = () => new Promise<ClientTransport>((resolve) => (release = () => resolve(network.connect('host'))));
      const client = createClient({ simulation: movingSquare, transport: network.connect('host'), clock, name: 'ann', messages: { note: 'reliable' }, reconnect: comeBack });
      client.start();
      const notes: unknown[] = [];
      client.on('message', ({ payload }) => notes.push(payload));
      const returns: boolean[] = [];
      client.on('reconnected', ({ resumed: back }) => returns.push(back));
      await run(1000);
      network.sever('host', host.peerIdOf(client.playerId!)!);
      await run(500);
      expect(host.players().find((p) => p.playerId === 1)?.away).toBe(true);
      // Each payload a string of `bytes` characters: msgpack adds a few bytes of its own.
      for (let i = 0; i < count; i++) host.send('note', `${i}`.padEnd(bytes - 5, '.'));
      release!();
      await run(1000);
      expect(returns, `${count} messages of ${bytes} bytes`).toEqual([resumed]);
      expect(notes.length).toBe(resumed ? count : 0);
      client.close();
    }
  });
});
