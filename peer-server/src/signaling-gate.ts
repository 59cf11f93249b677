/**
 * The door to the signaling WebSocket. The broker builds PeerServer's WebSocketServer itself
 * (`createWebSocketServer`) in `noServer` mode and does the HTTP upgrade here, so that before
 * PeerServer sees a socket it is checked:
 *   - its address has fewer than `maxConnectionsPerIp` sockets open;
 *   - its peer id was issued by this broker (see peer-ids.ts): a client-chosen id is refused;
 * and every message it sends is capped at `maxMessageBytes` (ws closes the socket with 1009), must
 * fit the socket's rate and have the shape of tickwire's own signaling (signal-guard.ts; each miss
 * is a strike, and enough strikes cut the socket), and, when addressed to a peer that is not
 * connected, is counted against the queue caps.
 * A refused or cut socket gets PeerServer's own `{"type":"ERROR","payload":{"msg"}}` and is closed,
 * which the PeerJS client reports as a `server-error` carrying the message.
 *
 * A broker that shares a Redis with others (`cluster`) also claims each id for itself before
 * PeerServer sees the socket (paused meanwhile, so nothing it sends is lost): an id another broker
 * holds under another token gets PeerServer's own ID-TAKEN. A signal for a peer that is not
 * connected here goes to the cluster, which finds the peer's broker or holds the signal in Redis.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type ServerOptions } from 'ws';
import type { BrokerCounters } from './broker-counters.js';
import { clientAddress } from './client-address.js';
import type { PeerIdIssuer } from './peer-ids.js';
import { SignalGuard, type SignalGuardOptions } from './signal-guard.js';
import type { Signal } from './signal-shape.js';
import type { SignalQueueCap } from './signal-queue-cap.js';
import { SignalingSocket } from './signaling-socket.js';

export interface SignalingGateOptions {
  readonly proxied: boolean;
  readonly maxMessageBytes: number;
  readonly maxConnectionsPerIp: number;
  readonly issuer: PeerIdIssuer;
  readonly queueCap: SignalQueueCap;
  /** Whether a peer id has a live socket (so PeerServer delivers rather than queues). */
  readonly isConnected: (peerId: string) => boolean;
  readonly counters: BrokerCounters;
  /** Each socket's rate and strike limits. */
  readonly signalLimits: SignalGuardOptions;
  /** How this broker takes part in a cluster of brokers sharing a Redis; undefined when it runs alone. */
  readonly cluster?: GateCluster | undefined;
}

/** What the gate asks of the cluster; see the file comment. */
export interface GateCluster {
  /** Claims `peerId` for this broker; false when another connection holds it under another token. */
  claim(peerId: string, token: string): Promise<boolean>;
  /** A claimed socket that PeerServer did not take, or that closed before it could. */
  abandon(peerId: string): void;
  /**
   * Takes a signal from `src` (through `socket`) for a peer not connected here, as `data` came in;
   * false when it cannot (its Redis is down), and this broker holds the signal as a lone one would.
   */
  relay(socket: WebSocket, src: string, signal: Exclude<Signal, { type: 'HEARTBEAT' }>, data: Buffer): boolean;
}

function refuse(socket: SignalingSocket, msg: string): void {
  socket.send(JSON.stringify({ type: 'ERROR', payload: { msg } }));
  socket.close();
}

/** PeerServer's WebSocketServer and the upgrade handling in front of it; see the file comment. */
export class SignalingGate {
  readonly #options: SignalingGateOptions;
  readonly #openByAddress = new Map<string, number>();
  #server: Server | undefined;
  #sockets: WebSocketServer | undefined;

  constructor(options: SignalingGateOptions) {
    this.#options = options;
  }

