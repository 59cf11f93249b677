/**
 * What the broker relays between signaling sockets, against a real broker on an ephemeral port:
 * real WebRTC signaling (node-datachannel's, and what real PeerJS peers send to open a tickwire
 * connection) goes through unchanged; anything else never reaches its destination and costs its
 * sender a strike; a flood is cut after its burst while an honest socket on the same broker goes on.
 * Each destination is a raw socket with a broker-issued id; that it got nothing else is shown by a
 * well-formed marker sent after, the last thing it receives.
 */
import * as webrtc from 'node-datachannel/polyfill';
import type { BufferedConnection, Peer, PeerOptions, SerializerMapping } from 'peerjs';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { startBroker, type Broker } from '../../../peer-server/src/broker.js';
import type { BrokerConfig } from '../../../peer-server/src/config.js';
import { closed, connectPeerSocket, firstMessage, type PeerSocket } from './support/peer-socket.js';
import { answerMessage, candidateMessage, connectionIdOf, inbox, offerMessage } from './support/signals.js';
import { waitUntil, withDeadline } from './support/wait-until.js';

const brokers: Broker[] = [];
const sockets: PeerSocket[] = [];
const connections: webrtc.RTCPeerConnection[] = [];
const peers: Peer[] = [];

async function broker(overrides: Partial<BrokerConfig> = {}): Promise<Broker> {
  const started = await startBroker({ port: 0, staticDir: undefined, iceServers: [], ...overrides });
  brokers.push(started);
  return started;
}

async function peerSocket(b: Broker): Promise<PeerSocket> {
  const socket = await connectPeerSocket(b);
  sockets.push(socket);
  return socket;
}

afterEach(async () => {
  for (const peer of peers.splice(0)) peer.destroy();
  for (const connection of connections.splice(0)) connection.close();
  for (const { socket } of sockets.splice(0)) socket.terminate();
  await Promise.all(brokers.splice(0).map((b) => b.close()));
});

const send = (from: PeerSocket, message: unknown): void => from.socket.send(JSON.stringify(message));

/** Sends a marker from `from` to `to` and waits until `received` (to's inbox) has it. */
async function marker(from: PeerSocket, to: PeerSocket, received: Record<string, unknown>[], connectionId = 'dc_marker'): Promise<void> {
  send(from, candidateMessage(to.id, connectionId));
  await waitUntil(() => received.some((m) => connectionIdOf(m) === connectionId), `marker ${connectionId}`);
}

/** The offer, answer and first candidates of a real node-datachannel connection, as PeerJS would send them. */
async function realSignaling(): Promise<{ offer: unknown; answer: unknown; candidates: unknown[] }> {
  const [a, b] = [new webrtc.RTCPeerConnection({ iceServers: [] }), new webrtc.RTCPeerConnection({ iceServers: [] })];
  connections.push(a, b);
  const candidates: unknown[] = [];
  a.onicecandidate = (event) => {
    if (event.candidate?.candidate) candidates.push(event.candidate);
  };
  a.createDataChannel('dc_realsignal');
  const offer = await a.createOffer();
  await a.setLocalDescription(offer);
  await b.setRemoteDescription(offer);
  const answer = await b.createAnswer();
  await waitUntil(() => candidates.length > 0, 'a local ICE candidate');
  return { offer, answer, candidates };
}

