/**
 * A real transport with a simulated bad network in front of it: this peer's outgoing and incoming
 * messages are delayed, jittered and (on `state`) dropped by link conditioners, as the loopback
 * transport does, so a player can feel what 200 ms and 10% loss do to the game while really
 * playing over WebRTC. Conditions apply in each direction (latency is added each way) and can
 * change at any time; with the perfect link, messages pass straight through.
 */
import { systemClock, type Clock } from '../core/clock.js';
import { Emitter, type Unsubscribe } from '../core/emitter.js';
import { createRng } from '../core/rng.js';
import type { CandidatePair } from './candidate-pair.js';
import type { ChannelName } from './channels.js';
import { assertSendable } from './limits.js';
import { LinkConditioner, linkConditions, PERFECT_LINK, type LinkConditions } from './loopback/link-conditioner.js';
import type { PeerStats } from './stats.js';
import type { ClientTransport, ClientTransportEvents, HostTransport, HostTransportEvents } from './transport.js';

/** What `conditionHost` and `conditionClient` take: the link conditions and the clock that delays by them. */
export interface ConditionOptions {
  /** Drives the delays (default: the system clock). */
  readonly clock?: Clock;
  /** Seed of the loss and jitter draws. */
  readonly seed?: number;
  /** Starting conditions (default: the perfect link). */
  readonly conditions?: Partial<LinkConditions>;
}

/** A conditioned transport and the knob that changes its conditions. */
export interface Conditioned<T> {
  readonly transport: T;
  /** The conditions now, in each direction. */
  readonly conditions: LinkConditions;
  setConditions(conditions: Partial<LinkConditions>): void;
}

/** Both directions of one simulated link. */
class ConditionedLink {
  private readonly out: LinkConditioner;
  private readonly in: LinkConditioner;
  private perfect: boolean;

  constructor(
    private readonly clock: Clock,
    seed: number,
    conditions: Partial<LinkConditions>,
  ) {
    const rng = createRng(seed);
    this.out = new LinkConditioner(rng, conditions);
    this.in = new LinkConditioner(rng, conditions);
    this.perfect = isPerfect(this.out.current);
  }

  get conditions(): LinkConditions {
    return this.out.current;
  }

  set(conditions: Partial<LinkConditions>): void {
    this.out.update(conditions);
    this.in.update(conditions);
    this.perfect = isPerfect(this.out.current);
  }

  /** Hands `data` to `deliver` when (and as often as) the simulated link delivers it. */
  pass(direction: 'out' | 'in', channel: ChannelName, data: Uint8Array, deliver: (data: Uint8Array) => void): boolean {
    if (this.perfect) {
      deliver(data);
      return true;
    }
    const conditioner = direction === 'out' ? this.out : this.in;
    const now = this.clock.now();
    if (channel === 'state' && conditioner.queueFull(now, data.byteLength)) return false;
    // The caller may reuse its buffer once this returns: keep a copy for later (a copy made as a
    // Uint8Array's is: a Node Buffer's slice() is only a view).
    const copy = new Uint8Array(data);
    for (const at of conditioner.schedule(now, data.byteLength, channel === 'control')) {
      this.clock.setTimer(at - now, () => deliver(copy));
    }
    return true;
  }
}

function isPerfect(c: LinkConditions): boolean {
  return c.latencyMs === 0 && c.jitterMs === 0 && c.loss === 0 && c.duplication === 0 && c.reorder === 0 && c.bandwidthBytesPerSec === Infinity;
}

class ConditionedClient implements ClientTransport {
  private readonly events = new Emitter<ClientTransportEvents>();

  constructor(
    private readonly inner: ClientTransport,
    private readonly link: ConditionedLink,
  ) {
    inner.on('message', ({ channel, data }) => link.pass('in', channel, data, (d) => this.events.emit('message', { channel, data: d })));
    inner.on('closed', (reason) => this.events.emit('closed', reason));
    inner.on('error', (error) => this.events.emit('error', error));
    inner.on('brokerLost', (error) => this.events.emit('brokerLost', error));
    inner.on('brokerRestored', (event) => this.events.emit('brokerRestored', event));
    inner.on('brokerRefused', (error) => this.events.emit('brokerRefused', error));
  }

