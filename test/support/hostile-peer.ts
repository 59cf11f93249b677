/**
 * A stranger with a lobby code: a stock PeerJS peer (no tickwire code on its side of the link) that
 * can open connections of any serialization, including one that looks like tickwire's on the
 * signaling path but sends raw bytes, and can send raw signaling through its broker socket.
 * Every peer connection it makes uses `iceServers: []`.
 */
import { randomBytes } from 'node:crypto';
import type { DataConnection, Peer, PeerOptions } from 'peerjs';
import { loadPeerJs } from '../../engine/src/transport/peerjs/peerjs-module.js';
import { META_SERIALIZATION } from '../../engine/src/transport/peerjs/meta-connection.js';
import { resolveLobby } from '../../engine/src/transport/peerjs/broker-client.js';
import { CHANNEL_STREAM_IDS } from '../../engine/src/transport/channels.js';
import { nextEvent } from './wait.js';

export interface HostilePeer {
  readonly peer: Peer;
  /** The host's peer id, resolved from the lobby code. */
  readonly hostId: string;
  /**
   * A data connection to the host; `serialization` may be PeerJS's own (`json`, `binary`, `raw`)
   * or `tickwire`, which here sends whatever bytes it is given.
   */
  connect(serialization: string): DataConnection;
  /** Sends a signaling message as it is, through the broker. */
  signal(message: Record<string, unknown>): void;
  destroy(): void;
}

async function brokerConfig(brokerUrl: string): Promise<{ peerPath: string; peerKey: string }> {
  const response = await fetch(new URL('/api/config', brokerUrl));
  return (await response.json()) as { peerPath: string; peerKey: string };
}

/** Opens a stranger's peer on `brokerUrl`, aimed at the host of lobby `code`. */
export async function openHostilePeer(brokerUrl: string, code: string): Promise<HostilePeer> {
  const { Peer: PeerClass, BufferedConnection } = await loadPeerJs();
  /** Looks like tickwire's connection on the signaling path; sends and hands on raw bytes. */
  class RawBytes extends BufferedConnection {
    readonly serialization = META_SERIALIZATION;
    protected override _handleDataMessage(event: MessageEvent): void {
      this.emit('data', event.data);
    }
    protected override _send(data: ArrayBuffer): void {
      this._bufferedSend(data);
    }
  }
  const url = new URL(brokerUrl);
  const { peerPath, peerKey } = await brokerConfig(brokerUrl);
  const options: PeerOptions = {
    host: url.hostname,
    port: Number(url.port),
    path: peerPath,
    key: peerKey,
    secure: false,
    token: randomBytes(16).toString('hex'),
    config: { iceServers: [] },
    debug: 0,
    serializers: { [META_SERIALIZATION]: RawBytes },
  };
  const peer = new PeerClass(options);
  await nextEvent<string>((listener) => {
    peer.on('open', listener);
    return () => peer.off('open', listener);
  }, 'the hostile peer to reach the broker');
  const hostId = await resolveLobby(brokerUrl, code);
  return {
    peer,
    hostId,
    connect: (serialization) => peer.connect(hostId, { reliable: true, serialization }),
    signal: (message) => peer.socket.send({ ...message, dst: hostId }),
    destroy: () => peer.destroy(),
  };
}