describe('well-formed signaling', () => {
  it('relays a real offer, answer and candidates unchanged, and heartbeats, counting nothing', async () => {
    const b = await broker();
    const [joiner, host] = [await peerSocket(b), await peerSocket(b)];
    const [atHost, atJoiner] = [inbox(host.socket), inbox(joiner.socket)];
    const { offer, answer, candidates } = await realSignaling();
    const connectionId = 'dc_realsignal';
    // Built as PeerJS builds them, and serialized the same way (the descriptions' and candidates' toJSON).
    const offerWire = JSON.parse(JSON.stringify({ type: 'OFFER', payload: { sdp: offer, type: 'data', connectionId, label: connectionId, reliable: true, serialization: 'tickwire' }, dst: host.id })) as Record<string, unknown>;
    const candidateWires = candidates.map((candidate) => JSON.parse(JSON.stringify({ type: 'CANDIDATE', payload: { candidate, type: 'data', connectionId }, dst: host.id })) as Record<string, unknown>);
    const answerWire = JSON.parse(JSON.stringify({ type: 'ANSWER', payload: { sdp: answer, type: 'data', connectionId }, dst: joiner.id })) as Record<string, unknown>;

    send(joiner, { type: 'HEARTBEAT' });
    for (const message of [offerWire, ...candidateWires]) send(joiner, message);
    send(host, answerWire);
    await marker(joiner, host, atHost);
    await marker(host, joiner, atJoiner);
    expect(atHost.slice(0, -1)).toEqual([offerWire, ...candidateWires].map((m) => ({ ...m, src: joiner.id })));
    expect(atJoiner.slice(0, -1)).toEqual([{ ...answerWire, src: host.id }]);
    expect(b.counters).toMatchObject({ malformedSignals: 0, rateLimitedSignals: 0, struckOutSockets: 0 });
  });

  it('relays exactly what real PeerJS peers send for a tickwire connection, heartbeats included', async () => {
    const b = await broker();
    const { Peer: PeerClass, BufferedConnection } = await peerjsModule();
    const recorded = recordPeerjsSockets();
    const options: PeerOptions = {
      host: '127.0.0.1',
      port: b.port,
      secure: false,
      path: b.config.peerPath,
      key: b.config.peerKey,
      config: { iceServers: [] },
      debug: 0,
      // Heartbeats every 50 ms rather than 5 s, so that some pass the broker within the test.
      pingInterval: 50,
      serializers: { tickwire: tickwireConnection(BufferedConnection) },
    };
    const [joiner, host] = [new PeerClass(options), new PeerClass(options)];
    peers.push(joiner, host);
    await withDeadline(Promise.all([opened(joiner), opened(host)]), 'both peers to open');
    const socketOf = (peer: Peer): RecordedSocket => {
      const found = recorded.find((socket) => new URL(socket.url).searchParams.get('id') === peer.id);
      if (!found) throw new Error(`no recorded socket for ${peer.id}`);
      return found;
    };
    const [atJoiner, atHost] = [socketOf(joiner), socketOf(host)];
    await waitUntil(() => atJoiner.sent.filter((m) => m.type === 'HEARTBEAT').length >= 2, 'two heartbeats from the joiner');

    // Only the signaling is checked: whether ICE then connects is the webrtc tier's business.
    joiner.connect(host.id, { reliable: true, serialization: 'tickwire' });
    const types = (messages: Record<string, unknown>[]) => new Set(messages.map((m) => m.type));
    await waitUntil(
      () => types(atHost.received).has('OFFER') && types(atHost.received).has('CANDIDATE') && types(atJoiner.received).has('ANSWER') && types(atJoiner.received).has('CANDIDATE'),
      'an offer, an answer and candidates both ways',
    );
    for (const [from, to, fromId] of [[atJoiner, atHost, joiner.id], [atHost, atJoiner, host.id]] as const) {
      const sent = from.sent.filter(isRelayed);
      await waitUntil(() => to.received.filter(isRelayed).length >= sent.length, `what ${fromId} sent to arrive`);
      expect(to.received.filter(isRelayed).slice(0, sent.length)).toEqual(sent.map((m) => ({ ...m, src: fromId })));
    }
    expect(b.counters).toMatchObject({ malformedSignals: 0, rateLimitedSignals: 0, struckOutSockets: 0 });
  });
});

describe('malformed signaling', () => {
  it('never reaches its destination, is counted, and costs strikes but not the socket below the limit', async () => {
    const b = await broker();
    const [from, to] = [await peerSocket(b), await peerSocket(b)];
    const received = inbox(to.socket);
    const offer = offerMessage(to.id);
    const payload = offer.payload as Record<string, unknown>;
    const malformed: unknown[] = [
      ...['bogus', 'json', 'binary'].map((serialization) => ({ ...offer, payload: { ...payload, serialization } })),
      { ...offer, payload: { ...payload, type: 'media' } },
      { ...offer, payload: { ...payload, sdp: undefined } },
      { ...offer, payload: { ...payload, sdp: { type: 'offer', sdp: 's'.repeat(8193) } } },
      { ...offer, payload: { ...payload, metadata: { name: 'x' } } },
      { ...offer, payload: 'not an object' },
      { ...offer, payload: null },
      { type: 'LEAVE', dst: to.id },
      { type: 'EXPIRE', dst: to.id },
      answerMessage(to.id, 'dc_a', ''),
    ];
    for (const message of malformed) send(from, message);
    from.socket.send('{"type":"OFFER"');
    from.socket.send(Buffer.from(JSON.stringify(offer)), { binary: true });
    await marker(from, to, received);
    expect(received).toHaveLength(1);
    expect(b.counters).toMatchObject({ malformedSignals: malformed.length + 2, rateLimitedSignals: 0, struckOutSockets: 0 });
    expect(from.socket.readyState).toBe(WebSocket.OPEN);
  });

  it('closes the socket with an ERROR at maxSignalStrikes', async () => {
    const b = await broker({ maxSignalStrikes: 5 });
    const [from, to] = [await peerSocket(b), await peerSocket(b)];
    const reply = firstMessage(from.socket);
    for (let i = 0; i < 8; i++) send(from, { ...offerMessage(to.id), type: 'LEAVE' });
    expect(await withDeadline(reply, 'the ERROR')).toEqual({ type: 'ERROR', payload: { msg: expect.stringMatching(/^closed after 5 refused signaling messages/) } });
    await withDeadline(closed(from.socket), 'the struck-out socket to close');
    expect(b.counters).toMatchObject({ malformedSignals: 5, struckOutSockets: 1 });
  });
});

