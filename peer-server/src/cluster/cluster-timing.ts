/**
 * How long shared state lives in Redis without renewal, and how often brokers renew and sweep it.
 * Every broker renews its peers (and their lobbies) every `heartbeatMs`; a broker that dies stops
 * renewing, and what it held expires on its own.
 */
import { DEFAULT_VACANCY_MS } from '../vacated-lobbies.js';

export interface ClusterTiming {
  /** A peer's whereabouts, renewed while its socket is open. Three heartbeats, so a slow one costs nothing. */
  readonly presenceTtlMs: number;
  /**
   * A lobby, renewed while its host is connected to any broker. Long enough for a host whose broker
   * died to reach another one through its reconnect backoff (at most 10 s between tries) and claim it back.
   */
  readonly lobbyTtlMs: number;
  /**
   * How long a lobby opened with host migration is kept, vacated, once its host's socket closes,
   * for a successor to take it over (its keys' TTL is set to this). A host whose broker died is
   * not released: its lobby is vacated from when its presence expires until the lobby's own TTL.
   */
  readonly vacancyMs: number;
  /** How often a broker renews its peers and lobbies. */
  readonly heartbeatMs: number;
  /** How long signals are held for a peer connected to no broker: PeerServer's own `expire_timeout` (the broker passes it). */
  readonly heldMs: number;
  /** How often a broker looks for held signals that expired (and tells their senders). */
  readonly sweepMs: number;
}

export const DEFAULT_CLUSTER_TIMING: ClusterTiming = Object.freeze({
  presenceTtlMs: 15_000,
  lobbyTtlMs: 30_000,
  vacancyMs: DEFAULT_VACANCY_MS,
  heartbeatMs: 5_000,
  heldMs: 5_000,
  sweepMs: 1_000,
});
