/**
 * The in-memory network: a first-class transport for single-player modes and for tests. Hosts and
 * clients here implement the same interfaces as the PeerJS adapter; every link runs through a link
 * conditioner driven by the injected clock and a seeded RNG, so a test with 20% loss and jitter
 * gives the same result on every run.
 */
import type { Clock } from '../../core/clock.js';
import { Emitter, type Unsubscribe } from '../../core/emitter.js';
import { NetError } from '../../core/net-error.js';
import { createRng, type Rng } from '../../core/rng.js';
import type { CandidatePair } from '../candidate-pair.js';
import type { ChannelName } from '../channels.js';
import { assertSendable } from '../limits.js';
import type { PeerStats } from '../stats.js';
import type {
  ClientTransport,
  ClientTransportEvents,
  HostTransport,
  HostTransportEvents,
  LeaveReason,
} from '../transport.js';
import type { LinkConditions } from './link-conditioner.js';
import { LoopbackLink, type LinkSetup } from './loopback-link.js';

/** What a {@link LoopbackNetwork} takes: its clock, the seed of its randomness, and default link conditions. */
export interface LoopbackNetworkOptions {
  /** Drives latency; a `ManualClock` makes everything deterministic. */
  readonly clock: Clock;
  /** Seed of the RNG behind loss, jitter, duplication and reordering. */
  readonly seed?: number;
  /** Conditions of every link in both directions, unless a link sets its own. */
  readonly conditions?: Partial<LinkConditions>;
}

/** What `LoopbackNetwork.connect` takes: this link's own conditions and peer id. */
export interface LoopbackConnectOptions extends LinkSetup {
  /** The id the host will know this client by; generated when left out. */
  readonly peerId?: string;
}

/** Hosts and clients in one process, linked through a link conditioner on an injected clock. */
export class LoopbackNetwork {
  readonly clock: Clock;
  private readonly rng: Rng;
  private readonly conditions: Partial<LinkConditions>;
  private readonly hosts = new Map<string, LoopbackHost>();
  private nextPeer = 1;

  constructor(options: LoopbackNetworkOptions) {
    this.clock = options.clock;
    this.rng = createRng(options.seed ?? 1);
    this.conditions = options.conditions ?? {};
  }

  /** Opens a host that clients reach by `id`. */
  createHost(id = 'host'): HostTransport {
    if (this.hosts.has(id)) throw new NetError('invalid_option', `a loopback host with id "${id}" is already open`);
    const host = new LoopbackHost(id, () => this.hosts.delete(id));
    this.hosts.set(id, host);
    return host;
  }

  /**
   * The host `hostId` vanishes as a crashed process does: it is gone from the network (a new
   * connection to it fails with `peer_unavailable`), and every one of its links fails without a
   * goodbye. False when there is no such host.
   */
  crash(hostId: string): boolean {
    const host = this.hosts.get(hostId);
    if (!host) return false;
    host.crash();
    return true;
  }

  /** Links a new client to the host `hostId`; throws `peer_unavailable` when there is none. */
  connect(hostId: string, options: LoopbackConnectOptions = {}): ClientTransport {
    const host = this.hosts.get(hostId);
    if (!host) throw new NetError('peer_unavailable', `no loopback host with id "${hostId}"`);
    const peerId = options.peerId ?? `peer-${this.nextPeer++}`;
    const link = new LoopbackLink(peerId, this.clock, this.rng, this.conditions, options);
    const client = new LoopbackClient(hostId, link, host);
    host.attach(link, client);
    return client;
  }

  /**
   * Breaks the link of `peerId` to host `hostId` as a failed network path does: both ends see it
   * end with `connection_lost`, and no goodbye crosses. False when there is no such link.
   */
  sever(hostId: string, peerId: string): boolean {
    return this.hosts.get(hostId)?.sever(peerId) ?? false;
  }

  /** The link of `peerId` to host `hostId`, to change its conditions mid-run. */
  link(hostId: string, peerId: string): LoopbackLink | undefined {
    return this.hosts.get(hostId)?.linkOf(peerId);
  }
}

/** In memory there is no ICE; the link behaves as a direct one. */
const IN_MEMORY_PAIR: CandidatePair = { local: 'host', remote: 'host' };

interface Attached {
  readonly link: LoopbackLink;
  readonly client: LoopbackClient;
}

class LoopbackHost implements HostTransport {
  private readonly events = new Emitter<HostTransportEvents>();
  private readonly attached = new Map<string, Attached>();
  private closed = false;

  constructor(
    readonly id: string,
    private readonly onClose: () => void,
  ) {}

  on<K extends keyof HostTransportEvents>(event: K, listener: (payload: HostTransportEvents[K]) => void): Unsubscribe {
    return this.events.on(event, listener);
  }

