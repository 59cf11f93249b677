/**
 * The host side over PeerJS: registers with the broker under a broker-assigned id and accepts
 * every link that reaches it. A peer joins once its channels are open both ways. When the broker
 * goes away the links stay up; the host reconnects with backoff and registers its lobby again.
 */
import type { DataConnection, Peer } from 'peerjs';
import { Emitter, type Unsubscribe } from '../../core/emitter.js';
import { isNetError, NetError } from '../../core/net-error.js';
import type { CandidatePair } from '../candidate-pair.js';
import type { ChannelName } from '../channels.js';
import { assertSendable } from '../limits.js';
import type { PeerStats } from '../stats.js';
import type { HostTransport, HostTransportEvents } from '../transport.js';
import { registerLobby } from './broker-client.js';
import { BrokerWatch, isBrokerError } from './broker-watch.js';
import { netErrorFromPeer, openPeer } from './open-peer.js';
import { PeerLink } from './peer-link.js';
import { resolvePeerOptions, type PeerTransportOptions, type ResolvedPeerOptions } from './peer-options.js';

/** A host on the broker: a {@link HostTransport} that can also hold a lobby code. */
export interface PeerHostTransport extends HostTransport {
  /** The lobby code, once {@link createLobby} has registered one. */
  readonly lobbyCode: string | undefined;
  /** Registers (or re-registers) this host's lobby with the broker; see {@link createLobby}. */
  openLobby(): Promise<string>;
}

class PeerJsHost implements PeerHostTransport {
  private readonly events = new Emitter<HostTransportEvents>();
  /** Every link, joined or still opening, by remote peer id. */
  private readonly links = new Map<string, PeerLink>();
  private readonly joined = new Set<string>();
  private readonly watch: BrokerWatch;
  private code: string | undefined;
  private closed = false;
  /** Kept from the start: PeerJS forgets `peer.id` while it is disconnected from the broker. */
  readonly id: string;

  constructor(
    private readonly peer: Peer,
    private readonly options: ResolvedPeerOptions,
  ) {
    this.id = peer.id;
    peer.on('connection', (connection) => this.accept(connection));
    peer.on('error', (error) => {
      if (!isBrokerError(error)) this.events.emit('error', netErrorFromPeer(error));
    });
    this.watch = new BrokerWatch(peer, {
      clock: options.clock,
      backoff: options.backoff,
      attemptTimeoutMs: options.connectTimeoutMs,
      random: Math.random,
      onLost: (error) => this.events.emit('brokerLost', error),
      onRestored: (attempts) => void this.restored(attempts),
    });
  }

  get lobbyCode(): string | undefined {
    return this.code;
  }

  async openLobby(): Promise<string> {
    if (this.closed) throw new NetError('closed', 'this host is closed');
    if (!this.watch.connected) throw new NetError('broker_unreachable', 'the broker is unreachable; the lobby is registered again when it is back');
    this.code = await registerLobby(this.options.brokerUrl, { hostPeerId: this.id, token: this.options.token });
    return this.code;
  }

  on<K extends keyof HostTransportEvents>(event: K, listener: (payload: HostTransportEvents[K]) => void): Unsubscribe {
    return this.events.on(event, listener);
  }

  send(peerId: string, channel: ChannelName, data: Uint8Array): boolean {
    assertSendable(channel, data);
    const link = this.joined.has(peerId) ? this.links.get(peerId) : undefined;
    return link ? link.send(channel, data) : false;
  }

  broadcast(channel: ChannelName, data: Uint8Array): number {
    let sent = 0;
    for (const peerId of this.joined) if (this.send(peerId, channel, data)) sent++;
    return sent;
  }

  disconnect(peerId: string, reason = 'disconnected by the host'): void {
    this.links.get(peerId)?.close(reason);
  }

  peers(): readonly string[] {
    return [...this.joined];
  }

  stats(peerId: string): PeerStats | undefined {
    return this.joined.has(peerId) ? this.links.get(peerId)?.stats() : undefined;
  }

  async candidatePair(peerId: string): Promise<CandidatePair | undefined> {
    return this.joined.has(peerId) ? this.links.get(peerId)?.candidatePair() : undefined;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.watch.stop();
    for (const link of [...this.links.values()]) link.close('the host closed');
    // Let the goodbyes leave before the broker connection and the peer connections go.
    this.options.clock.setTimer(this.options.goodbyeTimeoutMs, () => this.peer.destroy());
  }

  /** Back on the broker: the lobby it had is registered again (the broker derives the same code). */
  private async restored(attempts: number): Promise<void> {
    if (this.code !== undefined) {
      try {
        await this.openLobby();
      } catch (error) {
        this.events.emit('error', isNetError(error) ? error : new NetError('broker_error', `could not register the lobby again: ${String(error)}`));
        return;
      }
    }
    if (!this.closed) this.events.emit('brokerRestored', { attempts });
  }

  private accept(connection: DataConnection): void {
    const peerId = connection.peer;
    const existing = this.links.get(peerId);
    // A peer that is already in does not get a second link; one whose link never opened is retrying.
    if (this.closed || existing?.ready) {
      connection.close();
      return;
    }
    existing?.close('replaced by a new connection attempt');
    const link = new PeerLink(connection, this.options);
    this.links.set(peerId, link);
    const cancelTimeout = this.options.clock.setTimer(this.options.connectTimeoutMs, () => {
      if (!link.ready) link.close(`the link did not open within ${this.options.connectTimeoutMs} ms`);
    });
    link.on('ready', () => {
      cancelTimeout();
      this.joined.add(peerId);
      this.events.emit('peerJoined', { peerId });
    });
    link.on('message', (message) => this.events.emit('message', { peerId, ...message }));
    link.on('closed', (reason) => {
      cancelTimeout();
      if (this.links.get(peerId) !== link) return;
      this.links.delete(peerId);
      if (this.joined.delete(peerId)) this.events.emit('peerLeft', { peerId, reason });
    });
  }
}

/** Opens a host on the broker; its `id` is what clients connect to (or what a lobby code names). */
export async function openPeerHost(options: PeerTransportOptions): Promise<PeerHostTransport> {
  const resolved = await resolvePeerOptions(options);
  const peer = await openPeer(resolved);
  return new PeerJsHost(peer, resolved);
}

/**
 * Registers a lobby for `host` with its broker and returns the code that joiners type. The host
 * proves it owns its peer id with the secret token its transport connected with, and keeps the code:
 * after losing the broker it registers again when it is back, and gets the same code.
 */
export function createLobby(host: PeerHostTransport): Promise<string> {
  return host.openLobby();
}