/** Resolves when `connection` is open, or rejects when it closes or `timeoutMs` passes first. */
export function opened(connection: DataConnection, timeoutMs = 15_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the hostile connection did not open within ${timeoutMs} ms`)), timeoutMs);
    connection.once('open', () => {
      clearTimeout(timer);
      resolve();
    });
    connection.once('close', () => {
      clearTimeout(timer);
      reject(new Error('the hostile connection closed before it opened'));
    });
  });
}

/** Resolves when `connection` closes (the host cut it), or rejects after `timeoutMs`. */
export async function closed(connection: DataConnection, timeoutMs = 15_000): Promise<void> {
  await nextEvent<undefined>((listener) => {
    const onClose = () => listener(undefined);
    connection.on('close', onClose);
    return () => connection.off('close', onClose);
  }, 'the host to cut the hostile connection', timeoutMs);
}

/** Sends `count` messages on `channel`, stopping quietly once the host has cut the link. */
export function flood(channel: RTCDataChannel, message: string | Uint8Array<ArrayBuffer>, count: number): number {
  let sent = 0;
  try {
    for (; sent < count; sent++) {
      if (typeof message === 'string') channel.send(message);
      else channel.send(message);
    }
  } catch {
    // The link is gone: that is what a flood should come to.
  }
  return sent;
}

/**
 * An attack on a link that looks like tickwire's on the signaling path; it resolves once the host
 * has cut the link, with the milliseconds from the attack's first byte to the cut.
 */
export interface LinkAttack {
  readonly name: string;
  run(stranger: HostilePeer): Promise<number>;
}

const junk = new Uint8Array([0xc1, 0xff, 0x00, 0x13, 0x37]);

/**
 * A tickwire-shaped connection to the host, open. Stock PeerJS sometimes applies a candidate before
 * the answer and its connection never opens (tickwire's own client retries for that reason), so a
 * try that has not opened within 5 s is dropped for a fresh one, three times at most.
 */
export async function openLink(stranger: HostilePeer): Promise<DataConnection> {
  let failure: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const connection = stranger.connect(META_SERIALIZATION);
    try {
      await opened(connection, 5000);
      return connection;
    } catch (error) {
      failure = error;
      connection.close();
    }
  }
  throw failure;
}

/** Opens a tickwire-shaped connection, runs `attack` on it once open, and waits for the host to cut it. */
async function onLink(stranger: HostilePeer, attack: (connection: DataConnection) => void): Promise<number> {
  const connection = await openLink(stranger);
  const cut = closed(connection);
  const start = performance.now();
  attack(connection);
  await cut;
  return performance.now() - start;
}

/**
 * The attacks below tickwire's protocol that used to end a Node host or cost the sender nothing.
 * Bytes on a negotiated channel with PeerJS's stream id arrive on PeerJS's channel, as those of
 * `junk on PeerJS's channel` do.
 */
export const LINK_ATTACKS: readonly LinkAttack[] = [
  {
    name: "junk, null and text on PeerJS's channel",
    run: (stranger) =>
      onLink(stranger, (connection) => {
        const channel = connection.dataChannel;
        flood(channel, 'null', 1);
        flood(channel, new TextEncoder().encode('null'), 1);
        flood(channel, junk, 30);
      }),
  },
  {
    name: 'a second in-band data channel with 3 bytes on it',
    run: (stranger) =>
      onLink(stranger, (connection) => {
        const extra = connection.peerConnection.createDataChannel('extra');
        extra.addEventListener('open', () => flood(extra, new Uint8Array([1, 2, 3]), 1));
      }),
  },
  {
    name: 'a flood of housekeeping pings',
    run: (stranger) => onLink(stranger, (connection) => flood(connection.dataChannel, new TextEncoder().encode('{"t":"ping","at":1}'), 5000)),
  },
  {
    name: 'a flood of over-size messages on the control channel',
    run: (stranger) =>
      onLink(stranger, (connection) => {
        const control = connection.peerConnection.createDataChannel('control', { negotiated: true, id: CHANNEL_STREAM_IDS.control });
        control.addEventListener('open', () => flood(control, new Uint8Array(70_000), 200));
      }),
  },
];

/**
 * A link that does everything tickwire's transport asks (its channels, its `ready`) and then never
 * says hello; resolves with the milliseconds from `ready` to the host's cut.
 */
export async function silentLink(stranger: HostilePeer): Promise<number> {
  const connection = await openLink(stranger);
  const cut = closed(connection, 30_000);
  for (const [label, id] of Object.entries(CHANNEL_STREAM_IDS)) connection.peerConnection.createDataChannel(label, { negotiated: true, id });
  const start = performance.now();
  flood(connection.dataChannel, new TextEncoder().encode('{"t":"ready"}'), 1);
  await cut;
  return performance.now() - start;
}