  attach(link: LoopbackLink, client: LoopbackClient): void {
    if (this.closed) throw new NetError('peer_unavailable', `loopback host "${this.id}" is closed`);
    if (this.attached.has(link.peerId)) throw new NetError('invalid_option', `peer id "${link.peerId}" is taken`);
    this.attached.set(link.peerId, { link, client });
    link.afterControlDelay('up', () => {
      if (this.attached.get(link.peerId)?.link === link) this.events.emit('peerJoined', { peerId: link.peerId });
    });
  }

  linkOf(peerId: string): LoopbackLink | undefined {
    return this.attached.get(peerId)?.link;
  }

  /** A message from a client arrives; false when that client is no longer here. */
  receive(link: LoopbackLink, channel: ChannelName, data: Uint8Array): boolean {
    if (this.attached.get(link.peerId)?.link !== link) return false;
    this.events.emit('message', { peerId: link.peerId, channel, data });
    return true;
  }

  /** The client said goodbye. */
  remoteClosed(link: LoopbackLink, message: string): void {
    if (this.attached.get(link.peerId)?.link !== link) return;
    this.attached.delete(link.peerId);
    this.events.emit('peerLeft', { peerId: link.peerId, reason: { code: 'closed', message } });
  }

  send(peerId: string, channel: ChannelName, data: Uint8Array): boolean {
    assertSendable(channel, data);
    const entry = this.attached.get(peerId);
    if (!entry) return false;
    return entry.link.transmit('down', channel, data, (copy) => entry.client.receive(channel, copy));
  }

  broadcast(channel: ChannelName, data: Uint8Array): number {
    let sent = 0;
    for (const peerId of this.attached.keys()) if (this.send(peerId, channel, data)) sent++;
    return sent;
  }

  disconnect(peerId: string, reason = 'disconnected by the host'): void {
    this.drop(peerId, { code: 'local', message: reason }, { code: 'closed', message: reason });
  }

  peers(): readonly string[] {
    return [...this.attached.keys()];
  }

  sever(peerId: string): boolean {
    const entry = this.attached.get(peerId);
    if (!entry) return false;
    const lost: LeaveReason = { code: 'connection_lost', message: 'the network path failed' };
    this.attached.delete(peerId);
    this.events.emit('peerLeft', { peerId, reason: lost });
    entry.client.remoteClosed(lost);
    return true;
  }

  stats(peerId: string): PeerStats | undefined {
    return this.attached.get(peerId)?.link.stats('down');
  }

  candidatePair(peerId: string): Promise<CandidatePair | undefined> {
    return Promise.resolve(this.attached.has(peerId) ? IN_MEMORY_PAIR : undefined);
  }

  /** Gone without a word: no new links, and each link fails as a broken network path does. */
  crash(): void {
    if (this.closed) return;
    this.closed = true;
    this.onClose();
    for (const peerId of [...this.attached.keys()]) this.sever(peerId);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const peerId of [...this.attached.keys()]) {
      this.drop(peerId, { code: 'local', message: 'the host closed' }, { code: 'closed', message: 'the host closed' });
    }
    this.onClose();
  }

  private drop(peerId: string, here: LeaveReason, there: LeaveReason): void {
    const entry = this.attached.get(peerId);
    if (!entry) return;
    this.attached.delete(peerId);
    this.events.emit('peerLeft', { peerId, reason: here });
    entry.link.afterControlDelay('down', () => entry.client.remoteClosed(there));
  }
}

class LoopbackClient implements ClientTransport {
  private readonly events = new Emitter<ClientTransportEvents>();
  private isOpen = true;

  constructor(
    readonly hostId: string,
    private readonly link: LoopbackLink,
    private readonly host: LoopbackHost,
  ) {}

  get id(): string {
    return this.link.peerId;
  }

  get open(): boolean {
    return this.isOpen;
  }

  on<K extends keyof ClientTransportEvents>(event: K, listener: (payload: ClientTransportEvents[K]) => void): Unsubscribe {
    return this.events.on(event, listener);
  }

  send(channel: ChannelName, data: Uint8Array): boolean {
    assertSendable(channel, data);
    if (!this.isOpen) {
      this.link.countDrop('up', channel);
      return false;
    }
    return this.link.transmit('up', channel, data, (copy) => this.host.receive(this.link, channel, copy));
  }

  receive(channel: ChannelName, data: Uint8Array): boolean {
    if (!this.isOpen) return false;
    this.events.emit('message', { channel, data });
    return true;
  }

  remoteClosed(reason: LeaveReason): void {
    if (!this.isOpen) return;
    this.isOpen = false;
    this.events.emit('closed', reason);
  }

  stats(): PeerStats {
    return this.link.stats('up');
  }

  candidatePair(): Promise<CandidatePair | undefined> {
    return Promise.resolve(this.isOpen ? IN_MEMORY_PAIR : undefined);
  }

  close(reason = 'client closed'): void {
    if (!this.isOpen) return;
    this.isOpen = false;
    this.events.emit('closed', { code: 'local', message: reason });
    this.link.afterControlDelay('up', () => this.host.remoteClosed(this.link, reason));
  }
}
