/**
 * Keeps a PeerJS peer connected to the broker. When its signaling WebSocket drops (the broker
 * restarted, or the network blinked) PeerJS marks the peer `disconnected` and stops: its data
 * connections go on working, but it can make or take no new ones. This watch reports the loss
 * once, calls `peer.reconnect()` (same id, same token) after a backoff delay, and again after each
 * failed try, until the broker says OPEN; then it reports the peer restored. A broker that answers
 * with a refusal for good (broker-refusal.ts: it restarted with another secret, the id is taken)
 * ends the tries: the watch reports that once, as final, and stays down. Its timers run on the
 * transport's clock.
 */
import type { Clock, CancelTimer } from '../../core/clock.js';
import { NetError } from '../../core/net-error.js';
import { netErrorFromPeer } from './open-peer.js';
import { brokerRefusal, isBrokerRefusal, type PeerErrorLike } from './broker-refusal.js';
import { backoffDelay, type Backoff } from '../../core/backoff.js';

export interface BrokerWatchOptions {
  readonly clock: Clock;
  readonly backoff: Backoff;
  /** How long one try may take before it is given up and the next one scheduled, in ms. */
  readonly attemptTimeoutMs: number;
  /** A float in [0, 1) for the jitter. */
  readonly random: () => number;
  /** The broker connection dropped; `error` says how, as PeerJS saw it. */
  readonly onLost: (error: NetError) => void;
  /** The broker accepted the peer again, after `attempts` tries. */
  readonly onRestored: (attempts: number) => void;
  /** The broker refuses the peer for good (a `broker_refused` error): the watch has stopped trying. */
  readonly onRefused?: (error: NetError) => void;
}

/** What the watch uses of a PeerJS `Peer`. */
export interface WatchedPeer {
  readonly disconnected: boolean;
  readonly destroyed: boolean;
  on(event: 'error', listener: (error: PeerErrorLike) => void): unknown;
  on(event: 'disconnected' | 'open' | 'close', listener: () => void): unknown;
  reconnect(): void;
  disconnect(): void;
}

/** PeerJS error types that mean the signaling WebSocket is down, not that something else failed. */
const BROKER_ERROR_TYPES = new Set(['network', 'socket-error', 'socket-closed', 'server-error', 'disconnected']);

/** Whether a PeerJS error is about the broker connection, which the watch reports instead (as a loss, or a refusal for good). */
export function isBrokerError(error: PeerErrorLike): boolean {
  return (typeof error.type === 'string' && BROKER_ERROR_TYPES.has(error.type)) || isBrokerRefusal(error);
}

/** See the file comment. */
export class BrokerWatch {
  #down = false;
  #attempts = 0;
  #stopped = false;
  #lastError: NetError | undefined;
  #refusal: NetError | undefined;
  #cancel: CancelTimer = () => {};

  constructor(
    private readonly peer: WatchedPeer,
    private readonly options: BrokerWatchOptions,
  ) {
    // PeerJS reports the error before it marks the peer disconnected, so the loss can say why.
    peer.on('error', (error) => {
      const refusal = brokerRefusal(error);
      if (refusal) this.#refuse(refusal);
      else if (isBrokerError(error)) this.#lastError = netErrorFromPeer(error);
    });
    peer.on('disconnected', () => this.#onDisconnected());
    peer.on('open', () => this.#onOpen());
    peer.on('close', () => this.stop());
  }

  /** False from a loss until the broker accepts the peer again, and for good after a refusal. */
  get connected(): boolean {
    return !this.#down;
  }

  /** The final error, once the broker refused the peer for good. */
  get refusal(): NetError | undefined {
    return this.#refusal;
  }

  /** Ends the watch: no more tries, no more reports. */
  stop(): void {
    this.#stopped = true;
    this.#cancel();
  }

  /** PeerJS reports the refusal, then marks the peer disconnected: that must not schedule a try. */
  #refuse(error: NetError): void {
    if (this.#stopped || this.peer.destroyed) return;
    this.#down = true;
    this.#refusal = error;
    this.stop();
    this.options.onRefused?.(error);
  }

  #onDisconnected(): void {
    if (this.#stopped || this.peer.destroyed) return;
    if (!this.#down) {
      this.#down = true;
      this.#attempts = 0;
      this.options.onLost(this.#lastError ?? new NetError('broker_unreachable', 'lost the connection to the broker'));
    }
    const delay = backoffDelay(this.#attempts, this.options.backoff, this.options.random());
    this.#cancel();
    this.#cancel = this.options.clock.setTimer(delay, () => this.#retry());
  }

  #retry(): void {
    if (this.#stopped || this.peer.destroyed || !this.peer.disconnected) return;
    this.#attempts += 1;
    // Each failed try ends in another 'disconnected', which schedules the next one. A try that
    // neither opens nor fails (a WebSocket to a host that silently drops packets) is cut short.
    this.#cancel = this.options.clock.setTimer(this.options.attemptTimeoutMs, () => {
      if (this.#down && !this.peer.destroyed) this.peer.disconnect();
    });
    this.peer.reconnect();
  }

  #onOpen(): void {
    if (!this.#down || this.#stopped) return;
    this.#down = false;
    this.#lastError = undefined;
    this.#cancel();
    this.options.onRestored(this.#attempts);
  }
}
