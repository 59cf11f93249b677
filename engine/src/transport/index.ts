export type { ChannelName } from './channels.js';
export type { ChannelStats, PeerStats } from './stats.js';
export type { CandidatePair, CandidateType } from './candidate-pair.js';
export type {
  BrokerEvents,
  ClientTransport,
  ClientTransportEvents,
  HostTransport,
  HostTransportEvents,
  IncomingMessage,
  LeaveCode,
  LeaveReason,
} from './transport.js';
export { LoopbackNetwork } from './loopback/loopback-network.js';
export type { LoopbackConnectOptions, LoopbackNetworkOptions } from './loopback/loopback-network.js';
export { PERFECT_LINK, linkConditions } from './loopback/link-conditioner.js';
export type { LinkConditions } from './loopback/link-conditioner.js';
export type { LinkSetup, LoopbackLink } from './loopback/loopback-link.js';
export { fetchBrokerConfig, resolveLobby } from './peerjs/broker-client.js';
export type { BrokerConfig } from './peerjs/broker-client.js';
export { createLobby, openPeerHost } from './peerjs/peerjs-host.js';
export type { PeerHostOptions, PeerHostTransport } from './peerjs/peerjs-host.js';
export { connectPeerClient, joinPeerLobby } from './peerjs/peerjs-client.js';
export type { PeerClientOptions } from './peerjs/peerjs-client.js';
export type { PeerTransportOptions } from './peerjs/peer-options.js';
export { conditionClient, conditionHost } from './conditioned.js';
export type { ConditionOptions, Conditioned } from './conditioned.js';