describe('a flood', () => {
  it('gets its burst through, is cut, and leaves an honest socket on the same broker relaying', async () => {
    const b = await broker();
    const { signalBurst: burst, signalsPerSecond: rate, maxSignalStrikes: strikes } = b.config;
    const [flooder, honest, host] = [await peerSocket(b), await peerSocket(b), await peerSocket(b)];
    const received = inbox(host.socket);
    const reply = firstMessage(flooder.socket);
    const started = performance.now();
    for (let i = 0; i < 2000; i++) {
      send(flooder, candidateMessage(host.id, `dc_flood${i}`, 1024 + i));
      if (i % 100 === 0) send(honest, candidateMessage(host.id, `dc_honest${i}`));
    }
    expect(await withDeadline(reply, "the flooder's ERROR")).toEqual({ type: 'ERROR', payload: { msg: expect.stringMatching(/refused signaling messages/) } });
    await withDeadline(closed(flooder.socket), "the flooder's socket to close");
    const elapsedSeconds = (performance.now() - started) / 1000;
    await marker(honest, host, received);

    const flood = received.filter((m) => String(connectionIdOf(m)).startsWith('dc_flood')).length;
    const fromHonest = received.filter((m) => String(connectionIdOf(m)).startsWith('dc_honest')).length;
    expect(flood).toBeGreaterThanOrEqual(burst);
    // Tokens earned back while the flood ran are all it gets past the burst.
    expect(flood).toBeLessThanOrEqual(burst + Math.ceil(rate * elapsedSeconds));
    expect(fromHonest).toBe(20);
    expect(b.counters).toMatchObject({ rateLimitedSignals: strikes, malformedSignals: 0, struckOutSockets: 1 });
  });
});

type PeerConstructor = typeof Peer;
type BufferedConnectionClass = abstract new (...args: ConstructorParameters<typeof BufferedConnection>) => BufferedConnection;
interface PeerjsModule {
  readonly Peer: PeerConstructor;
  readonly BufferedConnection: BufferedConnectionClass;
}

/**
 * peerjs, loaded the way Node can run it: with node-datachannel's WebRTC and `ws` as globals (it
 * looks for them when it loads), its CommonJS build keeping the classes on the default export.
 */
async function peerjsModule(): Promise<PeerjsModule> {
  Object.assign(globalThis, {
    RTCPeerConnection: webrtc.RTCPeerConnection,
    RTCSessionDescription: webrtc.RTCSessionDescription,
    RTCIceCandidate: webrtc.RTCIceCandidate,
    WebSocket,
  });
  const loaded = (await import('peerjs')) as unknown as Partial<PeerjsModule> & { default?: Partial<PeerjsModule> };
  const Peer = loaded.Peer ?? loaded.default?.Peer;
  const BufferedConnection = loaded.BufferedConnection ?? loaded.default?.BufferedConnection;
  if (!Peer || !BufferedConnection) throw new Error('peerjs exports no Peer or BufferedConnection');
  return { Peer, BufferedConnection };
}

/**
 * A stand-in for the engine's connection class, under the name tickwire registers it with (JSON
 * over PeerJS's buffered channel): PeerJS needs the name registered to make the offer, and the
 * broker sees nothing of the class but that name.
 */
function tickwireConnection(Base: BufferedConnectionClass): SerializerMapping[string] {
  class TickwireConnection extends Base {
    readonly serialization = 'tickwire';

    protected override _handleDataMessage(event: MessageEvent): void {
      const bytes = event.data instanceof ArrayBuffer ? new Uint8Array(event.data) : new Uint8Array();
      this.emit('data', JSON.parse(new TextDecoder().decode(bytes)) as unknown);
    }

    protected override _send(data: unknown): void {
      this._bufferedSend(new TextEncoder().encode(JSON.stringify(data)).buffer);
    }
  }
  return TickwireConnection;
}

const isRelayed = (message: Record<string, unknown>): boolean => ['OFFER', 'ANSWER', 'CANDIDATE'].includes(String(message.type));

/** A signaling socket PeerJS opened, with every message it sent and received, parsed. */
type RecordedSocket = WebSocket & { readonly sent: Record<string, unknown>[]; readonly received: Record<string, unknown>[] };

/** Makes the WebSocket class PeerJS uses from now on one that records its messages; returns the list of its sockets. */
function recordPeerjsSockets(): RecordedSocket[] {
  const sockets: RecordedSocket[] = [];
  class RecordingWebSocket extends WebSocket {
    readonly sent: Record<string, unknown>[] = [];
    readonly received: Record<string, unknown>[] = [];

    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      sockets.push(this);
      this.on('message', (data) => this.received.push(JSON.parse(String(data)) as Record<string, unknown>));
      // PeerJS only ever sends JSON text.
      const send = this.send.bind(this);
      this.send = ((data: string) => {
        this.sent.push(JSON.parse(data) as Record<string, unknown>);
        send(data);
      }) as WebSocket['send'];
    }
  }
  Object.assign(globalThis, { WebSocket: RecordingWebSocket });
  return sockets;
}

function opened(peer: Peer): Promise<string> {
  return new Promise((resolve, reject) => {
    peer.once('open', resolve);
    peer.once('error', reject);
  });
}
