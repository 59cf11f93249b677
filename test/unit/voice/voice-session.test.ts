/**
 * Voice signaling through a real host and real clients over the loopback transport, on a manual
 * clock: the host relays between seated players only, names the sender itself, reaches its own
 * player through its port, and drops and counts what is addressed to nobody or over the rate.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../engine/src/core/clock.js';
import type { VoiceSignal } from '../../../engine/src/protocol/parse-voice.js';
import { createClient } from '../../../engine/src/session/client/client.js';
import { createHost } from '../../../engine/src/session/host/host.js';
import { LoopbackNetwork } from '../../../engine/src/transport/loopback/loopback-network.js';
import type { VoicePort } from '../../../engine/src/voice/voice-port.js';
import { VOICE_SIGNAL_RATE } from '../../../engine/src/voice/voice-relay.js';
import { movingSquare } from '../../../engine/examples/moving-square.js';
import { loopbackGame } from '../../support/loopback-game.js';
import { rawPeer } from '../../integration/netcode/support/raw-peer.js';

const HELLO: VoiceSignal = { type: 'hello', reply: false };

/** Every signal and port event a port hears, as short strings. */
function listen(port: VoicePort): string[] {
  const log: string[] = [];
  port.on('signal', ({ from, signal }) => log.push(`${signal.type} from ${from}`));
  port.on('joined', ({ playerId }) => log.push(`joined ${playerId}`));
  port.on('left', ({ playerId }) => log.push(`left ${playerId}`));
  port.on('self', ({ playerId }) => log.push(`self ${playerId}`));
  return log;
}

describe('voice signaling through the host', () => {
  it('relays between clients and to and from the host player, naming the sender', () => {
    const g = loopbackGame({ clients: 2 });
    const [a, b] = g.clients as [(typeof g.clients)[0], (typeof g.clients)[0]];
    const [logA, logB, logHost] = [listen(a.voice), listen(b.voice), listen(g.host.voice)];
    g.run(300);
    expect([a.playerId, b.playerId]).toEqual([1, 2]);
    expect(logA).toContain('self 1');
    expect(logA).toContain('joined 2');
    expect(logA).not.toContain('joined 1');
    expect(logHost).toEqual(['joined 1', 'joined 2']);
    expect(a.voice.others()).toEqual([0, 2]);
    expect(g.host.voice.others()).toEqual([1, 2]);

    expect(a.voice.send(2, HELLO)).toBe(true);
    expect(b.voice.send(0, { type: 'offer', link: 1, sdp: 'v=0' })).toBe(true);
    expect(g.host.voice.send(1, { type: 'bye' })).toBe(true);
    g.run(50);
    expect(logB).toContain('hello from 1');
    expect(logHost).toContain('offer from 2');
    expect(logA).toContain('bye from 0');
    expect(g.host.voiceRelayStats()).toEqual({ relayed: 3, unaddressed: 0, rateLimited: 0 });
  });

  it('drops and counts signals to nobody, to the sender, and over the rate, and cuts nobody for them', () => {
    const g = loopbackGame({ clients: 2 });
    const a = g.clients[0]!;
    g.run(300);
    a.voice.send(99, HELLO);
    a.voice.send(1, HELLO);
    g.run(50);
    expect(g.host.voiceRelayStats()).toMatchObject({ relayed: 0, unaddressed: 2 });
    const logB = listen(g.clients[1]!.voice);
    for (let i = 0; i < VOICE_SIGNAL_RATE.burst + 20; i++) a.voice.send(2, HELLO);
    g.run(50);
    const stats = g.host.voiceRelayStats();
    expect(stats.rateLimited).toBeGreaterThanOrEqual(18);
    expect(stats.relayed).toBe(logB.filter((l) => l === 'hello from 1').length);
    expect(stats.relayed).toBeLessThanOrEqual(VOICE_SIGNAL_RATE.burst + 2);
    expect(g.host.players().map((p) => p.playerId)).toEqual([0, 1, 2]);
    // The rate refills: a second later signals pass again.
    g.run(1000);
    a.voice.send(2, HELLO);
    g.run(50);
    expect(g.host.voiceRelayStats().relayed).toBe(stats.relayed + 1);
  });

  it('says when a player leaves, and ends the port with the session', () => {
    const g = loopbackGame({ clients: 2 });
    const [a, b] = g.clients as [(typeof g.clients)[0], (typeof g.clients)[0]];
    g.run(300);
    const logA = listen(a.voice);
    const logHost = listen(g.host.voice);
    b.close();
    g.run(100);
    expect(logA).toContain('left 2');
    expect(logHost).toContain('left 2');
    expect(a.voice.send(2, HELLO)).toBe(true);
    g.run(50);
    expect(g.host.voiceRelayStats().unaddressed).toBe(1);
    g.host.close();
    g.run(100);
    expect(logHost).toContain('self undefined');
    expect(logA).toContain('self undefined');
    expect(a.voice.send(0, HELLO)).toBe(false);
    expect(g.host.voice.send(1, HELLO)).toBe(false);
  });

  it('refuses a voice message from a link the host has not let in, and sends none before the welcome', () => {
    const clock = new ManualClock();
    const network = new LoopbackNetwork({ clock });
    const host = createHost({ simulation: movingSquare, transport: network.createHost('host'), clock });
    host.start();
    const stranger = rawPeer(network, clock, 'stranger');
    stranger.send('control', { kind: 'voice', peer: 0, signal: HELLO });
    clock.advance(50);
    expect(host.stats().invalidMessages).toBe(1);
    expect(host.voiceRelayStats().relayed).toBe(0);
    const client = createClient({ simulation: movingSquare, transport: network.connect('host'), clock, name: 'early' });
    expect(client.voice.send(0, HELLO)).toBe(false);
    expect(client.voice.self).toBeUndefined();
  });

  it('relays between the clients of a host with no player of its own, which has no voice itself', () => {
    const clock = new ManualClock();
    const network = new LoopbackNetwork({ clock });
    const host = createHost({ simulation: movingSquare, transport: network.createHost('host'), clock, hostPlayer: false });
    host.start();
    const clients = [1, 2].map((i) => createClient({ simulation: movingSquare, transport: network.connect('host'), clock, name: `c${i}` }));
    for (const c of clients) c.start();
    for (let t = 0; t < 300; t += 8) clock.advance(8);
    const [a, b] = clients as [(typeof clients)[0], (typeof clients)[0]];
    const logB = listen(b.voice);
    expect(host.voice.self).toBeUndefined();
    expect(host.voice.send(b.playerId!, HELLO)).toBe(false);
    a.voice.send(b.playerId!, HELLO);
    a.voice.send(0, HELLO);
    for (let t = 0; t < 50; t += 8) clock.advance(8);
    expect(logB).toEqual([`hello from ${a.playerId}`]);
    expect(host.voiceRelayStats()).toEqual({ relayed: 1, unaddressed: 1, rateLimited: 0 });
  });
});
