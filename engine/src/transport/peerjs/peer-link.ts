/**
 * One WebRTC link opened by PeerJS, carrying tickwire's two channels.
 *
 * PeerJS brokers the RTCPeerConnection and opens its own reliable data channel, which this link
 * uses only for housekeeping (see meta-message.ts). Once that channel is open (so SCTP is up), each
 * side creates `control` and `state` as pre-negotiated channels with fixed stream ids: PeerJS's
 * `reliable: false` merely unorders its channel and still retransmits, so `state` is made here
 * with `maxRetransmits: 0`. A side says `ready` when its channels are open and the link is ready
 * when the other side has said so too, so no game byte is sent into a stream nobody listens on.
 *
 * Below the game's protocol the link is fenced too: housekeeping has a rate, and each message that
 * is malformed, over that rate, too large or not binary is refused and counted; past
 * {@link MAX_LINK_REFUSALS} the link is cut at once, so a flood costs its sender the link.
 */
import type { DataConnection } from 'peerjs';
import type { Clock, CancelTimer } from '../../core/clock.js';
import { TokenBucket } from '../../core/token-bucket.js';
import { Emitter, type Unsubscribe } from '../../core/emitter.js';
import { selectedCandidatePair, type CandidatePair } from '../candidate-pair.js';
import { CHANNEL_STREAM_IDS, CHANNELS, MAX_MESSAGE_BYTES, type ChannelName } from '../channels.js';
import { assertSendable } from '../limits.js';
import { ChannelCounters, RttEstimator, type PeerStats } from '../stats.js';
import type { IncomingMessage, LeaveReason } from '../transport.js';
import { parseMetaMessage, type MetaMessage } from './meta-message.js';

export interface PeerLinkEvents {
  /** Both sides' channels are open. */
  ready: undefined;
  message: IncomingMessage;
  /** The link ended; emitted once. */
  closed: LeaveReason;
  /** The connection underneath is gone too, after any goodbye went out; emitted once. */
  disposed: undefined;
}

export interface PeerLinkOptions {
  readonly clock: Clock;
  /** How often to measure the round trip. */
  readonly pingIntervalMs: number;
  /** How long a goodbye may take to be answered before the connection is cut. */
  readonly goodbyeTimeoutMs: number;
}

const CHANNEL_INIT: Readonly<Record<ChannelName, RTCDataChannelInit>> = {
  control: { negotiated: true, id: CHANNEL_STREAM_IDS.control, ordered: true },
  state: { negotiated: true, id: CHANNEL_STREAM_IDS.state, ordered: false, maxRetransmits: 0 },
};

/**
 * Housekeeping a link takes per second, and in a burst: an honest peer sends a ping and a pong a
 * second, plus one `ready` and one `bye` in its life.
 */
export const META_RATE = { perSecond: 20, burst: 40 } as const;
/** Messages refused below the game's protocol before the link is cut. */
export const MAX_LINK_REFUSALS = 20;

function toBytes(data: unknown): Uint8Array | undefined {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return undefined;
}

export class PeerLink {
  private readonly events = new Emitter<PeerLinkEvents>();
  private readonly channels: Partial<Record<ChannelName, RTCDataChannel>> = {};
  private readonly counters = { control: new ChannelCounters(), state: new ChannelCounters() };
  private readonly rtt = new RttEstimator();
  private remoteReady = false;
  private isReady = false;
  private ended = false;
  private cancelPing: CancelTimer | undefined;
  private disposed = false;
  private cancelGoodbye: CancelTimer | undefined;
  private readonly metaBucket: TokenBucket;
  private refusals = 0;

  constructor(
    readonly connection: DataConnection,
    private readonly options: PeerLinkOptions,
  ) {
    this.metaBucket = new TokenBucket(META_RATE.perSecond, META_RATE.burst, options.clock.now());
    connection.on('open', () => this.openChannels());
    connection.on('data', (data) => this.onMeta(data));
    connection.on('close', () => {
      this.lost('the connection closed without a goodbye');
      this.dispose();
    });
    // PeerJS closes a connection whose ICE failed while it was still opening without a `close`
    // event, only this error.
    connection.on('error', (error) => {
      if (connection.open) return;
      this.lost(`PeerJS: ${error.message || error.type}`);
      this.dispose();
    });
    if (connection.open) this.openChannels();
  }

