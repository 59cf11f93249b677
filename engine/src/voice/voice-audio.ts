/**
 * Plays the other players' voices, each at a gain of its own, so a game can make a voice quieter
 * with distance (voice-proximity.ts) or silence one player. Each voice plays through an audio
 * element whose volume is its gain: Chromium applies that volume inside WebRTC's receiving audio
 * path, as a digital gain before the mix, so `getStats()` measures the level the player hears.
 * (A WebAudio GainNode would need the stream to play through a muted element as well, since
 * Chromium only pulls a remote stream while an element plays it, and a muted element makes
 * WebRTC measure silence.)
 */
import type { Unsubscribe } from '../core/emitter.js';
import type { VoiceChat } from './voice-chat.js';
import type { VoicePlayerId } from './voice-port.js';

/** Anything whose per-player gain can be set: a {@link VoiceAudio}, or a test's record. */
export interface VoiceGains {
  setGain(playerId: VoicePlayerId, gain: number): void;
}

/** Every other player's voice playing, each at its own gain (see the file's header). */
export class VoiceAudio implements VoiceGains {
  private readonly voices = new Map<VoicePlayerId, HTMLAudioElement>();
  private readonly gains = new Map<VoicePlayerId, number>();
  private readonly stops: Unsubscribe[];

  constructor(voice: VoiceChat) {
    this.stops = [
      voice.on('streamAdded', ({ playerId, stream }) => this.add(playerId, stream)),
      voice.on('streamRemoved', ({ playerId }) => this.remove(playerId)),
    ];
    for (const peer of voice.peers()) if (peer.stream) this.add(peer.playerId, peer.stream);
  }

  /** Sets how loud `playerId` is: 0 (silent) to 1 (as sent). */
  setGain(playerId: VoicePlayerId, gain: number): void {
    const value = Number.isFinite(gain) ? Math.min(1, Math.max(0, gain)) : 0;
    this.gains.set(playerId, value);
    const element = this.voices.get(playerId);
    if (element) element.volume = value;
  }

  /** The gain set for `playerId` (1 until one is set). */
  gain(playerId: VoicePlayerId): number {
    return this.gains.get(playerId) ?? 1;
  }

  /** The players whose voices are playing. */
  playing(): VoicePlayerId[] {
    return [...this.voices.keys()];
  }

  /**
   * Starts any voice the browser held back until the page was clicked (autoplay rules): call it
   * from a click or key handler. Resolves once every voice plays, or rejects as `play()` does.
   */
  async resume(): Promise<void> {
    await Promise.all([...this.voices.values()].map((element) => element.play()));
  }

  /** Stops playing every voice. */
  dispose(): void {
    for (const stop of this.stops) stop();
    for (const playerId of [...this.voices.keys()]) this.remove(playerId);
  }

  private add(playerId: VoicePlayerId, stream: MediaStream): void {
    this.remove(playerId);
    const element = new Audio();
    element.autoplay = true;
    element.volume = this.gain(playerId);
    element.srcObject = stream;
    void element.play().catch(() => undefined);
    this.voices.set(playerId, element);
  }

  private remove(playerId: VoicePlayerId): void {
    const element = this.voices.get(playerId);
    if (!element) return;
    this.voices.delete(playerId);
    element.pause();
    element.srcObject = null;
  }
}

/** Plays every other player's voice of `voice`, with a gain per player. */
export function playVoice(voice: VoiceChat): VoiceAudio {
  return new VoiceAudio(voice);
}
