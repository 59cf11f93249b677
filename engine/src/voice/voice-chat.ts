/**
 * Voice chat for a game's players: `startVoice(session.voice, options)` turns this player's voice
 * on, with a microphone stream or none (listen only). Each other player with voice on gets a link
 * of its own, peer to peer (voice-mesh.ts decides, voice-link.ts connects), whose stream the game
 * hears (`streamAdded`; `playVoice` plays it) and whose level it can show (`speaking`). Levels are
 * read on the injected clock's timer.
 */
import { DEFAULT_BACKOFF } from '../core/backoff.js';
import { systemClock, type CancelTimer, type Clock } from '../core/clock.js';
import { Emitter, type Unsubscribe } from '../core/emitter.js';
import { NetError } from '../core/net-error.js';
import { SpeakingDetector, type SpeakingOptions } from './speaking.js';
import { RtcVoiceLink } from './voice-link.js';
import { VoiceMesh, type VoiceLinkState, type VoiceMeshCounts } from './voice-mesh.js';
import type { VoicePlayerId, VoicePort } from './voice-port.js';
import { MAX_VOICE_PLAYERS } from './voice-roles.js';
import { readVoiceStats, type VoiceLinkStats } from './voice-stats.js';

/** How voice is turned on. */
export interface VoiceOptions {
  /** The microphone, from `getUserMedia({ audio: true })`: its first audio track is sent. Left out, this player only listens. */
  readonly microphone?: MediaStream;
  /**
   * ICE servers and policy for the voice links: pass the game's own (`voiceConfiguration()` makes
   * it from the same options as the game's transport), so a relay-only game's voice is relayed too.
   */
  readonly configuration: RTCConfiguration;
  /** Start muted (push to talk): nothing is sent until `unmute()`. Default false. */
  readonly muted?: boolean;
  /** The most players in the voice mesh, this one included: 2 to 8 (default 8). */
  readonly maxPlayers?: number;
  /** How long a link may take to connect before it is tried again, in ms (default 15 000). */
  readonly connectTimeoutMs?: number;
  /** How often levels are read, in ms (default 100). */
  readonly levelIntervalMs?: number;
  /** When a level counts as speaking. */
  readonly speaking?: SpeakingOptions;
  /** Drives the level readings and the retries (default: the system clock). */
  readonly clock?: Clock;
}

/** The events of a {@link VoiceChat}, by name. */
export interface VoiceEvents {
  /** Another player's voice arrived: play `stream` (`playVoice` does, with a gain per player). */
  streamAdded: { readonly playerId: VoicePlayerId; readonly stream: MediaStream };
  /** Another player's voice is gone (it left, turned voice off, or its link failed). */
  streamRemoved: { readonly playerId: VoicePlayerId };
  /** A player started or stopped speaking; this player's own id too, while it is heard by someone. */
  speaking: { readonly playerId: VoicePlayerId; readonly speaking: boolean };
  /** A link to another player changed state. */
  link: { readonly playerId: VoicePlayerId; readonly state: VoiceLinkState };
}

/** Another player in the voice chat, as this one hears it. */
export interface VoicePeer {
  readonly playerId: VoicePlayerId;
  readonly state: VoiceLinkState;
  /** The level of its voice now, 0 to 1. */
  readonly level: number;
  readonly speaking: boolean;
  readonly stream: MediaStream | undefined;
}

interface Remote {
  readonly link: RtcVoiceLink;
  readonly detector: SpeakingDetector;
  stream: MediaStream | undefined;
}

function positiveOption(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!(value > 0) || !Number.isFinite(value)) throw new NetError('invalid_option', `${name} must be a finite number > 0, got ${value}`);
  return value;
}

/** This player's voice chat: see the file's header. */
export class VoiceChat {
  private readonly events = new Emitter<VoiceEvents>();
  private readonly mesh: VoiceMesh;
  private readonly clock: Clock;
  private readonly remotes = new Map<VoicePlayerId, Remote>();
  private readonly self: SpeakingDetector;
  private readonly track: MediaStreamTrack | null;
  private readonly levelIntervalMs: number;
  private isMuted: boolean;
  private ended = false;
  private cancelLevels: CancelTimer | undefined;
  private reading = false;

  constructor(port: VoicePort, options: VoiceOptions) {
    const maxPlayers = options.maxPlayers ?? MAX_VOICE_PLAYERS;
    if (!Number.isInteger(maxPlayers) || maxPlayers < 2 || maxPlayers > MAX_VOICE_PLAYERS) {
      throw new NetError('invalid_option', `maxPlayers must be a whole number from 2 to ${MAX_VOICE_PLAYERS} (each player sends its voice to each other one), got ${maxPlayers}`);
    }
    this.clock = options.clock ?? systemClock;
    this.levelIntervalMs = positiveOption('levelIntervalMs', options.levelIntervalMs, 100);
    this.track = options.microphone?.getAudioTracks()[0] ?? null;
    this.isMuted = options.muted === true;
    this.self = new SpeakingDetector(options.speaking);
    this.mesh = new VoiceMesh({
      clock: this.clock,
      maxPeers: maxPlayers - 1,
      connectTimeoutMs: positiveOption('connectTimeoutMs', options.connectTimeoutMs, 15_000),
      backoff: DEFAULT_BACKOFF,
      random: Math.random,
      open: (spec) => {
        const remote: Remote = {
          detector: new SpeakingDetector(options.speaking),
          stream: undefined,
          link: new RtcVoiceLink(spec, {
            configuration: options.configuration,
            track: this.sending(),
            onStream: (stream) => {
              if (this.remotes.get(spec.remote) !== remote) return;
              remote.stream = stream;
              this.events.emit('streamAdded', { playerId: spec.remote, stream });
            },
          }),
        };
        this.remotes.set(spec.remote, remote);
        return remote.link;
      },
      linkChanged: (playerId, state) => this.linkChanged(playerId, state),
    });
    this.mesh.attach(port);
    this.mesh.start();
    this.scheduleLevels();
  }