  /** The other side's peer id. */
  get remoteId(): string {
    return this.connection.peer;
  }

  get ready(): boolean {
    return this.isReady && !this.ended;
  }

  on<K extends keyof PeerLinkEvents>(event: K, listener: (payload: PeerLinkEvents[K]) => void): Unsubscribe {
    return this.events.on(event, listener);
  }

  send(channel: ChannelName, data: Uint8Array): boolean {
    assertSendable(channel, data);
    const dc = this.channels[channel];
    if (!this.ready || !dc || dc.readyState !== 'open') {
      this.counters[channel].dropsOut++;
      return false;
    }
    try {
      dc.send(data as Uint8Array<ArrayBuffer>);
    } catch {
      this.counters[channel].dropsOut++;
      return false;
    }
    this.counters[channel].countOut(data.byteLength);
    return true;
  }

  /** Ends the link from this side, telling the other side why. */
  close(reason: string): void {
    if (this.ended) return;
    this.end({ code: 'local', message: reason });
    if (!this.connection.open) {
      this.connection.close();
      return;
    }
    this.sendMeta({ t: 'bye', reason });
    // The other side closes on hearing the goodbye; cut the connection if it does not.
    this.cancelGoodbye = this.options.clock.setTimer(this.options.goodbyeTimeoutMs, () => this.connection.close());
  }

  stats(): PeerStats {
    const channelStats = (name: ChannelName) => {
      const dc = this.channels[name];
      const init = CHANNEL_INIT[name];
      return this.counters[name].snapshot(
        dc?.ordered ?? init.ordered ?? true,
        dc ? dc.maxRetransmits : (init.maxRetransmits ?? null),
        dc?.bufferedAmount ?? 0,
      );
    };
    return { rttMs: this.rtt.value, channels: { control: channelStats('control'), state: channelStats('state') }, refused: this.refusals };
  }

  /**
   * True when the connection underneath is dead while the link is still opening. node-datachannel
   * can close a connection on its own, with no event left to say so, so an opening link is polled.
   */
  broken(): boolean {
    const pc = this.connection.peerConnection as RTCPeerConnection | undefined;
    if (this.ended) return true;
    if (!pc) return false;
    return pc.iceConnectionState === 'failed' || pc.iceConnectionState === 'closed' || pc.connectionState === 'failed' || pc.connectionState === 'closed';
  }

  /** Where the link is stuck, for an error message: ICE state, PeerJS channel, our channels. */
  describe(): string {
    const pc = this.connection.peerConnection as RTCPeerConnection | undefined;
    const channels = CHANNELS.map((name) => `${name} ${this.channels[name]?.readyState ?? 'not created'}`).join(', ');
    const ice = pc ? `ICE ${pc.iceConnectionState}, signaling ${pc.signalingState}` : 'no peer connection yet';
    return `${ice}, PeerJS channel ${this.connection.open ? 'open' : 'not open'}, ${channels}, other side ${this.remoteReady ? 'ready' : 'not ready'}`;
  }

  /** The selected ICE candidate pair, read from `getStats()`. */
  async candidatePair(): Promise<CandidatePair | undefined> {
    if (this.ended) return undefined;
    try {
      return selectedCandidatePair(await this.connection.peerConnection.getStats());
    } catch {
      return undefined;
    }
  }

  private openChannels(): void {
    if (this.ended || this.channels.control) return;
    const pc = this.connection.peerConnection;
    for (const name of CHANNELS) {
      const dc = pc.createDataChannel(`tickwire-${name}`, CHANNEL_INIT[name]);
      dc.binaryType = 'arraybuffer';
      dc.addEventListener('open', () => this.onChannelOpen());
      dc.addEventListener('message', (event: MessageEvent<unknown>) => this.onData(name, event.data));
      dc.addEventListener('close', () => this.lost(`the ${name} channel closed`));
      this.channels[name] = dc;
    }
  }

