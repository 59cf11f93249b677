/**
 * Where a session meets voice: each host and client has one `VoicePort`. The session tells it who
 * this player is and who comes and goes, and hands it the voice signals the host relays; the voice
 * mesh (voice-mesh.ts) sends its signals through it. It knows nothing of WebRTC, so a session
 * without voice pays nothing for it, and a game that never turns voice on never sees it.
 */
import { Emitter, type Unsubscribe } from '../core/emitter.js';
import type { VoiceSignal } from '../protocol/parse-voice.js';

/** A player's id, as the session gives it (uint16). */
export type VoicePlayerId = number;

/** What a {@link VoicePort} says, by name. */
export interface VoicePortEvents {
  /** A voice signal from another player, relayed by the host. */
  signal: { readonly from: VoicePlayerId; readonly signal: VoiceSignal };
  /** Another player is in the game (also said again for everyone after this player comes back). */
  joined: { readonly playerId: VoicePlayerId };
  /** Another player left the game. */
  left: { readonly playerId: VoicePlayerId };
  /**
   * Who this player is now: at the welcome, after coming back on a new link (the same id when the
   * seat was kept, a new one when not), and `undefined` once the session has ended.
   */
  self: { readonly playerId: VoicePlayerId | undefined };
}

/** What a session gives its port. */
export interface VoicePortOptions {
  /** Sends a signal to a player through the host; false when it could not go (no link, not in the game yet). */
  readonly send: (to: VoicePlayerId, signal: VoiceSignal) => boolean;
  /** Every player in the game now, this one included. */
  readonly players: () => readonly VoicePlayerId[];
  /** This player's id now, if it has one. */
  readonly self: () => VoicePlayerId | undefined;
}

/** One session's voice signaling: see the file's header. */
export class VoicePort {
  private readonly events = new Emitter<VoicePortEvents>();

  constructor(private readonly options: VoicePortOptions) {}

  /** This player's id, once it has one; undefined for a host with no player of its own. */
  get self(): VoicePlayerId | undefined {
    return this.options.self();
  }

  /** The other players in the game now. */
  others(): VoicePlayerId[] {
    const self = this.self;
    return this.options.players().filter((id) => id !== self);
  }

  /** Sends a signal to another player through the host; false when it could not go. */
  send(to: VoicePlayerId, signal: VoiceSignal): boolean {
    return this.options.send(to, signal);
  }

  on<K extends keyof VoicePortEvents>(event: K, listener: (payload: VoicePortEvents[K]) => void): Unsubscribe {
    return this.events.on(event, listener);
  }

  /** The session: a signal arrived from `from`. */
  deliver(from: VoicePlayerId, signal: VoiceSignal): void {
    this.events.emit('signal', { from, signal });
  }

  /** The session: another player joined. */
  joined(playerId: VoicePlayerId): void {
    if (playerId !== this.self) this.events.emit('joined', { playerId });
  }

  /** The session: another player left. */
  left(playerId: VoicePlayerId): void {
    if (playerId !== this.self) this.events.emit('left', { playerId });
  }

  /** The session: this player is (again) `playerId`, or has ended. */
  selfChanged(): void {
    this.events.emit('self', { playerId: this.self });
  }
}
