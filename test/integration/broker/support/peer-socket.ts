/**
 * A PeerJS signaling connection made by hand with `ws`, speaking exactly what the peerjs 1.5 client
 * does (node_modules/peerjs/dist/bundler.mjs, classes API and Socket): `GET {path}/{key}/id` for a
 * server-made id, then a WebSocket to `{path}/peerjs?key=...&id=...&token=...`. The PeerJS client
 * normalizes `path` to end in "/", which is why "/peerjs" becomes ".../peerjs/peerjs".
 */
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import type { Broker } from '../../../../peer-server/src/broker.js';
import { withDeadline } from './wait-until.js';

/** An open PeerJS signaling socket, as a host's browser tab would hold. */
export interface PeerSocket {
  readonly id: string;
  /** The secret token the socket was opened with, which proves ownership of `id`. */
  readonly token: string;
  readonly socket: WebSocket;
  /** Closes the socket and waits until it is closed. */
  close(): Promise<void>;
}

/** Where the PeerJS client sends its requests, for a broker's path and key. */
export function peerUrls(broker: Broker, key = broker.config.peerKey): { idUrl: string; socketUrl: (id: string, token: string) => string } {
  const base = `${broker.config.peerPath}/`;
  return {
    idUrl: `${broker.url}${base}${key}/id?ts=${Date.now()}`,
    socketUrl: (id, token) => `ws://127.0.0.1:${broker.port}${base}peerjs?key=${encodeURIComponent(key)}&id=${encodeURIComponent(id)}&token=${token}`,
  };
}

/** The first message the server sends on a new socket, as parsed JSON. */
export function firstMessage(socket: WebSocket): Promise<unknown> {
  return new Promise((resolve, reject) => {
    socket.once('message', (data) => resolve(JSON.parse(String(data))));
    socket.once('error', reject);
    socket.once('close', (code) => reject(new Error(`socket closed (${code}) before any message`)));
  });
}

/** Waits until `socket` is closed. */
export function closed(socket: WebSocket): Promise<void> {
  if (socket.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise((resolve) => socket.once('close', () => resolve()));
}

/** Registers a peer with the broker's PeerServer and waits for its OPEN. */
export async function connectPeerSocket(broker: Broker): Promise<PeerSocket> {
  const urls = peerUrls(broker);
  const response = await fetch(urls.idUrl);
  if (response.status !== 200) throw new Error(`GET ${urls.idUrl} answered ${response.status}`);
  const id = await response.text();
  return connectPeerSocketAs(broker, id, randomBytes(16).toString('hex'));
}

/** Opens a signaling socket with a given id and token (a reconnect, or an id the broker never issued). */
export async function connectPeerSocketAs(broker: Broker, id: string, token: string): Promise<PeerSocket> {
  const urls = peerUrls(broker);
  const socket = new WebSocket(urls.socketUrl(id, token));
  const message = await withDeadline(firstMessage(socket), `OPEN from ${urls.socketUrl(id, '…')}`);
  if (typeof message !== 'object' || message === null || (message as { type?: unknown }).type !== 'OPEN') {
    socket.terminate();
    throw new Error(`expected {"type":"OPEN"}, got ${JSON.stringify(message)}`);
  }
  return {
    id,
    token,
    socket,
    close: async () => {
      socket.close();
      await withDeadline(closed(socket), `peer ${id}'s socket to close`);
    },
  };
}
