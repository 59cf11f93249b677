/** What the broker refused or dropped since it started; each limit has its own count. */
export interface BrokerCounters {
  /** WebSockets refused because their address already had `maxConnectionsPerIp` open. */
  connectionsOverLimit: number;
  /** WebSockets refused because their peer id was not issued by this broker (or one with its secret). */
  unissuedIds: number;
  /** WebSockets refused because another connection, on any broker sharing the Redis, holds their id under another token. */
  takenIds: number;
  /** Signaling messages for an absent peer dropped by the queue caps or because that id can never connect. */
  droppedSignals: number;
  /** Signaling messages dropped for not having the shape of tickwire's own (signal-shape.ts); each is a strike. */
  malformedSignals: number;
  /** Signaling messages dropped for going over their socket's rate; each is a strike. */
  rateLimitedSignals: number;
  /** Signaling sockets closed for reaching `maxSignalStrikes`. */
  struckOutSockets: number;
  /** Lobby lookups answered 429. */
  rateLimitedLookups: number;
  /** Lobby registrations refused because the token did not match the host's. */
  refusedRegistrations: number;
  /** Lobby takeovers refused for a successor's wrong token or a credential that does not hold. */
  refusedTakeovers: number;
}

export function zeroCounters(): BrokerCounters {
  return {
    connectionsOverLimit: 0,
    unissuedIds: 0,
    takenIds: 0,
    droppedSignals: 0,
    malformedSignals: 0,
    rateLimitedSignals: 0,
    struckOutSockets: 0,
    rateLimitedLookups: 0,
    refusedRegistrations: 0,
    refusedTakeovers: 0,
  };
}
