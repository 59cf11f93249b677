/**
 * The demo's own game messages, declared once for host and clients, and checks that turn their
 * payloads (plain data from another machine) into typed values or nothing.
 *
 * - `lobby` (reliable, host to client): the lobby's settings and whether the match has started.
 * - `netstats` (sequenced, both ways, every second): how many `state` messages this side sent to
 *   the other and received from it. Each side compares the other's "received" with its own "sent"
 *   to get its outgoing loss, and the other's "sent" with its own "received" for incoming loss.
 */
import type { MessageModes, SnapshotReliability } from 'tickwire';

export const DEMO_MESSAGES: MessageModes = { lobby: 'reliable', netstats: 'sequenced' };

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

export function parseLobbyInfo(payload: unknown): LobbyInfo | undefined {
  const p = record(payload);
  if (!p) return undefined;
  const { tickRate, snapshotRate, snapshotReliability, maxPlayers, started } = p;
  if (!count(tickRate) || !count(snapshotRate) || !count(maxPlayers) || typeof started !== 'boolean') return undefined;
  if (snapshotReliability !== 'reliable' && snapshotReliability !== 'unreliable') return undefined;
  return { tickRate, snapshotRate, snapshotReliability, maxPlayers, started };
}

export function parseNetReport(payload: unknown): NetReport | undefined {
  const p = record(payload);
  if (!p || !count(p.stateSent) || !count(p.stateReceived)) return undefined;
  const rtt = p.rttMs;
  const rttMs = typeof rtt === 'number' && Number.isFinite(rtt) && rtt >= 0 && rtt < 60_000 ? rtt : undefined;
  return rttMs === undefined ? { stateSent: p.stateSent, stateReceived: p.stateReceived } : { stateSent: p.stateSent, stateReceived: p.stateReceived, rttMs };
}

