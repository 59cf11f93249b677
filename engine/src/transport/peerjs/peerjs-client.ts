/**
 * The client side over PeerJS: one link to one host, ready once both channels are open both ways.
 */
import type { Peer } from 'peerjs';
import { Emitter, type Unsubscribe } from '../../core/emitter.js';
import { NetError } from '../../core/net-error.js';
import type { CandidatePair } from '../candidate-pair.js';
import type { ChannelName } from '../channels.js';
import type { PeerStats } from '../stats.js';
import type { ClientTransport, ClientTransportEvents } from '../transport.js';
import { resolveLobby } from './broker-client.js';
import { netErrorFromPeer, openPeer } from './open-peer.js';
import { PeerLink } from './peer-link.js';
import { resolvePeerOptions, type PeerTransportOptions } from './peer-options.js';

class PeerJsClient implements ClientTransport {
  private readonly events = new Emitter<ClientTransportEvents>();

  constructor(
    private readonly peer: Peer,
    private readonly link: PeerLink,
  ) {
    link.on('message', (message) => this.events.emit('message', message));
    link.on('closed', (reason) => this.events.emit('closed', reason));
    link.on('disposed', () => this.peer.destroy());
    this.peer.on('error', (error) => this.events.emit('error', netErrorFromPeer(error)));
  }

  get id(): string {
    return this.peer.id;
  }

  get hostId(): string {
    return this.link.remoteId;
  }

  get open(): boolean {
    return this.link.ready;
  }

  on<K extends keyof ClientTransportEvents>(event: K, listener: (payload: ClientTransportEvents[K]) => void): Unsubscribe {
    return this.events.on(event, listener);
  }

  send(channel: ChannelName, data: Uint8Array): boolean {
    return this.link.send(channel, data);
  }

  stats(): PeerStats {
    return this.link.stats();
  }

  candidatePair(): Promise<CandidatePair | undefined> {
    return this.link.candidatePair();
  }

  close(reason = 'the client closed'): void {
    this.link.close(reason);
  }
}

export interface PeerClientOptions extends PeerTransportOptions {
  /** The host's peer id; see {@link joinPeerLobby} to start from a lobby code. */
  readonly hostId: string;
}

/** Connects to a host by its peer id and resolves once both channels are open both ways. */
export async function connectPeerClient(options: PeerClientOptions): Promise<ClientTransport> {
  const resolved = await resolvePeerOptions(options);
  const peer = await openPeer(resolved);
  const connection = peer.connect(options.hostId, { reliable: true, serialization: 'json' });
  const link = new PeerLink(connection, resolved);
  return new Promise<ClientTransport>((resolve, reject) => {
    const fail = (error: NetError) => {
      cancelTimeout();
      stopReady();
      stopClosed();
      stopError();
      link.close(error.message);
      peer.destroy();
      reject(error);
    };
    const cancelTimeout = resolved.clock.setTimer(resolved.connectTimeoutMs, () =>
      fail(new NetError('connection_failed', `the link to host ${options.hostId} did not open within ${resolved.connectTimeoutMs} ms`)),
    );
    const stopReady = link.on('ready', () => {
      cancelTimeout();
      stopClosed();
      stopError();
      resolve(new PeerJsClient(peer, link));
    });
    const stopClosed = link.on('closed', (reason) => fail(new NetError('connection_failed', `the link to host ${options.hostId} closed while opening: ${reason.message}`)));
    const onError = (error: { type?: unknown; message?: unknown }) => fail(netErrorFromPeer(error));
    peer.on('error', onError);
    const stopError = () => peer.off('error', onError);
  });
}

/** Resolves a lobby code with the broker, then connects to its host. */
export async function joinPeerLobby(options: PeerTransportOptions & { readonly code: string }): Promise<ClientTransport> {
  const hostId = await resolveLobby(options.brokerUrl, options.code);
  return connectPeerClient({ ...options, hostId });
}
