/**
 * Brokers sharing a real redis-server (started by the test on an ephemeral port): signaling between
 * peers on different brokers arrives as one broker would relay it; signals for a peer connected
 * nowhere are held in Redis, within caps counted over all brokers, handed over on whichever broker
 * it connects to, or expire with an EXPIRE to their senders; an id is one token's on every broker.
 */
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import type { Broker } from '../../../peer-server/src/broker.js';
import type { BrokerConfig } from '../../../peer-server/src/config.js';
import { issuedId, openListening, type ListeningSocket } from './support/cluster-brokers.js';
import { connectPeerSocket, peerUrls, type PeerSocket } from './support/peer-socket.js';
import { answerMessage, candidateMessage, connectionIdOf, inbox, offerMessage } from './support/signals.js';
import { useRedisCluster } from './support/redis-cluster.js';
import { waitUntil } from './support/wait-until.js';

const testCluster = useRedisCluster();
const cluster = (count: number, overrides: Partial<BrokerConfig> = {}): Promise<Broker[]> => testCluster.brokers(count, overrides);

async function peerOn(broker: Broker): Promise<PeerSocket & { received: Record<string, unknown>[] }> {
  const peer = await connectPeerSocket(broker);
  testCluster.track(peer);
  return { ...peer, received: inbox(peer.socket) };
}

async function listeningOn(broker: Broker, id: string, token?: string): Promise<ListeningSocket> {
  const peer = await openListening(broker, id, token);
  testCluster.track(peer);
  return peer;
}

const send = (from: { socket: { send(text: string): void } }, message: unknown): void => from.socket.send(JSON.stringify(message));