  /** For PeerServer's `createWebSocketServer` option. */
  readonly createWebSocketServer = (options: ServerOptions): WebSocketServer => {
    const server = options.server as Server;
    const sockets = new WebSocketServer({
      noServer: true,
      path: options.path ?? '/',
      maxPayload: this.#options.maxMessageBytes,
      WebSocket: SignalingSocket,
    });
    server.on('upgrade', this.#onUpgrade);
    this.#server = server;
    this.#sockets = sockets;
    return sockets;
  };

  /** Disconnects every socket and stops taking upgrades. */
  async close(): Promise<void> {
    this.#server?.off('upgrade', this.#onUpgrade);
    const sockets = this.#sockets;
    if (!sockets) return;
    for (const socket of sockets.clients) socket.terminate();
    await new Promise<void>((resolve) => sockets.close(() => resolve()));
  }

  readonly #onUpgrade = (request: IncomingMessage, stream: Duplex, head: Buffer): void => {
    const sockets = this.#sockets;
    if (!sockets?.shouldHandle(request)) {
      stream.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, stream, head, (socket) => this.#admit(sockets, socket as SignalingSocket, request));
  };

  #admit(sockets: WebSocketServer, socket: SignalingSocket, request: IncomingMessage): void {
    const { counters, issuer, maxConnectionsPerIp, proxied } = this.#options;
    const address = clientAddress(request, proxied);
    const open = this.#openByAddress.get(address) ?? 0;
    if (open >= maxConnectionsPerIp) {
      counters.connectionsOverLimit += 1;
      refuse(socket, `too many connections from one address (the limit is ${maxConnectionsPerIp})`);
      return;
    }
    const query = new URL(request.url ?? '/', 'http://broker').searchParams;
    const id = query.get('id');
    // A missing id is left to PeerServer, which answers it with its own error.
    if (id && !issuer.isIssued(id)) {
      counters.unissuedIds += 1;
      refuse(socket, `peer id "${id.slice(0, 64)}" was not issued by this broker; connect without choosing an id`);
      return;
    }
    this.#openByAddress.set(address, open + 1);
    socket.once('close', () => {
      const left = (this.#openByAddress.get(address) ?? 1) - 1;
      if (left > 0) this.#openByAddress.set(address, left);
      else this.#openByAddress.delete(address);
    });
    const guard = new SignalGuard(this.#options.signalLimits);
    socket.filter = (data, isBinary) => this.#pass(socket, id ?? '', guard, data, isBinary);
    const { cluster } = this.#options;
    const token = query.get('token');
    if (!cluster || !id || !token) {
      sockets.emit('connection', socket, request);
      return;
    }
    socket.pause();
    void cluster.claim(id, token).then((claimed) => {
      if (socket.readyState !== WebSocket.OPEN) {
        if (claimed) cluster.abandon(id);
        return;
      }
      if (!claimed) {
        counters.takenIds += 1;
        // PeerServer's own words for an id held under another token; PeerJS reports `unavailable-id`.
        socket.send(JSON.stringify({ type: 'ID-TAKEN', payload: { msg: 'ID is taken' } }));
        socket.close();
        return;
      }
      sockets.emit('connection', socket, request);
      socket.resume();
      cluster.abandon(id);
    });
  }

  /** Lets a message through if its socket's guard and the queue caps allow it; see the file comment. */
  #pass(socket: SignalingSocket, src: string, guard: SignalGuard, data: unknown, isBinary: boolean): boolean {
    const verdict = guard.judge(data, isBinary);
    const { isConnected, issuer, queueCap, counters, signalLimits } = this.#options;
    if (!verdict.pass) {
      if (verdict.reason === 'cut') return false;
      if (verdict.reason === 'over-rate') counters.rateLimitedSignals += 1;
      else counters.malformedSignals += 1;
      if (verdict.cut) {
        counters.struckOutSockets += 1;
        refuse(socket, `closed after ${signalLimits.maxStrikes} refused signaling messages (not tickwire's signaling, or over ${signalLimits.perSecond} a second)`);
      }
      // Nothing is said about a single drop: a reply per message would only feed a flood.
      return false;
    }
    const { signal } = verdict;
    if (signal.type === 'HEARTBEAT' || isConnected(signal.dst)) return true;
    if (issuer.isIssued(signal.dst)) {
      // The guard took only text frames, so `data` is a Buffer.
      if (this.#options.cluster?.relay(socket, src, signal, data as Buffer)) return false;
      if (queueCap.admit(signal.dst)) return true;
    }
    counters.droppedSignals += 1;
    // What PeerServer itself says when a queued message expires: the sender's PeerJS reports
    // `peer-unavailable` rather than waiting for an answer that cannot come.
    socket.send(JSON.stringify({ type: 'EXPIRE', src: signal.dst }));
    return false;
  }
}
