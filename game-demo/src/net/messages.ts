/**
 * The demo's own game messages, declared once for host and clients, with the checks the engine
 * runs on every payload that arrives (plain data from another machine): one that fails is dropped
 * and counted as invalid, so the sessions only ever see typed values.
 *
 * - `lobby` (reliable, host to client): the lobby's settings and whether the match has started.
 * - `netstats` (sequenced, both ways, every second): how many `state` messages this side sent to
 *   the other and received from it. Each side compares the other's "received" with its own "sent"
 *   to get its outgoing loss, and the other's "sent" with its own "received" for incoming loss.
 */
import { message, type SnapshotReliability } from 'tickwire';

/** What the host tells each player about the lobby. */
export interface LobbyInfo {
  readonly tickRate: number;
  readonly snapshotRate: number;
  readonly snapshotReliability: SnapshotReliability;
  readonly maxPlayers: number;
  /** Whether the host has started the match. */
  readonly started: boolean;
}

/** One side's `state` channel counters towards the other, and (from a client) its RTT. */
export interface NetReport {
  readonly stateSent: number;
  readonly stateReceived: number;
  readonly rttMs?: number;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

const count = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

export function isLobbyInfo(payload: unknown): payload is LobbyInfo {
  const p = record(payload);
  if (!p) return false;
  const { tickRate, snapshotRate, snapshotReliability, maxPlayers, started } = p;
  if (!count(tickRate) || !count(snapshotRate) || !count(maxPlayers) || typeof started !== 'boolean') return false;
  return snapshotReliability === 'reliable' || snapshotReliability === 'unreliable';
}

export function isNetReport(payload: unknown): payload is NetReport {
  const p = record(payload);
  if (!p || !count(p.stateSent) || !count(p.stateReceived)) return false;
  const rtt = p.rttMs;
  return rtt === undefined || (typeof rtt === 'number' && Number.isFinite(rtt) && rtt >= 0 && rtt < 60_000);
}

export const DEMO_MESSAGES = {
  lobby: message.reliable(isLobbyInfo),
  netstats: message.sequenced(isNetReport),
} as const;

export type DemoMessages = typeof DEMO_MESSAGES;
