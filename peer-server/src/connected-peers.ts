/**
 * The peers whose signaling WebSocket is open on this broker, as PeerServer registered them: what
 * the lobby API checks a host's token against, and where a signal for one of them is delivered.
 */
import type { IClient } from 'peer';
import { WebSocket } from 'ws';

/** The peers connected to this broker, by id. */
export class ConnectedPeers {
  readonly #clients = new Map<string, IClient>();

  /** How many there are. */
  get size(): number {
    return this.#clients.size;
  }

  /** PeerServer accepted `client`'s socket. */
  add(client: IClient): void {
    this.#clients.set(client.getId(), client);
  }

  /** PeerServer let `client` go. */
  remove(client: IClient): void {
    if (this.#clients.get(client.getId()) === client) this.#clients.delete(client.getId());
  }

  has(peerId: string): boolean {
    return this.#clients.has(peerId);
  }

  /** The token `peerId`'s socket was opened with; undefined when it is not connected here. */
  tokenOf(peerId: string): string | undefined {
    return this.#clients.get(peerId)?.getToken();
  }

  /** Whether `socket` is the one PeerServer holds for `peerId` (and not a refused one claiming its id). */
  holds(peerId: string, socket: unknown): boolean {
    const held = this.#clients.get(peerId)?.getSocket();
    return held !== undefined && held !== null && held === socket;
  }

  /** Every connected peer, with the token it connected with. */
  list(): { readonly id: string; readonly token: string }[] {
    return [...this.#clients.values()].map((client) => ({ id: client.getId(), token: client.getToken() }));
  }

  /** Sends `text` (a message in PeerServer's JSON form) to `peerId`; false when it has no open socket here. */
  deliver(peerId: string, text: string): boolean {
    const socket = this.#clients.get(peerId)?.getSocket();
    if (!socket || socket.readyState !== WebSocket.OPEN) return false;
    socket.send(text);
    return true;
  }

  /** Closes `peerId`'s socket, first telling it why in PeerServer's words (`message`) when given. */
  cut(peerId: string, message?: Readonly<Record<string, unknown>>): void {
    const socket = this.#clients.get(peerId)?.getSocket();
    if (!socket) return;
    if (message && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
    socket.close();
  }
}
