/**
 * The client side over PeerJS: one link to one host, ready once both channels are open both ways.
 * Opening a WebRTC connection sometimes fails for reasons that a second try does not share (a
 * connection that dies while ICE is still gathering, a burst of load); the client retries with a
 * fresh connection until the connect timeout runs out. Once linked, losing the broker does not
 * matter to the link; the client reconnects to the broker with backoff all the same, until the
 * broker takes it back or refuses its id for good (`brokerRefused`, which ends nothing else).
 */
import type { Peer } from 'peerjs';
import { Emitter, type Unsubscribe } from '../../core/emitter.js';
import { isNetError, NetError } from '../../core/net-error.js';
import type { CandidatePair } from '../candidate-pair.js';
import type { ChannelName } from '../channels.js';
import type { PeerStats } from '../stats.js';
import type { ClientTransport, ClientTransportEvents } from '../transport.js';
import { resolveLobby } from './broker-client.js';
import { BrokerWatch, isBrokerError } from './broker-watch.js';
import { META_SERIALIZATION } from './meta-connection.js';
import { isFatalPeerError, netErrorFromPeer, openPeer } from './open-peer.js';
import { PeerLink } from './peer-link.js';
import { resolvePeerOptions, type PeerTransportOptions, type ResolvedPeerOptions } from './peer-options.js';
import { SignalingFence } from './signaling-fence.js';

/** The longest one attempt may take before a fresh connection is tried. */
const ATTEMPT_MS = 5000;
/** How often an opening link is checked for a connection that died silently. */
const WATCHDOG_MS = 200;

class PeerJsClient implements ClientTransport {
  private readonly events = new Emitter<ClientTransportEvents>();
  /** Kept from the start: PeerJS forgets `peer.id` while it is disconnected from the broker. */
  readonly id: string;

  constructor(
    private readonly peer: Peer,
    private readonly link: PeerLink,
    options: ResolvedPeerOptions,
  ) {
    this.id = peer.id;
    const watch = new BrokerWatch(peer, {
      clock: options.clock,
      backoff: options.backoff,
      attemptTimeoutMs: options.connectTimeoutMs,
      random: Math.random,
      onLost: (error) => this.events.emit('brokerLost', error),
      onRestored: (attempts) => this.events.emit('brokerRestored', { attempts }),
      onRefused: (error) => this.events.emit('brokerRefused', error),
    });
    link.on('message', (message) => this.events.emit('message', message));
    link.on('closed', (reason) => this.events.emit('closed', reason));
    link.on('disposed', () => {
      watch.stop();
      this.peer.destroy();
    });
    this.peer.on('error', (error) => {
      if (!isBrokerError(error)) this.events.emit('error', netErrorFromPeer(error));
    });
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

/** What `connectPeerClient` takes: the broker options and the host's peer id. */
export interface PeerClientOptions extends PeerTransportOptions {
  /** The host's peer id; see {@link joinPeerLobby} to start from a lobby code. */
  readonly hostId: string;
}

/** One try at a link: resolves when it is ready, rejects when it fails or takes longer than `timeoutMs`. */
function openLink(peer: Peer, hostId: string, resolved: ResolvedPeerOptions, timeoutMs: number): Promise<PeerLink> {
  const connection = peer.connect(hostId, { reliable: true, serialization: META_SERIALIZATION });
  const link = new PeerLink(connection, resolved);
  const { clock } = resolved;
  return new Promise<PeerLink>((resolve, reject) => {
    const warnings: string[] = [];
    let cancelWatchdog = () => {};
    const finish = (error?: NetError) => {
      cancelTimeout();
      cancelWatchdog();
      stopReady();
      stopClosed();
      peer.off('error', onError);
      if (!error) return resolve(link);
      link.close(error.message);
      reject(error);
    };
    const cancelTimeout = clock.setTimer(timeoutMs, () => {
      const detail = [link.describe(), ...warnings].join('; ');
      finish(new NetError('connection_failed', `the link to host ${hostId} did not open within ${timeoutMs} ms (${detail})`));
    });
    const watch = () => {
      if (link.broken()) finish(new NetError('connection_failed', `the connection to host ${hostId} died while opening (${link.describe()})`));
      else cancelWatchdog = clock.setTimer(WATCHDOG_MS, watch);
    };
    cancelWatchdog = clock.setTimer(WATCHDOG_MS, watch);
    const stopReady = link.on('ready', () => finish());
    const stopClosed = link.on('closed', (reason) => finish(new NetError('connection_failed', `the link to host ${hostId} closed while opening: ${reason.message}`)));
    const onError = (error: { type?: unknown; message?: unknown }) => {
      if (isFatalPeerError(error)) finish(netErrorFromPeer(error));
      else warnings.push(netErrorFromPeer(error).message);
    };
    peer.on('error', onError);
  });
}

/** Connects to a host by its peer id and resolves once both channels are open both ways. */
export async function connectPeerClient(options: PeerClientOptions): Promise<ClientTransport> {
  const resolved = await resolvePeerOptions(options);
  // A client takes no offers, and hears of no peer but its host.
  const fence = new SignalingFence();
  fence.policy = { acceptOffer: () => false, knows: (src) => src === options.hostId, refused: () => {} };
  const peer = await openPeer(resolved, fence);
  const { clock, connectTimeoutMs } = resolved;
  const deadline = clock.now() + connectTimeoutMs;
  const failures: string[] = [];
  for (let remaining = connectTimeoutMs; remaining > 0; remaining = deadline - clock.now()) {
    try {
      return new PeerJsClient(peer, await openLink(peer, options.hostId, resolved, Math.min(remaining, ATTEMPT_MS)), resolved);
    } catch (error) {
      if (!isNetError(error, 'connection_failed')) {
        peer.destroy();
        throw error;
      }
      failures.push(error.message);
    }
  }
  peer.destroy();
  throw new NetError(
    'connection_failed',
    `could not open a link to host ${options.hostId} within ${connectTimeoutMs} ms, in ${failures.length} attempts: ${failures.join(' / ')}`,
  );
}

/** Resolves a lobby code with the broker, then connects to its host. */
export async function joinPeerLobby(options: PeerTransportOptions & { readonly code: string }): Promise<ClientTransport> {
  const hostId = await resolveLobby(options.brokerUrl, options.code);
  return connectPeerClient({ ...options, hostId });
}
