/**
 * A page the e2e tests drive: the engine's PeerJS transport in a real browser, as host or client,
 * sending numbered messages and counting what arrives.
 */
import { createLobby, joinPeerLobby, openPeerHost } from '../../../../engine/src/index.js';
import type { CandidatePair, ChannelName, ClientTransport, PeerHostTransport } from '../../../../engine/src/index.js';

export interface ProbeOptions {
  readonly iceServers: RTCIceServer[];
  readonly iceTransportPolicy?: RTCIceTransportPolicy;
}

export interface TransportProbe {
  host(options: ProbeOptions): Promise<{ id: string; code: string }>;
  join(code: string, options: ProbeOptions): Promise<string>;
  peers(): readonly string[];
  /** Sends `count` numbered messages: the host to every peer, a client to its host. */
  send(channel: ChannelName, count: number): number;
  received(): Record<ChannelName, number[]>;
  candidatePair(): Promise<CandidatePair | undefined>;
}

declare global {
  interface Window {
    transportProbe: TransportProbe;
  }
}

let host: PeerHostTransport | undefined;
let client: ClientTransport | undefined;
const received: Record<ChannelName, number[]> = { control: [], state: [] };
const brokerUrl = location.origin;

function record(channel: ChannelName, data: Uint8Array): void {
  received[channel].push(new DataView(data.buffer, data.byteOffset, data.byteLength).getUint32(0, true));
}

function transportOptions(options: ProbeOptions) {
  return {
    brokerUrl,
    iceServers: options.iceServers,
    ...(options.iceTransportPolicy ? { iceTransportPolicy: options.iceTransportPolicy } : {}),
  };
}

window.transportProbe = {
  async host(options) {
    host = await openPeerHost(transportOptions(options));
    host.on('message', ({ channel, data }) => record(channel, data));
    return { id: host.id, code: await createLobby(host) };
  },
  async join(code, options) {
    client = await joinPeerLobby({ ...transportOptions(options), code });
    client.on('message', ({ channel, data }) => record(channel, data));
    return client.id;
  },
  peers: () => host?.peers() ?? [],
  send(channel, count) {
    let sent = 0;
    for (let i = 0; i < count; i++) {
      const data = new Uint8Array(new Uint32Array([i]).buffer);
      if (host) sent += host.broadcast(channel, data);
      else if (client?.send(channel, data)) sent++;
    }
    return sent;
  },
  received: () => received,
  async candidatePair() {
    if (client) return client.candidatePair();
    const [peerId] = host?.peers() ?? [];
    return peerId === undefined ? undefined : host?.candidatePair(peerId);
  },
};
