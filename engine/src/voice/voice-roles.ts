/**
 * Who calls whom in the voice mesh. Of two players the one with the lower id makes every offer on
 * their link, first and again after a failure, and the other only answers (or, with a `hello`,
 * asks for a fresh offer). Two offers can then never cross (no glare), with no rollback and no
 * tie-break to agree on: both sides derive the roles from ids the host gave them.
 */
import type { VoicePlayerId } from './voice-port.js';

/** The most players in one voice mesh: each sends its voice to each of the others, so upload grows with the count. */
export const MAX_VOICE_PLAYERS = 8;

/** Whether `self` makes the offers on its link with `remote`. */
export function offersTo(self: VoicePlayerId, remote: VoicePlayerId): boolean {
  return self < remote;
}