describe('signaling across brokers', () => {
  it('relays an offer, candidates and an answer between peers on different brokers as one broker would', async () => {
    const [a, b] = await cluster(2);
    const [host, joiner] = [await peerOn(a!), await peerOn(b!)];
    const offer = offerMessage(host.id, 'dc_across');
    const candidates = [candidateMessage(host.id, 'dc_across', 50001), candidateMessage(host.id, 'dc_across', 50002)];
    const answer = answerMessage(joiner.id, 'dc_across', 'v=0\r\n');
    for (const message of [offer, ...candidates]) send(joiner, message);
    send(host, answer);
    await waitUntil(() => host.received.length === 3 && joiner.received.length === 1, 'the signals to cross');
    expect(host.received).toEqual([offer, ...candidates].map((m) => ({ type: m.type, src: joiner.id, dst: host.id, payload: m.payload })));
    expect(joiner.received).toEqual([{ type: 'ANSWER', src: host.id, dst: joiner.id, payload: answer.payload }]);
    expect([a!.health().peers, b!.health().peers]).toEqual([1, 1]);
  });

  it('holds signals for a peer connected nowhere, and hands them over in order on the broker it connects to', async () => {
    const [a, b, c] = await cluster(3);
    const [fromA, fromB, witness] = [await peerOn(a!), await peerOn(b!), await peerOn(c!)];
    const absent = await issuedId(a!);
    send(fromA, offerMessage(absent, 'dc_a1'));
    send(fromB, candidateMessage(absent, 'dc_b1'));
    send(fromA, candidateMessage(absent, 'dc_a2'));
    // A broker relays each sender's signals in order, so once these arrive the ones before are held.
    send(fromA, candidateMessage(witness.id, 'dc_after_a'));
    send(fromB, candidateMessage(witness.id, 'dc_after_b'));
    await waitUntil(() => witness.received.length === 2, 'both senders to be through');
    const arriving = await listeningOn(c!, absent);
    await waitUntil(() => arriving.received.length === 4, 'the held signals');
    send(fromB, candidateMessage(absent, 'dc_b2'));
    await waitUntil(() => arriving.received.length === 5, 'a signal sent after it connected');
    const ids = arriving.received.slice(1).map(connectionIdOf);
    expect(ids.filter((id) => String(id).startsWith('dc_a'))).toEqual(['dc_a1', 'dc_a2']);
    expect(ids.filter((id) => String(id).startsWith('dc_b'))).toEqual(['dc_b1', 'dc_b2']);
    expect(arriving.received.find((m) => connectionIdOf(m) === 'dc_a1')).toMatchObject({ type: 'OFFER', src: fromA.id, dst: absent });
    expect(fromA.received).toEqual([]);
  });

  it('caps held signals per peer and in all over every broker, and tells a refused sender at once', async () => {
    const [a, b] = await cluster(2, { maxQueuedPerPeer: 2, maxQueuedTotal: 3 });
    const [fromA, fromB, witness] = [await peerOn(a!), await peerOn(b!), await peerOn(b!)];
    const [x, y, z] = [await issuedId(a!), await issuedId(a!), await issuedId(b!)];
    const through = async (from: typeof fromA, count: number): Promise<void> => {
      send(from, candidateMessage(witness.id, `dc_witness_${count}`));
      await waitUntil(() => witness.received.length === count, `witness signal ${count}`);
    };
    send(fromA, candidateMessage(x, 'dc_x1'));
    send(fromA, candidateMessage(x, 'dc_x2'));
    await through(fromA, 1);
    send(fromB, candidateMessage(x, 'dc_x3'));
    await waitUntil(() => fromB.received.length === 1, 'the third for x to be refused');
    expect(fromB.received[0]).toEqual({ type: 'EXPIRE', src: x });
    send(fromB, candidateMessage(y, 'dc_y1'));
    await through(fromB, 2);
    send(fromA, candidateMessage(z, 'dc_z1'));
    await waitUntil(() => fromA.received.length === 1, 'the fourth in all to be refused');
    expect(fromA.received[0]).toEqual({ type: 'EXPIRE', src: z });
    expect([a!.counters.droppedSignals, b!.counters.droppedSignals]).toEqual([1, 1]);
    const atX = await listeningOn(b!, x);
    await waitUntil(() => atX.received.length === 3, "x's two held signals");
    expect(atX.received.slice(1).map(connectionIdOf)).toEqual(['dc_x1', 'dc_x2']);
  });

  it('expires held signals after 5 s and tells each sender once, on its own broker', async () => {
    const [a, b] = await cluster(2);
    const [fromA, fromB] = [await peerOn(a!), await peerOn(b!)];
    const absent = await issuedId(a!);
    send(fromA, offerMessage(absent, 'dc_e1'));
    send(fromA, candidateMessage(absent, 'dc_e1'));
    send(fromB, offerMessage(absent, 'dc_e2'));
    await waitUntil(() => fromA.received.length === 1 && fromB.received.length === 1, 'both senders to be told', 10_000);
    expect(fromA.received).toEqual([{ type: 'EXPIRE', src: absent, dst: fromA.id }]);
    expect(fromB.received).toEqual([{ type: 'EXPIRE', src: absent, dst: fromB.id }]);
    const late = await listeningOn(b!, absent);
    send(fromA, candidateMessage(absent, 'dc_marker'));
    await waitUntil(() => late.received.length === 2, 'a fresh signal');
    expect(connectionIdOf(late.received[1]!)).toBe('dc_marker');
  });
});

describe('one id, one token, on every broker', () => {
  it('refuses an id another broker holds under another token, and lets its owner move with its signals', async () => {
    const [a, b, c] = await cluster(3);
    const host = await peerOn(a!);
    const stranger = new WebSocket(peerUrls(b!).socketUrl(host.id, randomBytes(16).toString('hex')));
    testCluster.track({ socket: stranger });
    const refusal = inbox(stranger);
    await waitUntil(() => refusal.length === 1, 'the refusal');
    expect(refusal[0]).toEqual({ type: 'ID-TAKEN', payload: { msg: 'ID is taken' } });
    expect(b!.counters.takenIds).toBe(1);

    const moved = await listeningOn(b!, host.id, host.token);
    const joiner = await peerOn(c!);
    send(joiner, offerMessage(host.id, 'dc_moved'));
    await waitUntil(() => moved.received.length === 2, 'the offer at the new broker');
    expect(moved.received[1]).toMatchObject({ type: 'OFFER', src: joiner.id, dst: host.id });
    expect(host.received).toEqual([]);
  });
});
