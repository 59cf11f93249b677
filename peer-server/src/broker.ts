/**
 * The one place that wires the broker together on a single port:
 *   {peerPath}/...          the `peer` package's PeerServer (HTTP id endpoint and the signaling WebSocket)
 *   /api/...                the lobby API (lobby-api.ts)
 *   /                       the built demo from `staticDir`, when it exists
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { ExpressPeerServer, type IClient } from 'peer';
import { WebSocketServer, type ServerOptions } from 'ws';
import { resolveBrokerConfig, type BrokerConfig } from './config.js';
import { createLobbyApi } from './lobby-api.js';
import { LobbyRegistry } from './lobby-registry.js';
import { TimerScope } from './timer-scope.js';

/** A running broker. */
export interface Broker {
  /** Base URL to reach it, e.g. "http://127.0.0.1:9000". */
  readonly url: string;
  /** The port it listens on (the real one when 0 was asked for). */
  readonly port: number;
  /** The settings it runs with, after defaults and checks. */
  readonly config: BrokerConfig;
  /** Disconnects every peer and stops listening; afterwards nothing of the broker keeps the process alive. */
  close(): Promise<void>;
}

/**
 * Signaling messages (SDP offers, ICE candidates) are a few KiB; ws would otherwise accept 100 MiB
 * from anyone who opens a socket.
 */
const MAX_SIGNALING_MESSAGE_BYTES = 256 * 1024;

/** A host to put in the URL: an "any interface" address is not somewhere a client can connect to. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/** Starts a broker; `overrides` are merged over `DEFAULT_BROKER_CONFIG` (use `port: 0` in tests). */
export async function startBroker(overrides: Partial<BrokerConfig> = {}): Promise<Broker> {
  const config = resolveBrokerConfig(overrides);
  const app = express();
  app.disable('x-powered-by');
  if (config.proxied) app.set('trust proxy', true);
  const server = createServer(app);

  // PeerServer creates its WebSocketServer internally; building it here is the only way to get a
  // handle on it, and so on its sockets at close.
  let socketServer: WebSocketServer | undefined;
  const peerServer = ExpressPeerServer(server, {
    key: config.peerKey,
    // Mounted at peerPath below; PeerServer adds its own path to the mount path, so "/" keeps the
    // client-facing path equal to peerPath (WebSocket at `${peerPath}/peerjs`, ids at `${peerPath}/${key}/id`).
    path: '/',
    allow_discovery: false,
    proxied: config.proxied,
    createWebSocketServer: (options: ServerOptions) => {
      socketServer = new WebSocketServer({ ...options, maxPayload: MAX_SIGNALING_MESSAGE_BYTES });
      return socketServer;
    },
  });

  const registry = new LobbyRegistry();
  const connected = new Set<string>();
  peerServer.on('connection', (client: IClient) => connected.add(client.getId()));
  peerServer.on('disconnect', (client: IClient) => {
    connected.delete(client.getId());
    registry.removeHost(client.getId());
  });
  // PeerServer re-emits socket errors and unparsable client messages as 'error' on its express app,
  // an EventEmitter: with no listener that would throw and take the whole process down.
  peerServer.on('error', (error: Error) => console.warn(`tickwire broker: PeerServer: ${error.message}`));

  // Mounting is what starts PeerServer (its timers included), so it happens inside the scope.
  const peerTimers = new TimerScope();
  peerTimers.run(() => app.use(config.peerPath, peerServer));
  app.use(
    '/api',
    createLobbyApi({
      registry,
      isConnected: (peerId) => connected.has(peerId),
      clientConfig: { peerPath: config.peerPath, peerKey: config.peerKey, iceServers: config.iceServers },
    }),
  );
  if (config.staticDir !== undefined && existsSync(config.staticDir)) app.use(express.static(config.staticDir));

  const closePeerServer = async (): Promise<void> => {
    peerTimers.clear();
    const sockets = socketServer;
    if (!sockets) return;
    for (const socket of sockets.clients) socket.terminate();
    await new Promise<void>((resolve) => sockets.close(() => resolve()));
  };

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (cause) {
    await closePeerServer();
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new Error(`tickwire broker cannot listen on ${config.host}:${config.port}: ${reason}`, { cause });
  }
  server.on('error', (error) => console.error('tickwire broker: HTTP server error', error));

  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost(config.host)}:${port}`,
    port,
    config,
    close() {
      closing ??= (async () => {
        await closePeerServer();
        await new Promise<void>((resolve, reject) => {
          server.close((error) => (error ? reject(error) : resolve()));
          // close() alone waits for idle keep-alive connections (fetch keeps them) to time out.
          server.closeAllConnections();
        });
      })();
      return closing;
    },
  };
}