  private localOpen(): boolean {
    return CHANNELS.every((name) => this.channels[name]?.readyState === 'open');
  }

  private onChannelOpen(): void {
    if (this.ended || !this.localOpen()) return;
    this.sendMeta({ t: 'ready' });
    this.checkReady();
  }

  private checkReady(): void {
    if (this.isReady || this.ended || !this.remoteReady || !this.localOpen()) return;
    this.isReady = true;
    this.schedulePing();
    this.events.emit('ready', undefined);
  }

  private onData(channel: ChannelName, data: unknown): void {
    if (this.ended) return;
    const bytes = toBytes(data);
    if (!bytes || bytes.byteLength > MAX_MESSAGE_BYTES[channel]) {
      this.counters[channel].dropsIn++;
      this.refuse(bytes ? `a ${channel} message over ${MAX_MESSAGE_BYTES[channel]} bytes` : `a ${channel} message that is not binary`);
      return;
    }
    // The other side sends only after hearing our `ready`, so its bytes prove it is ready too,
    // even when they overtake its own `ready` on the way.
    this.remoteReady = true;
    this.checkReady();
    if (!this.isReady) {
      this.counters[channel].dropsIn++;
      return;
    }
    this.counters[channel].countIn(bytes.byteLength);
    this.events.emit('message', { channel, data: bytes });
  }

  private onMeta(data: unknown): void {
    if (this.ended) return;
    if (!this.metaBucket.take(this.options.clock.now())) {
      this.refuse(`housekeeping over ${META_RATE.perSecond} messages a second`);
      return;
    }
    const meta = parseMetaMessage(data);
    if (!meta) {
      this.refuse('a malformed housekeeping message');
      return;
    }
    switch (meta.t) {
      case 'ready':
        this.remoteReady = true;
        this.checkReady();
        return;
      case 'bye':
        this.end({ code: 'closed', message: meta.reason });
        this.connection.close();
        return;
      case 'ping':
        this.sendMeta({ t: 'pong', at: meta.at });
        return;
      case 'pong': {
        const sample = this.options.clock.now() - meta.at;
        if (sample >= 0) this.rtt.add(sample);
        return;
      }
    }
  }

  private sendMeta(message: MetaMessage): void {
    try {
      void this.connection.send(message);
    } catch {
      // The connection is closing; its close event ends the link.
    }
  }

  private schedulePing(): void {
    // Closing a peer connection fires no event on its channels, nor a `close` from PeerJS: looked
    // for here, so a link whose connection went away ends within a ping interval, not a timeout.
    if (this.broken() || !this.localOpen()) {
      this.lost(`the peer connection ended (${this.describe()})`);
      return;
    }
    this.sendMeta({ t: 'ping', at: this.options.clock.now() });
    this.cancelPing = this.options.clock.setTimer(this.options.pingIntervalMs, () => this.schedulePing());
  }

  /** Counts a refused message; past the limit the link is cut without waiting for a goodbye. */
  private refuse(what: string): void {
    if (++this.refusals <= MAX_LINK_REFUSALS) return;
    this.end({ code: 'local', message: `cut after ${this.refusals} refused messages (the last: ${what})` });
    this.connection.close();
  }

  private dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    // The other side hung up on hearing the goodbye: nothing left to cut, and no timer to keep a process alive.
    this.cancelGoodbye?.();
    this.events.emit('disposed', undefined);
  }

  private lost(message: string): void {
    if (this.ended) return;
    this.end({ code: 'connection_lost', message });
    this.connection.close();
  }

  private end(reason: LeaveReason): void {
    if (this.ended) return;
    this.ended = true;
    this.cancelPing?.();
    this.events.emit('closed', reason);
  }
}
