/**
 * The host side over PeerJS: registers with the broker under a broker-assigned id and accepts
 * links shaped as tickwire makes them, up to a cap. A peer joins once its channels are open both
 * ways. When the broker goes away the links stay up; the host reconnects with backoff and
 * registers its lobby again, saying so when the code it gets is not the one it had. A broker that
 * refuses the host's id for good ends the tries with a final `brokerRefused`.
 *
 * Anyone with the lobby code can reach this far, so the signaling fence (signaling-fence.ts) drops
 * what tickwire's peers never send, and each drop is a strike against its sender: past a limit the
 * sender's link is cut and nothing more from it is taken (link-admission.ts, which caps links too).
 */
import type { DataConnection, Peer } from 'peerjs';
import { Emitter, type Unsubscribe } from '../../core/emitter.js';
import { isNetError, NetError } from '../../core/net-error.js';
import type { CandidatePair } from '../candidate-pair.js';
import type { ChannelName } from '../channels.js';
import { assertSendable } from '../limits.js';
import type { PeerStats } from '../stats.js';
import type { HostTransport, HostTransportEvents, LobbyEvents } from '../transport.js';
import { registerLobby, type HostCredentials, type LobbyRegistration } from './broker-client.js';
import { takeOverLobby } from './lobby-takeover.js';
import { BrokerWatch, isBrokerError } from './broker-watch.js';
import { LinkAdmission, MAX_SIGNAL_REFUSALS } from './link-admission.js';
import { META_SERIALIZATION } from './meta-connection.js';
import { netErrorFromPeer, openPeer } from './open-peer.js';
import { PeerLink } from './peer-link.js';
import { resolvePeerOptions, type PeerTransportOptions, type ResolvedPeerOptions } from './peer-options.js';
import { SignalingFence, type SignalingPolicy } from './signaling-fence.js';

/** Options of a host transport: the broker's, and how many links it holds. */
export interface PeerHostOptions extends PeerTransportOptions {
  /** Links held at once, joined or opening; offers past it are refused (default 64). */
  readonly maxLinks?: number;
}

/** How long a link may take to be ready once its PeerJS channel is open. */
export const READY_AFTER_OPEN_MS = 5000;

/** A host on the broker: a {@link HostTransport} that can also hold a lobby code. */
export interface PeerHostTransport extends HostTransport {
  /** The lobby code now, once {@link createLobby} has registered one; `lobbyCodeChanged` says when it changes. */
  readonly lobbyCode: string | undefined;
  /**
   * Registers (or re-registers) this host's lobby with the broker; see {@link createLobby}. With
   * `migration` (host migration), the broker also issues the credential an heir takes it over with.
   */
  openLobby(options?: { readonly migration?: boolean }): Promise<string>;
  /**
   * Host migration: makes the lobby `code` of a host that is gone this host's, with the credential
   * its heirs were handed; resolves with the code. Rejects with `takeover_refused` when the broker says no;
 * while the broker still sees the old host, asks again for `waitMs` (default 0) first.
   */
  takeOverLobby(code: string, credential: string, options?: { readonly waitMs?: number }): Promise<string>;
  /** With host migration, the credential the broker issued for this host's lobby now. */
  readonly migrationCredential: string | undefined;
  /**
   * What proves to the broker that a request comes from this host: its peer id and the secret token
   * its signaling socket was opened with. Send it to this host's broker and nowhere else.
   */
  readonly credentials: HostCredentials;
  /** As {@link HostTransport.on}, and the lobby's own events too ({@link LobbyEvents}: `lobbyCodeChanged`). */
  on<K extends keyof (HostTransportEvents & LobbyEvents)>(event: K, listener: (payload: (HostTransportEvents & LobbyEvents)[K]) => void): Unsubscribe;
}

type PeerHostEvents = HostTransportEvents & LobbyEvents;

class PeerJsHost implements PeerHostTransport, SignalingPolicy {
  private readonly events = new Emitter<PeerHostEvents>();
  /** Every link, joined or still opening, by remote peer id. */
  private readonly links = new Map<string, PeerLink>();
  private readonly joined = new Set<string>();
  private readonly watch: BrokerWatch;
  private readonly admission: LinkAdmission;
  private code: string | undefined;
  private credential: string | undefined;
  private migration = false;
  private closed = false;
  /** Kept from the start: PeerJS forgets `peer.id` while it is disconnected from the broker. */
  readonly id: string;

