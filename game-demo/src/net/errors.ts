/**
 * Messages a player can act on, for each way joining or playing can fail.
 */
import { isNetError, type LeaveReason } from 'tickwire';

/** Why creating or joining a lobby failed, in words. */
export function describeStartError(error: unknown, code?: string): string {
  if (isNetError(error)) {
    switch (error.code) {
      case 'lobby_not_found':
        return `There is no lobby with the code "${code ?? ''}". Check the code, or ask the host for a fresh one: a code ends when its host leaves.`;
      case 'broker_unreachable':
        return `Cannot reach the broker, so no lobby can be created or joined. Is the server (npm start) still running? (${error.message})`;
      case 'broker_error':
        return `The broker refused: ${error.message}`;
      case 'peer_unavailable':
        return 'The host of that lobby is gone. Ask for a fresh code.';
      case 'connection_failed':
        return `Could not open a connection to the host: ${error.message}`;
      default:
        return error.message;
    }
  }
  return error instanceof Error ? error.message : String(error);
}

/** Why the host turned this client away, in words. */
export function describeRefusal(reason: string, message: string): string {
  switch (reason) {
    case 'lobby_full':
      return `That lobby is full: ${message}.`;
    case 'version_mismatch':
      return `This page and the host's page speak different versions of the tickwire protocol (${message}). Reload both pages from the same server.`;
    case 'schema_mismatch':
      return `This page runs another version of the game than the host's page (${message}). Reload both pages from the same server.`;
    default:
      return `The host turned this player away: ${message}`;
  }
}

/** Why the link to the host ended, in words. */
export function describeDisconnect(reason: LeaveReason): string {
  switch (reason.code) {
    case 'closed':
      return `The host left the game (${reason.message}).`;
    case 'connection_lost':
      return `The connection to the host was lost: the host left or its network failed (${reason.message}).`;
    case 'timeout':
      return `The host stopped answering: the host left or its network failed (${reason.message}).`;
    default:
      return `You left the game.`;
  }
}

/** The link to the host failed and the client is trying to get its seat back. */
export function reconnecting(attempt: number): string {
  return `Lost the connection to the host. Reconnecting to your seat (attempt ${attempt})…`;
}

/** The broker went away while playing; the transport is reconnecting, and the warning goes once it is back. */
export const BROKER_LOST = 'Lost the connection to the broker — reconnecting… The game goes on for those already in it; nobody new can join until it is back.';
