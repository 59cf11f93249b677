import type { PeerOptions } from 'peerjs';
import type { Clock } from '../../core/clock.js';
import { systemClock } from '../../core/clock.js';
import { NetError } from '../../core/net-error.js';
import { secretToken } from '../../core/secret-token.js';
import { fetchBrokerConfig } from './broker-client.js';
import { DEFAULT_BACKOFF, type Backoff } from '../../core/backoff.js';

/** How a PeerJS transport reaches the broker and the other peers. */
export interface PeerTransportOptions {
  /** The broker's base URL, such as `http://127.0.0.1:9000`. */
  readonly brokerUrl: string;
  /** ICE servers (STUN/TURN); the broker's `/api/config` list when left out. */
  readonly iceServers?: readonly RTCIceServer[];
  /** `'relay'` forces every link through TURN. */
  readonly iceTransportPolicy?: RTCIceTransportPolicy;
  /** How long opening or joining may take before it fails, in ms (default 20 000). */
  readonly connectTimeoutMs?: number;
  /** How often the RTT is measured, in ms (default 1000). */
  readonly pingIntervalMs?: number;
  /** Drives the transport's timers (default: the system clock). */
  readonly clock?: Clock;
  /**
   * Waits between tries at reaching the broker again after losing it, in ms: the first at most
   * `firstDelayMs` (default 500), doubling up to `maxDelayMs` (default 10 000), each with jitter.
   */
  readonly brokerReconnect?: { readonly firstDelayMs?: number; readonly maxDelayMs?: number };
}

export interface ResolvedPeerOptions {
  readonly brokerUrl: string;
  /** The secret this peer opens its signaling WebSocket with; it proves to the broker that the id is ours. */
  readonly token: string;
  readonly peer: PeerOptions;
  readonly backoff: Backoff;
  readonly clock: Clock;
  readonly connectTimeoutMs: number;
  readonly pingIntervalMs: number;
  readonly goodbyeTimeoutMs: number;
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!(value > 0) || !Number.isFinite(value)) throw new NetError('invalid_option', `${name} must be a finite number > 0, got ${value}`);
  return value;
}

function resolveBackoff(options: PeerTransportOptions['brokerReconnect']): Backoff {
  const firstMs = positive('brokerReconnect.firstDelayMs', options?.firstDelayMs, DEFAULT_BACKOFF.firstMs);
  const maxMs = positive('brokerReconnect.maxDelayMs', options?.maxDelayMs, Math.max(firstMs, DEFAULT_BACKOFF.maxMs));
  if (maxMs < firstMs) throw new NetError('invalid_option', `brokerReconnect.maxDelayMs (${maxMs}) must be at least firstDelayMs (${firstMs})`);
  return { firstMs, maxMs };
}

/**
 * Turns the options into PeerJS's own, asking the broker for its path, key and ICE servers. The ICE
 * servers always come from here, never from PeerJS's defaults (public hosts).
 */
export async function resolvePeerOptions(options: PeerTransportOptions): Promise<ResolvedPeerOptions> {
  let url: URL;
  try {
    url = new URL(options.brokerUrl);
  } catch (cause) {
    throw new NetError('invalid_option', `brokerUrl must be an absolute http(s) URL, got "${options.brokerUrl}"`, { cause });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new NetError('invalid_option', `brokerUrl must use http or https, got "${options.brokerUrl}"`);
  }
  const broker = await fetchBrokerConfig(url.toString());
  const secure = url.protocol === 'https:';
  // PeerJS's own token is `Math.random()` text, not a secret; lobby registration is checked against this one.
  const token = secretToken();
  const backoff = resolveBackoff(options.brokerReconnect);
  const config: RTCConfiguration = {
    iceServers: [...(options.iceServers ?? broker.iceServers)],
    ...(options.iceTransportPolicy ? { iceTransportPolicy: options.iceTransportPolicy } : {}),
  };
  return {
    brokerUrl: url.toString(),
    token,
    backoff,
    peer: {
      host: url.hostname,
      port: url.port ? Number(url.port) : secure ? 443 : 80,
      path: broker.peerPath,
      key: broker.peerKey,
      token,
      secure,
      config,
      debug: 0,
    },
    clock: options.clock ?? systemClock,
    connectTimeoutMs: positive('connectTimeoutMs', options.connectTimeoutMs, 20_000),
    pingIntervalMs: positive('pingIntervalMs', options.pingIntervalMs, 1000),
    goodbyeTimeoutMs: 1000,
  };
}
