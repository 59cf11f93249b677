/**
 * What the broker's settings are, and their defaults; config.ts reads them from flags and the
 * environment and checks them.
 */
import { fileURLToPath } from 'node:url';
import type { IceServerConfig } from './config-checks.js';

/** Everything the broker needs to start. */
export interface BrokerConfig {
  /** Interface to listen on; 127.0.0.1 keeps a development broker off the network. */
  readonly host: string;
  /** TCP port; 0 picks a free one (tests use it). */
  readonly port: number;
  /** Where the PeerServer is mounted, e.g. "/peerjs"; PeerJS clients pass the same value as `path`. */
  readonly peerPath: string;
  /** The PeerServer key; PeerJS clients pass the same value as `key`. */
  readonly peerKey: string;
  /** STUN/TURN servers handed to peers by `GET /api/config`. */
  readonly iceServers: readonly IceServerConfig[];
  /** Folder served at `/` (the built demo); undefined or missing means nothing is served there. */
  readonly staticDir: string | undefined;
  /**
   * Set behind one reverse proxy (a TLS terminator): the client address is the last X-Forwarded-For
   * entry, the one the proxy added. Unset, it is the socket's address and X-Forwarded-For is ignored.
   */
  readonly proxied: boolean;
  /**
   * The key that peer ids and lobby codes are derived with (HMAC-SHA256), at least 32 characters.
   * Undefined means a random one per process: a restarted broker then refuses every earlier peer id
   * and hands out different codes. Set it for games to survive a restart.
   */
  readonly secret: string | undefined;
  /** Largest signaling WebSocket message, in bytes; a larger one closes the socket (1009). */
  readonly maxMessageBytes: number;
  /** Open signaling WebSockets allowed from one client address. */
  readonly maxConnectionsPerIp: number;
  /**
   * Lobby lookups (`GET /api/lobbies/:code`), lists (`GET /api/lobbies`) and quick joins
   * (`POST /api/quick-join`), counted together, one client address may make per minute, in a burst or spread out.
   */
  readonly lookupsPerMinute: number;
  /** Signaling messages held for one peer id that is not connected (yet); beyond that they are dropped. */
  readonly maxQueuedPerPeer: number;
  /** Signaling messages held for all not-connected peer ids together. */
  readonly maxQueuedTotal: number;
  /** Signaling messages (heartbeats included) one socket may send per second, on average; more are dropped. */
  readonly signalsPerSecond: number;
  /** Signaling messages one socket may send at once, after a quiet spell. */
  readonly signalBurst: number;
  /** Dropped signaling messages (malformed or over the rate) after which the broker closes the socket. */
  readonly maxSignalStrikes: number;
  /**
   * A Redis that several brokers share (`redis://` or `rediss://`): lobbies, peer whereabouts,
   * lookup budgets and held messages live there, and signaling crosses brokers through it.
   * Undefined means this broker runs alone, in memory. Needs `secret`, the same on every broker.
   */
  readonly redisUrl: string | undefined;
  /** Prefix of every Redis key and channel, so deployments can share one Redis. */
  readonly redisPrefix: string;
}

/** The defaults: a local broker serving the demo built by `npm run build:demo`. */
export const DEFAULT_BROKER_CONFIG: BrokerConfig = Object.freeze({
  host: '127.0.0.1',
  port: 9000,
  peerPath: '/peerjs',
  peerKey: 'tickwire',
  iceServers: Object.freeze([]),
  // Resolved from this file rather than the working directory, so the broker finds the demo
  // wherever it is started from.
  staticDir: fileURLToPath(new URL('../../dist/demo', import.meta.url)),
  proxied: false,
  secret: undefined,
  maxMessageBytes: 16 * 1024,
  maxConnectionsPerIp: 64,
  lookupsPerMinute: 60,
  maxQueuedPerPeer: 32,
  maxQueuedTotal: 2048,
  // An honest socket sends, per connection, one offer or answer and a few to ~20 candidates, plus
  // a heartbeat every 5 s. The burst is sized for a host's worst moment, a broker restart or a host
  // migration, when all of a 16-player game reconnects at once and the host answers every one:
  // 16 × (1 answer + up to 24 candidates) = 400. The rate refills it in 8 s, far faster than
  // people join. A flooder gets the burst, then its next 50 messages (a few milliseconds) are
  // dropped and it is cut: one socket delivers at most the burst, plus 50 a second while it keeps
  // under the rate, to the peer it aims at, each message held to the shape check's bounds.
  signalsPerSecond: 50,
  signalBurst: 400,
  // An honest peer never sends a malformed message, and comes nowhere near the burst.
  maxSignalStrikes: 50,
  redisUrl: undefined,
  redisPrefix: 'tickwire:',
});
