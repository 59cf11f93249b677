/**
 * The demo's voice chat: the microphone asked for when the player turns voice on, the engine's
 * voice mesh on the session's port, every other player's voice played at a gain of its own,
 * quieter the further its ship is from this player's. No microphone, or permission refused: a
 * line says so and the game goes on without voice. It follows the session through a host
 * migration (the same links, the new host's port).
 */
import {
  playVoice,
  startVoice,
  voiceConfiguration,
  VoiceProximity,
  type ProximityFalloff,
  type VoiceAudio,
  type VoiceChat,
  type VoiceLinkStats,
  type VoicePort,
  type VoiceSpeaker,
} from 'tickwire';

/** Full volume within 150 units, silent from 1000 (the arena is 960 by 640). */
export const VOICE_FALLOFF: ProximityFalloff = { fullDistance: 150, silentDistance: 1000 };

/** Where voice is: off, waiting for the microphone, on (open or muted), or impossible here. */
export type VoiceStatus = 'off' | 'starting' | 'on' | 'muted' | 'unavailable';

/** What the page and the tests read of the voice chat. */
export interface VoiceState {
  readonly status: VoiceStatus;
  /** Why voice is unavailable, for people. */
  readonly message: string;
  /** Talking while the push-to-talk key is held. */
  readonly pushToTalk: boolean;
  readonly playerId: number | undefined;
  readonly peers: readonly { readonly playerId: number; readonly state: string; readonly level: number; readonly speaking: boolean; readonly gain: number }[];
}

/** How the demo's voice links reach each other: as its game links do. */
export interface VoiceSessionOptions {
  readonly brokerUrl: string;
  readonly iceServers?: readonly RTCIceServer[];
  readonly iceTransportPolicy?: RTCIceTransportPolicy;
  /** Something the page shows changed. */
  readonly onChange: () => void;
}

/** Why the microphone could not be had, for the player. */
export function microphoneProblem(error: unknown): string {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  const off = 'Voice chat is off; the game goes on without it.';
  if (name === 'NotAllowedError' || name === 'SecurityError') return `Microphone blocked: this page may not use it. ${off} Allow the microphone for this page and try again to talk.`;
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return `No microphone found. ${off}`;
  if (name === 'NotReadableError') return `The microphone is in use by another program. ${off}`;
  if (name === 'TypeError') return `This page cannot use a microphone (it needs https or localhost). ${off}`;
  return `Could not open the microphone${name ? ` (${name})` : ''}. ${off}`;
}

export class DemoVoice {
  private chat: VoiceChat | undefined;
  private audio: VoiceAudio | undefined;
  private proximity: VoiceProximity | undefined;
  private microphone: MediaStream | undefined;
  private port: VoicePort | undefined;
  private status: VoiceStatus = 'off';
  private message = '';
  private talking = false;

  constructor(private readonly options: VoiceSessionOptions) {}

  /** The session's port now: voice turned on follows it (after a host migration, the new host's). */
  attach(port: VoicePort | undefined): void {
    this.port = port;
    if (port) this.chat?.attach(port);
  }

  /** Asks for the microphone and joins the voice mesh; says why not when it cannot. */
  async turnOn(): Promise<void> {
    const port = this.port;
    if (!port || this.status === 'starting' || this.status === 'on' || this.status === 'muted') return;
    this.set('starting');
    try {
      if (!navigator.mediaDevices?.getUserMedia) throw new TypeError('no mediaDevices');
      this.microphone = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true } });
      const { brokerUrl, iceServers, iceTransportPolicy } = this.options;
      const configuration = await voiceConfiguration({ brokerUrl, ...(iceServers ? { iceServers } : {}), ...(iceTransportPolicy ? { iceTransportPolicy } : {}) });
      if (this.stillStarting() === false) throw new Error('voice was turned off meanwhile');
      this.chat = startVoice(this.port ?? port, { microphone: this.microphone, configuration });
      this.audio = playVoice(this.chat);
      this.proximity = new VoiceProximity(this.audio, VOICE_FALLOFF);
      this.chat.on('link', () => this.options.onChange());
      this.set('on');
    } catch (error) {
      this.release();
      if (!this.stillStarting()) return;
      this.message = microphoneProblem(error);
      this.set('unavailable');
    }
  }

  /** Mutes or unmutes the microphone (voice stays on: the others are still heard). */
  setMuted(muted: boolean): void {
    if (!this.chat || (this.status !== 'on' && this.status !== 'muted')) return;
    this.talking = false;
    this.chat.setMuted(muted);
    this.set(muted ? 'muted' : 'on');
  }

  /** Push to talk: while muted, the key held sends the microphone. */
  pushToTalk(held: boolean): void {
    if (!this.chat || this.status !== 'muted' || held === this.talking) return;
    this.talking = held;
    this.chat.setMuted(!held);
    this.options.onChange();
  }

  /** Leaves the voice mesh and lets go of the microphone. */
  turnOff(): void {
    this.release();
    this.set('off');
  }

  /** Each frame: every other voice's gain from its ship's distance to this player's ship. */
  update(listener: { readonly x: number; readonly y: number } | undefined, speakers: Iterable<VoiceSpeaker>): void {
    this.proximity?.update(listener, speakers);
  }

  /** The players speaking now, this one included. */
  speaking(): ReadonlySet<number> {
    const chat = this.chat;
    if (!chat) return new Set();
    const ids = chat.peers().filter((p) => p.speaking).map((p) => p.playerId);
    const self = chat.playerId;
    if (self !== undefined && chat.speaking(self)) ids.push(self);
    return new Set(ids);
  }

  state(): VoiceState {
    const chat = this.chat;
    return {
      status: this.status,
      message: this.message,
      pushToTalk: this.talking,
      playerId: chat?.playerId,
      peers: (chat?.peers() ?? []).map(({ playerId, state, level, speaking }) => ({ playerId, state, level, speaking, gain: this.audio?.gain(playerId) ?? 1 })),
    };
  }

  /** The figures of this player's voice link with `playerId` (for the tests and the curious). */
  stats(playerId: number): Promise<VoiceLinkStats | undefined> {
    return this.chat?.stats(playerId) ?? Promise.resolve(undefined);
  }

  private release(): void {
    this.chat?.leave();
    this.audio?.dispose();
    for (const track of this.microphone?.getTracks() ?? []) track.stop();
    this.chat = undefined;
    this.audio = undefined;
    this.proximity = undefined;
    this.microphone = undefined;
    this.talking = false;
  }

  /** Whether the player is still waiting for voice (not turned off while the microphone was asked for). */
  private stillStarting(): boolean {
    return this.status === 'starting';
  }

  private set(status: VoiceStatus): void {
    this.status = status;
    if (status !== 'unavailable') this.message = '';
    this.options.onChange();
  }
}
