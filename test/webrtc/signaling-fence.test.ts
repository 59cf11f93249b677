/**
 * The real PeerJS behind the signaling fence, registered on a real broker: what the broker would
 * hand it is emitted on its own signaling socket, the way PeerJS's socket delivers a message it
 * read. A bare PeerJS peer throws on the first message (in Node, from a WebSocket listener, so the
 * process ends); a fenced one drops it, and keeps nothing of what it drops.
 */
import type { Peer } from 'peerjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installNodeGlobals } from '../../engine/src/node/install-globals.js';
import { openPeer } from '../../engine/src/transport/peerjs/open-peer.js';
import { resolvePeerOptions } from '../../engine/src/transport/peerjs/peer-options.js';
import { loadPeerJs } from '../../engine/src/transport/peerjs/peerjs-module.js';
import { SignalingFence } from '../../engine/src/transport/peerjs/signaling-fence.js';
import { startBroker, type Broker } from '../../peer-server/src/broker.js';
import { heapAfterGcMb } from '../support/heap.js';
import { nextEvent } from '../support/wait.js';

installNodeGlobals();

const bogusOffer = {
  type: 'OFFER',
  src: 'stranger',
  payload: { type: 'data', connectionId: 'dc_bogus', serialization: 'bogus', reliable: true, label: 'x', sdp: { type: 'offer', sdp: 'v=0\r\n' } },
};

describe('PeerJS behind the signaling fence', () => {
  let broker: Broker;
  const peers: Peer[] = [];

  beforeAll(async () => {
    broker = await startBroker({ port: 0, iceServers: [], staticDir: undefined });
  });

  afterAll(async () => {
    for (const peer of peers) peer.destroy();
    await broker?.close();
  });

  async function fenced(): Promise<{ peer: Peer; fence: SignalingFence; refused: string[] }> {
    const fence = new SignalingFence();
    const refused: string[] = [];
    fence.policy = { acceptOffer: () => true, knows: () => false, refused: (_src, why) => refused.push(why) };
    const peer = await openPeer(await resolvePeerOptions({ brokerUrl: broker.url, iceServers: [] }), fence);
    peers.push(peer);
    return { peer, fence, refused };
  }

  it('drops an offer naming a serialization that does not exist, on which bare PeerJS throws', async () => {
    const { Peer: PeerClass } = await loadPeerJs();
    const bare = new PeerClass((await resolvePeerOptions({ brokerUrl: broker.url, iceServers: [] })).peer);
    peers.push(bare);
    await nextEvent<string>((listener) => {
      bare.on('open', listener);
      return () => bare.off('open', listener);
    }, 'the bare peer to open');
    expect(() => bare.socket.emit('message', bogusOffer)).toThrow(/not a constructor/);

    const { peer, fence, refused } = await fenced();
    expect(() => peer.socket.emit('message', bogusOffer)).not.toThrow();
    expect(() => peer.socket.emit('message', { type: 'ERROR' })).not.toThrow();
    expect(fence.dropped).toBe(2);
    expect(refused).toEqual(['OFFER: serialization "bogus" is not tickwire\'s', 'an error without a message']);
    expect(peer.open).toBe(true);
  });

  it('keeps nothing of 24,280 candidates of 15 KB for connections it does not have', async () => {
    const { peer, fence } = await fenced();
    const before = heapAfterGcMb();
    const count = 24_280;
    const padding = 'x'.repeat(15 * 1024);
    for (let i = 0; i < count; i++) {
      peer.socket.emit('message', { type: 'CANDIDATE', src: 'stranger', payload: { type: 'data', connectionId: `dc_${i}`, candidate: { candidate: `${padding}${i}` } } });
    }
    for (let i = 0; i < count; i++) {
      peer.socket.emit('message', { type: 'CANDIDATE', src: 'stranger', payload: { type: 'data', connectionId: `dc_${i}`, candidate: { candidate: `candidate:${i} 1 UDP 1 127.0.0.1 9 typ host` } } });
    }
    const grownMb = heapAfterGcMb() - before;
    console.log(`signaling fence: heap grew ${grownMb.toFixed(1)} MB over ${2 * count} candidates for unknown connections`);
    expect(fence.dropped).toBe(2 * count);
    expect(grownMb).toBeLessThan(32);
  });
});
