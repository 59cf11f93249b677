import type { Unsubscribe } from '../core/emitter.js';
import type { NetError } from '../core/net-error.js';
import type { CandidatePair } from './candidate-pair.js';
import type { ChannelName } from './channels.js';
import type { PeerStats } from './stats.js';

/** Why a peer link ended. */
export type LeaveCode =
  /** The other side closed the link on purpose; `message` carries its own reason. */
  | 'closed'
  /** This side closed the link: `disconnect()` on the host, `close()` on the client. */
  | 'local'
  /** The network path failed (ICE failed or the channels closed without a goodbye). */
  | 'connection_lost'
  /** Nothing arrived from the other side for too long. */
  | 'timeout';

/** Why a link ended: a code to act on and a message for people. */
export interface LeaveReason {
  readonly code: LeaveCode;
  /** Human-readable detail, such as the reason the other side gave. */
  readonly message: string;
}

/** Bytes that arrived on a channel. */
export interface IncomingMessage {
  readonly channel: ChannelName;
  readonly data: Uint8Array;
}

/**
 * The connection to the broker, for transports that have one (PeerJS); the loopback never emits these.
 * Links that are open keep working without the broker; only new connections need it.
 */
export interface BrokerEvents {
  /**
   * The connection to the broker dropped. Nobody new can join until `brokerRestored`; the transport
   * reconnects on its own, with backoff, under the same id, until the broker takes it back or
   * refuses it for good (`brokerRefused`).
   */
  brokerLost: NetError;
  /** The broker accepted this peer again after `attempts` tries (a host's lobby is registered again too). */
  brokerRestored: { readonly attempts: number };
  /**
   * Final: the broker refuses this peer's id for good (a `broker_refused` error saying why: it
   * restarted with another secret, or another peer holds the id), and the transport has stopped
   * trying. Open links go on; nobody new can reach this peer, and a host's lobby code leads nowhere.
   * To take new players, host again (a new id and a new code). A client loses nothing: its way
   * back after a failed link is a new peer, which the broker gives a new id.
   */
  brokerRefused: NetError;
}

/**
 * A host's standing with the broker ({@link BrokerEvents}) and its lobby code, for transports that
 * hold one (PeerJS); `hostGame` passes them on.
 */
export interface LobbyEvents extends BrokerEvents {
  /**
   * The broker gave this host another lobby code when it registered again (after the broker came
   * back): the old code leads nowhere, so show `code` to the players from now on.
   */
  lobbyCodeChanged: { readonly code: string; readonly previous: string };
}

/** The events of a {@link HostTransport}: peers joining and leaving, and what they send. */
export interface HostTransportEvents extends BrokerEvents {
  /** A peer's channels are open both ways: it can be sent to now. */
  peerJoined: { readonly peerId: string };
  /** A peer's link ended; it is gone from `peers()`. */
  peerLeft: { readonly peerId: string; readonly reason: LeaveReason };
  /** A message from a peer. */
  message: IncomingMessage & { readonly peerId: string };
  /** Something went wrong that did not end the host (a failed incoming connection, the broker). */
  error: NetError;
}

/**
 * The host side: accepts peers and sends to one or all of them. It moves bytes and knows nothing of
 * what they mean.
 */
export interface HostTransport {
  /** The id clients connect to (for PeerJS, the broker-assigned peer id). */
  readonly id: string;
  on<K extends keyof HostTransportEvents>(event: K, listener: (payload: HostTransportEvents[K]) => void): Unsubscribe;
  /**
   * Sends to one peer. Returns false, and counts a drop, when the peer is gone or its channel is
   * not open. Throws a `NetError` (`message_too_large`) for a message over the channel's limit.
   */
  send(peerId: string, channel: ChannelName, data: Uint8Array): boolean;
  /** Sends to every joined peer; returns how many it was sent to. */
  broadcast(channel: ChannelName, data: Uint8Array): number;
  /** Ends a peer's link, telling it why. */
  disconnect(peerId: string, reason?: string): void;
  /** Ids of the peers that have joined and not left. */
  peers(): readonly string[];
  stats(peerId: string): PeerStats | undefined;
  /** How a peer's bytes travel (host, srflx or relay), from the connection's own statistics. */
  candidatePair(peerId: string): Promise<CandidatePair | undefined>;
  /** Ends every link and stops accepting peers. */
  close(): void;
}

/** The events of a {@link ClientTransport}: what arrives from the host, and the link's end. */
export interface ClientTransportEvents extends BrokerEvents {
  /** A message from the host. */
  message: IncomingMessage;
  /** The link to the host ended; nothing more arrives. */
  closed: LeaveReason;
  /** Something went wrong that did not end the link. */
  error: NetError;
}

/** The client side: one link to one host. */
export interface ClientTransport {
  /** This client's own id: the one the host's events name it by. */
  readonly id: string;
  /** The id of the host this client is linked to. */
  readonly hostId: string;
  on<K extends keyof ClientTransportEvents>(event: K, listener: (payload: ClientTransportEvents[K]) => void): Unsubscribe;
  /** As {@link HostTransport.send}, to the host. */
  send(channel: ChannelName, data: Uint8Array): boolean;
  /** True until the link ends. */
  readonly open: boolean;
  stats(): PeerStats;
  /** How the bytes to the host travel (host, srflx or relay). */
  candidatePair(): Promise<CandidatePair | undefined>;
  /** Ends the link, telling the host why. */
  close(reason?: string): void;
}
