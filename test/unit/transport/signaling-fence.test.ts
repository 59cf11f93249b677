/**
 * The fence's judgement with a stand-in for PeerJS: a socket that emits what the broker sent, and
 * the connections PeerJS has. The real PeerJS behind the fence is the webrtc tier's business.
 */
import { EventEmitter } from 'node:events';
import type { Peer } from 'peerjs';
import { describe, expect, it } from 'vitest';
import { MAX_CANDIDATES_PER_CONNECTION, SignalingFence, type SignalingPolicy } from '../../../engine/src/transport/peerjs/signaling-fence.js';

/** A fenced stand-in peer; `inner` is PeerJS's own listener (by default it records what reached it). */
function setup(policy: Partial<SignalingPolicy> = {}, inner?: (message: unknown) => void) {
  const socket = new EventEmitter();
  const delivered: unknown[] = [];
  socket.on('message', inner ?? ((message: unknown) => delivered.push(message)));
  const connections = new Set<string>();
  const peer = {
    socket,
    getConnection: (src: string, id: string) => (connections.has(`${src}/${id}`) ? { peerConnection: {} } : null),
  } as unknown as Peer;
  const refused: [string | undefined, string][] = [];
  const fence = new SignalingFence();
  fence.install(peer);
  fence.policy = { acceptOffer: () => true, knows: () => false, refused: (src, why) => refused.push([src, why]), ...policy };
  return { socket, delivered, connections, refused, fence };
}

const candidate = (connectionId: string) => ({ type: 'CANDIDATE', src: 'a', payload: { type: 'data', connectionId, candidate: { candidate: 'candidate:1 1 UDP 1 127.0.0.1 5 typ host' } } });
const offer = (connectionId: string) => ({
  type: 'OFFER',
  src: 'a',
  payload: { type: 'data', connectionId, label: connectionId, reliable: true, serialization: 'tickwire', sdp: { type: 'offer', sdp: 'v=0' } },
});

describe('SignalingFence', () => {
  it("passes the broker's own messages and well-formed offers the policy takes", () => {
    const { socket, delivered, fence } = setup();
    socket.emit('message', { type: 'OPEN' });
    socket.emit('message', offer('dc_1'));
    expect(delivered).toHaveLength(2);
    expect(fence.dropped).toBe(0);
  });

  it('drops offers the policy does not take, and offers for a connection that exists', () => {
    const { socket, delivered, connections, refused } = setup({ acceptOffer: (src) => src !== 'a' });
    socket.emit('message', offer('dc_1'));
    connections.add('a/dc_2');
    socket.emit('message', offer('dc_2'));
    expect(delivered).toEqual([]);
    expect(refused).toEqual([
      ['a', 'an offer not taken'],
      ['a', 'an offer for a connection that exists'],
    ]);
  });

  it('keeps nothing for connections it does not have: answers and candidates are dropped, not stored', () => {
    const { socket, delivered, fence } = setup();
    for (let i = 0; i < 1000; i++) socket.emit('message', candidate(`dc_${i}`));
    socket.emit('message', { type: 'ANSWER', src: 'a', payload: { type: 'data', connectionId: 'dc_1', sdp: { type: 'answer', sdp: 'v=0' } } });
    expect(delivered).toEqual([]);
    expect(fence.dropped).toBe(1001);
  });

  it(`takes at most ${MAX_CANDIDATES_PER_CONNECTION} candidates for one connection`, () => {
    const { socket, delivered, connections, refused } = setup();
    connections.add('a/dc_1');
    for (let i = 0; i < MAX_CANDIDATES_PER_CONNECTION + 10; i++) socket.emit('message', candidate('dc_1'));
    expect(delivered).toHaveLength(MAX_CANDIDATES_PER_CONNECTION);
    expect(refused).toHaveLength(10);
  });

  it('hears LEAVE and EXPIRE only for peers the policy knows', () => {
    const { socket, delivered } = setup({ knows: (src) => src === 'host' });
    socket.emit('message', { type: 'EXPIRE', src: 'stranger' });
    socket.emit('message', { type: 'EXPIRE', src: 'host' });
    expect(delivered).toEqual([{ type: 'EXPIRE', src: 'host' }]);
  });

  it('lets nothing PeerJS throws on a message out of the socket listener', () => {
    const { socket, refused } = setup({}, () => {
      throw new TypeError('this._serializers[payload.serialization] is not a constructor');
    });
    expect(() => socket.emit('message', offer('dc_1'))).not.toThrow();
    expect(refused).toEqual([['a', 'PeerJS could not handle it (this._serializers[payload.serialization] is not a constructor)']]);
  });
});