  /** Whether this player's microphone is muted (nothing is sent). */
  get muted(): boolean {
    return this.isMuted;
  }

  /** Whether this player sends nothing because it has no microphone. */
  get listenOnly(): boolean {
    return this.track === null;
  }

  /** This player's id in the mesh (undefined until the session has one). */
  get playerId(): VoicePlayerId | undefined {
    return this.mesh.selfId;
  }

  /** What the mesh refused or gave up, for statistics. */
  get counters(): VoiceMeshCounts {
    return this.mesh.counters;
  }

  on<K extends keyof VoiceEvents>(event: K, listener: (payload: VoiceEvents[K]) => void): Unsubscribe {
    return this.events.on(event, listener);
  }

  /** Stops sending (every link's sender goes silent: no packets). */
  mute(): void {
    this.setMuted(true);
  }

  /** Sends the microphone again. */
  unmute(): void {
    this.setMuted(false);
  }

  setMuted(muted: boolean): void {
    if (this.ended || muted === this.isMuted) return;
    this.isMuted = muted;
    for (const remote of this.remotes.values()) remote.link.setTrack(this.sending());
    if (muted) this.silence(this.playerId, this.self);
  }

  /**
   * Follows another session's port from now on (after a host migration: `becameHost` hands a host
   * whose `voice` this player's voice moves to); links already up stay up.
   */
  attach(port: VoicePort): void {
    if (!this.ended) this.mesh.attach(port);
  }

  /** Turns voice off: tells the others, closes every link. The microphone's tracks are the game's to stop. */
  leave(): void {
    if (this.ended) return;
    this.ended = true;
    this.cancelLevels?.();
    this.mesh.stop();
  }

  /** The level of a player's voice now, 0 to 1 (this player's own as sent, while someone hears it). */
  level(playerId: VoicePlayerId): number {
    return playerId === this.playerId ? this.self.level : (this.remotes.get(playerId)?.detector.level ?? 0);
  }

  /** Whether a player is speaking now (this player's own id too). */
  speaking(playerId: VoicePlayerId): boolean {
    return playerId === this.playerId ? this.self.speaking : (this.remotes.get(playerId)?.detector.speaking ?? false);
  }

  /** Every other player this one has a voice link with. */
  peers(): VoicePeer[] {
    const states = this.mesh.linkStates();
    return [...this.remotes].map(([playerId, r]) => ({
      playerId,
      state: states.get(playerId) ?? 'closed',
      level: r.detector.level,
      speaking: r.detector.speaking,
      stream: r.stream,
    }));
  }

  /** The figures of the link with `playerId` from its `getStats()`; undefined without one. */
  async stats(playerId: VoicePlayerId): Promise<VoiceLinkStats | undefined> {
    const remote = this.remotes.get(playerId);
    if (!remote) return undefined;
    try {
      return readVoiceStats((await remote.link.pc.getStats()).values());
    } catch {
      return undefined;
    }
  }

  private sending(): MediaStreamTrack | null {
    return this.isMuted ? null : this.track;
  }

  private linkChanged(playerId: VoicePlayerId, state: VoiceLinkState): void {
    if (state === 'closed') {
      const remote = this.remotes.get(playerId);
      this.remotes.delete(playerId);
      if (remote) this.silence(playerId, remote.detector);
      if (remote?.stream) this.events.emit('streamRemoved', { playerId });
    }
    this.events.emit('link', { playerId, state });
  }

  private speakingChanged(playerId: VoicePlayerId | undefined, detector: SpeakingDetector, level: number): void {
    const was = detector.speaking;
    const now = detector.update(level, this.clock.now());
    if (playerId !== undefined && was !== now) this.events.emit('speaking', { playerId, speaking: now });
  }

  /** Not speaking at once (muted, or the link is gone). */
  private silence(playerId: VoicePlayerId | undefined, detector: SpeakingDetector): void {
    const was = detector.speaking;
    detector.reset();
    if (playerId !== undefined && was) this.events.emit('speaking', { playerId, speaking: false });
  }

  private scheduleLevels(): void {
    this.cancelLevels = this.clock.setTimer(this.levelIntervalMs, () => {
      this.scheduleLevels();
      if (!this.reading) void this.readLevels();
    });
  }

  /**
   * One reading of every link's level, from the newest packet's audio-level header (the level its
   * sender measured); this player's own from one link's `getStats()` (its microphone as sent).
   */
  private async readLevels(): Promise<void> {
    for (const [playerId, remote] of this.remotes) this.speakingChanged(playerId, remote.detector, remote.link.receivedLevel());
    const first = this.remotes.keys().next();
    if (first.done) return;
    this.reading = true;
    try {
      const stats = await this.stats(first.value);
      if (!this.ended) this.speakingChanged(this.playerId, this.self, this.isMuted ? 0 : (stats?.sourceLevel ?? 0));
    } finally {
      this.reading = false;
    }
  }
}

/** Turns this player's voice on in a session: `startVoice(client.voice, options)` or `startVoice(host.voice, options)`. */
export function startVoice(port: VoicePort, options: VoiceOptions): VoiceChat {
  return new VoiceChat(port, options);
}