  constructor(
    private readonly peer: Peer,
    private readonly options: ResolvedPeerOptions,
    maxLinks: number,
  ) {
    this.id = peer.id;
    this.admission = new LinkAdmission(maxLinks);
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
      onRefused: (error) => this.brokerRefused(error),
    });
  }

  get lobbyCode(): string | undefined {
    return this.code;
  }

  get migrationCredential(): string | undefined {
    return this.credential;
  }

  get credentials(): HostCredentials {
    return { hostPeerId: this.id, token: this.options.token };
  }

  async openLobby(options: { readonly migration?: boolean } = {}): Promise<string> {
    this.migration ||= options.migration === true;
    if (this.closed) throw new NetError('closed', 'this host is closed');
    const { refusal } = this.watch;
    if (refusal) throw refusal;
    if (!this.watch.connected) throw new NetError('broker_unreachable', 'the broker is unreachable; the lobby is registered again when it is back');
    const registration = await registerLobby(this.options.brokerUrl, this.credentials, this.migration);
    return this.holdLobby(registration);
  }

  async takeOverLobby(code: string, credential: string, options: { readonly waitMs?: number } = {}): Promise<string> {
    if (this.closed) throw new NetError('closed', 'this host is closed');
    this.migration = true;
    return this.holdLobby(await takeOverLobby(this.options.brokerUrl, code, this.credentials, credential, this.options.clock, options.waitMs ?? 0));
  }

  private holdLobby({ code, credential }: LobbyRegistration): string {
    this.credential = credential;
    const previous = this.code;
    this.code = code;
    if (previous !== undefined && previous !== code && !this.closed) this.events.emit('lobbyCodeChanged', { code, previous });
    return code;
  }

  on<K extends keyof PeerHostEvents>(event: K, listener: (payload: PeerHostEvents[K]) => void): Unsubscribe {
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
    // The broker hears at once that this host is gone (an heir can take its lobby over now); the
    // data connections stay open until the goodbyes have left.
    this.peer.disconnect();
    this.options.clock.setTimer(this.options.goodbyeTimeoutMs, () => this.peer.destroy());
  }

  acceptOffer(src: string): boolean {
    if (this.closed) return false;
    const link = this.links.get(src);
    const sender = !link ? 'none' : link.ready ? 'ready' : 'opening';
    return this.admission.admits(src, { total: this.links.size, opening: this.links.size - this.joined.size, sender });
  }

  knows(src: string): boolean {
    return this.links.has(src) && !this.admission.barred(src);
  }

  refused(src: string | undefined, why: string): void {
    if (src !== undefined && this.admission.refuse(src)) this.links.get(src)?.close(`cut after ${MAX_SIGNAL_REFUSALS + 1} refused signaling messages (the last: ${why})`);
  }

  /**
   * Back on the broker: the lobby it had is registered again. The broker derives the same code from
   * the same id, but one that answers with another (its first choice was taken) is announced, by
   * `openLobby`, before `brokerRestored`.
   */
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

  /** The broker will never take this id back: say so once, with what it means for the lobby. */
  private brokerRefused(error: NetError): void {
    if (this.closed) return;
    const lobby = this.code === undefined ? 'nobody new can connect to this host' : `nobody new can join with lobby code ${this.code}`;
    const message = `${error.message}. The players already in the game play on, but ${lobby}: host again for a new code to let more players in.`;
    this.events.emit('brokerRefused', new NetError('broker_refused', message, { cause: error.cause }));
  }

  private accept(connection: DataConnection): void {
    const peerId = connection.peer;
    // The fence let only this shape through; checked again where it matters.
    if (!this.acceptOffer(peerId) || connection.serialization !== META_SERIALIZATION || !connection.reliable) {
      connection.close();
      return;
    }
    const existing = this.links.get(peerId);
    existing?.close('replaced by a new connection attempt');
    const link = new PeerLink(connection, this.options);
    this.links.set(peerId, link);
    let cancelTimeout = this.options.clock.setTimer(this.options.connectTimeoutMs, () => {
      if (!link.ready) link.close(`the link did not open within ${this.options.connectTimeoutMs} ms`);
    });
    // ICE may take long (a TURN relay), but once PeerJS's channel is open an honest peer's own
    // channels follow at once: an opening slot is not held longer than that.
    connection.once('open', () => {
      cancelTimeout();
      cancelTimeout = this.options.clock.setTimer(READY_AFTER_OPEN_MS, () => {
        if (!link.ready) link.close(`the link's channels did not open within ${READY_AFTER_OPEN_MS} ms of its connection`);
      });
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
export async function openPeerHost(options: PeerHostOptions): Promise<PeerHostTransport> {
  const maxLinks = options.maxLinks ?? 64;
  if (!Number.isInteger(maxLinks) || maxLinks < 1) throw new NetError('invalid_option', `maxLinks must be a whole number >= 1, got ${maxLinks}`);
  const resolved = await resolvePeerOptions(options);
  const fence = new SignalingFence();
  const peer = await openPeer(resolved, fence);
  const host = new PeerJsHost(peer, resolved, maxLinks);
  fence.policy = host;
  return host;
}

/**
 * Registers a lobby for `host` with its broker and returns the code that joiners type. The host
 * proves it owns its peer id with the secret token its transport connected with, and keeps the code:
 * after losing the broker it registers again when it is back, and gets the same code (if the broker
 * gives another, `host.lobbyCode` follows and `lobbyCodeChanged` says so). With `migration` (host
 * migration, which `hostGame` asks for with `hostMigration`), the broker keeps the lobby for a while
 * when the host goes, for the heir holding its credential (`migrationCredential`) to take over.
 */
export function createLobby(host: PeerHostTransport, options: { readonly migration?: boolean } = {}): Promise<string> {
  return host.openLobby(options);
}