  get id(): string {
    return this.inner.id;
  }

  get hostId(): string {
    return this.inner.hostId;
  }

  get open(): boolean {
    return this.inner.open;
  }

  on<K extends keyof ClientTransportEvents>(event: K, listener: (payload: ClientTransportEvents[K]) => void): Unsubscribe {
    return this.events.on(event, listener);
  }

  send(channel: ChannelName, data: Uint8Array): boolean {
    assertSendable(channel, data);
    return this.link.pass('out', channel, data, (d) => this.inner.send(channel, d));
  }

  stats(): PeerStats {
    return this.inner.stats();
  }

  candidatePair(): Promise<CandidatePair | undefined> {
    return this.inner.candidatePair();
  }

  close(reason?: string): void {
    this.inner.close(reason);
  }
}

class ConditionedHost implements HostTransport {
  private readonly events = new Emitter<HostTransportEvents>();

  constructor(
    private readonly inner: HostTransport,
    private readonly link: ConditionedLink,
  ) {
    inner.on('message', ({ peerId, channel, data }) =>
      link.pass('in', channel, data, (d) => this.events.emit('message', { peerId, channel, data: d })),
    );
    inner.on('peerJoined', (event) => this.events.emit('peerJoined', event));
    inner.on('peerLeft', (event) => this.events.emit('peerLeft', event));
    inner.on('error', (error) => this.events.emit('error', error));
    inner.on('brokerLost', (error) => this.events.emit('brokerLost', error));
    inner.on('brokerRestored', (event) => this.events.emit('brokerRestored', event));
    inner.on('brokerRefused', (error) => this.events.emit('brokerRefused', error));
  }

  get id(): string {
    return this.inner.id;
  }

  on<K extends keyof HostTransportEvents>(event: K, listener: (payload: HostTransportEvents[K]) => void): Unsubscribe {
    return this.events.on(event, listener);
  }

  send(peerId: string, channel: ChannelName, data: Uint8Array): boolean {
    assertSendable(channel, data);
    return this.link.pass('out', channel, data, (d) => this.inner.send(peerId, channel, d));
  }

  broadcast(channel: ChannelName, data: Uint8Array): number {
    let sent = 0;
    for (const peerId of this.inner.peers()) if (this.send(peerId, channel, data)) sent++;
    return sent;
  }

  disconnect(peerId: string, reason?: string): void {
    this.inner.disconnect(peerId, reason);
  }

  peers(): readonly string[] {
    return this.inner.peers();
  }

  stats(peerId: string): PeerStats | undefined {
    return this.inner.stats(peerId);
  }

  candidatePair(peerId: string): Promise<CandidatePair | undefined> {
    return this.inner.candidatePair(peerId);
  }

  close(): void {
    this.inner.close();
  }
}

function conditioned<T>(make: (link: ConditionedLink) => T, options: ConditionOptions): Conditioned<T> {
  const link = new ConditionedLink(options.clock ?? systemClock, options.seed ?? 1, linkConditions({ ...PERFECT_LINK, ...options.conditions }));
  return {
    transport: make(link),
    get conditions() {
      return link.conditions;
    },
    setConditions: (conditions) => link.set(conditions),
  };
}

/** Puts a simulated network between a client and its real transport. */
export function conditionClient(transport: ClientTransport, options: ConditionOptions = {}): Conditioned<ClientTransport> {
  return conditioned((link) => new ConditionedClient(transport, link), options);
}

/** Puts a simulated network between a host and its real transport (one link for all its peers). */
export function conditionHost(transport: HostTransport, options: ConditionOptions = {}): Conditioned<HostTransport> {
  return conditioned((link) => new ConditionedHost(transport, link), options);
}
