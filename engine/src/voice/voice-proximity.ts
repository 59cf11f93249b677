/**
 * Proximity voice: each frame the game says where this player listens from and where the others
 * are, and each voice's gain follows the distance (proximity-gain.ts). The game may fix a player's
 * gain instead (a team channel heard everywhere, a player muted), whatever the distance.
 */
import { checkFalloff, proximityGain, type ProximityFalloff } from './proximity-gain.js';
import type { VoiceGains } from './voice-audio.js';
import type { VoicePlayerId } from './voice-port.js';

/** A point in the game's world: 2D, or 3D with `z`. */
export interface VoicePosition {
  readonly x: number;
  readonly y: number;
  readonly z?: number;
}

/** Where another player speaks from. */
export interface VoiceSpeaker extends VoicePosition {
  readonly playerId: VoicePlayerId;
}

/** Sets each voice's gain from the distance between its player and this one (see the file's header). */
export class VoiceProximity {
  private readonly overrides = new Map<VoicePlayerId, number>();
  private readonly current = new Map<VoicePlayerId, number>();

  constructor(
    private readonly gains: VoiceGains,
    private readonly falloff: ProximityFalloff,
  ) {
    checkFalloff(falloff);
  }

  /**
   * Sets each speaker's gain from its distance to `listener` (or its override). With no listener
   * (this player has no place in the world now: not spawned, spectating) every voice is at full volume.
   */
  update(listener: VoicePosition | undefined, speakers: Iterable<VoiceSpeaker>): void {
    for (const speaker of speakers) {
      const distance = listener ? Math.hypot(speaker.x - listener.x, speaker.y - listener.y, (speaker.z ?? 0) - (listener.z ?? 0)) : 0;
      const gain = this.overrides.get(speaker.playerId) ?? proximityGain(distance, this.falloff);
      if (this.current.get(speaker.playerId) === gain) continue;
      this.current.set(speaker.playerId, gain);
      this.gains.setGain(speaker.playerId, gain);
    }
  }

  /** Fixes `playerId`'s gain whatever the distance; `undefined` gives it back to the distance (at the next `update`). */
  override(playerId: VoicePlayerId, gain: number | undefined): void {
    if (gain === undefined) {
      this.overrides.delete(playerId);
      this.current.delete(playerId);
      return;
    }
    this.overrides.set(playerId, gain);
    this.current.set(playerId, gain);
    this.gains.setGain(playerId, gain);
  }

  /** The gain last set for `playerId`, if any. */
  gain(playerId: VoicePlayerId): number | undefined {
    return this.current.get(playerId);
  }
}
