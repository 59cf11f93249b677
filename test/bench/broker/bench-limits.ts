/**
 * The broker limits the broker bench raises, and why: with the defaults a relay socket would be
 * cut within a second (it sends thousands of signals a second, far past what an honest peer
 * sends), so the figures would measure the guard rather than the relay. Each is set through its
 * TICKWIRE_* variable, as an operator would, and listed in the printed table.
 */
import { DEFAULT_BROKER_CONFIG } from '../../../peer-server/src/config-defaults.js';

export interface RaisedLimit {
  /** The broker setting (BrokerConfig key). */
  readonly setting: 'signalsPerSecond' | 'signalBurst' | 'maxConnectionsPerIp' | 'lookupsPerMinute';
  /** The environment variable that sets it. */
  readonly variable: string;
  /** Its default. */
  readonly normal: number;
  /** What the bench runs with (the most each setting accepts, or far past what is needed). */
  readonly bench: number;
  /** What would hit it otherwise. */
  readonly why: string;
}

export const RAISED_LIMITS: readonly RaisedLimit[] = [
  {
    setting: 'signalsPerSecond',
    variable: 'TICKWIRE_SIGNALS_PER_SECOND',
    normal: DEFAULT_BROKER_CONFIG.signalsPerSecond,
    bench: 100_000,
    why: 'each sender socket sends thousands of candidates a second',
  },
  {
    setting: 'signalBurst',
    variable: 'TICKWIRE_SIGNAL_BURST',
    normal: DEFAULT_BROKER_CONFIG.signalBurst,
    bench: 1_000_000,
    why: 'the first window of messages leaves every sender at once',
  },
  {
    setting: 'maxConnectionsPerIp',
    variable: 'TICKWIRE_MAX_CONNECTIONS_PER_IP',
    normal: DEFAULT_BROKER_CONFIG.maxConnectionsPerIp,
    bench: 4096,
    why: 'every socket comes from 127.0.0.1 (64 on the lone broker)',
  },
  {
    setting: 'lookupsPerMinute',
    variable: 'TICKWIRE_LOOKUPS_PER_MINUTE',
    normal: DEFAULT_BROKER_CONFIG.lookupsPerMinute,
    bench: 1_000_000,
    why: 'every joiner looks the code up from 127.0.0.1',
  },
];

/** The variables that raise the limits, for a broker process's environment. */
export function raisedLimitsEnv(): Record<string, string> {
  return Object.fromEntries(RAISED_LIMITS.map((limit) => [limit.variable, String(limit.bench)]));
}
