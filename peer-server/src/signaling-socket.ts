/**
 * The signaling WebSocket class the broker's WebSocketServer makes (ws's `WebSocket` option): a
 * `ws` WebSocket whose incoming messages pass a filter before anyone, PeerServer included, hears of
 * them. PeerServer has no hook between reading a message and queueing it; this is that hook.
 */
import { WebSocket } from 'ws';

/** Says whether a received message (as ws hands it over: its data, and whether the frame was binary) goes on to PeerServer. */
export type MessageFilter = (data: unknown, isBinary: boolean) => boolean;

export class SignalingSocket extends WebSocket {
  /** Set once the socket is accepted; until then every message passes. */
  filter: MessageFilter | undefined;

  override emit(event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'message' && this.filter && !this.filter(args[0], args[1] === true)) return false;
    return super.emit(event, ...args);
  }
}
