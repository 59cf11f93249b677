/**
 * One PeerJS signaling socket made by hand with `ws`, as the load generator holds dozens of: the
 * WebSocket that PeerJS 1.5 opens (`{peerPath}/peerjs?key&id&token`; see
 * test/integration/broker/support/peer-socket.ts), under an id the caller minted with the brokers'
 * secret, ready once the broker's `{"type":"OPEN"}` arrives, with a HEARTBEAT every 5 s as PeerJS
 * sends. No WebRTC anywhere: a socket costs the generator a file descriptor and a few buffers, and
 * it skips checking the UTF-8 of what the broker sends, so the generator's CPU goes to the relay.
 */
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';

/** Where one broker's signaling WebSocket is. */
export interface SignalingEndpoint {
  readonly brokerUrl: string;
  socketUrl(id: string, token: string): string;
}

/** What a socket hands its owner after OPEN. */
export interface SignalSocketEvents {
  /** Every message after OPEN, as text. */
  readonly onText: (text: string) => void;
  /** The socket closed (by the broker, or the network): the owner decides whether that is a failure. */
  readonly onClose: (why: string) => void;
}

const HEARTBEAT_MS = 5000;
const HEARTBEAT = JSON.stringify({ type: 'HEARTBEAT' });

/** Where `brokerUrl`'s signaling WebSocket is, from its `GET /api/config`. */
export async function signalingEndpoint(brokerUrl: string): Promise<SignalingEndpoint> {
  const response = await fetch(`${brokerUrl}/api/config`);
  if (!response.ok) throw new Error(`GET ${brokerUrl}/api/config answered ${response.status}`);
  const { peerPath, peerKey } = (await response.json()) as { peerPath?: unknown; peerKey?: unknown };
  if (typeof peerPath !== 'string' || typeof peerKey !== 'string') throw new Error(`GET ${brokerUrl}/api/config gave no peerPath and peerKey`);
  const base = brokerUrl.replace(/^http/, 'ws');
  return { brokerUrl, socketUrl: (id, token) => `${base}${peerPath}/peerjs?key=${encodeURIComponent(peerKey)}&id=${encodeURIComponent(id)}&token=${token}` };
}

/** An open signaling socket; see the file comment. */
export class SignalSocket {
  private constructor(
    readonly id: string,
    private readonly socket: WebSocket,
    private readonly heartbeat: NodeJS.Timeout,
  ) {}

  /** Opens a socket for `id` at `endpoint` and resolves once the broker said OPEN. */
  static open(endpoint: SignalingEndpoint, id: string, events: SignalSocketEvents, timeoutMs = 10_000): Promise<SignalSocket> {
    const socket = new WebSocket(endpoint.socketUrl(id, randomBytes(16).toString('hex')), { perMessageDeflate: false, skipUTF8Validation: true });
    return new Promise((resolve, reject) => {
      let opened: SignalSocket | undefined;
      const fail = (why: string): void => {
        clearTimeout(timer);
        socket.terminate();
        reject(new Error(`signaling socket ${id.slice(0, 8)}… at ${endpoint.brokerUrl}: ${why}`));
      };
      const timer = setTimeout(() => fail(`no OPEN within ${timeoutMs} ms`), timeoutMs);
      socket.on('error', (error) => (opened ? undefined : fail(error.message)));
      socket.on('close', (code, reason) => {
        if (!opened) return fail(`closed (${code}) before OPEN`);
        clearInterval(opened.heartbeat);
        events.onClose(`closed by the broker (${code}${reason.length > 0 ? `: ${reason.toString()}` : ''})`);
      });
      socket.on('message', (data: WebSocket.RawData) => {
        // A text frame arrives as one Buffer (the default binaryType).
        const text = data.toString();
        if (opened) return events.onText(text);
        if (!text.startsWith('{"type":"OPEN"')) return fail(`expected OPEN, got ${text.slice(0, 200)}`);
        clearTimeout(timer);
        opened = new SignalSocket(id, socket, setInterval(() => socket.send(HEARTBEAT), HEARTBEAT_MS));
        resolve(opened);
      });
    });
  }

  send(text: string): void {
    this.socket.send(text);
  }

  /** Closes at once, saying nothing more to its owner. */
  close(): void {
    clearInterval(this.heartbeat);
    this.socket.removeAllListeners('close');
    this.socket.terminate();
  }
}
