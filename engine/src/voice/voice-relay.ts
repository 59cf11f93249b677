/**
 * The host's relay of voice signals between players. Voice itself goes peer to peer; the host
 * only passes on the offers, answers and candidates that set the links up, at once (not at the
 * tick), from a seated player to another, naming the sender by the connection the signal came on.
 * A signal to nobody it seats, to its sender, to a player away, or over the sender's rate is
 * dropped and counted; the host's own player (when it plays) is reached through its `VoicePort`.
 */
import { TokenBucket } from '../core/token-bucket.js';
import type { VoiceSignal } from '../protocol/parse-voice.js';
import type { VoicePlayerId } from './voice-port.js';

/** Signals one player may have relayed, per second and in a burst: a link's setup is about a dozen. */
export const VOICE_SIGNAL_RATE = { perSecond: 40, burst: 80 } as const;

/** What the relay did with the signals it was handed. */
export interface VoiceRelayStats {
  /** Passed on to their player. */
  readonly relayed: number;
  /** Addressed to nobody seated, to the sender itself, or to a player away. */
  readonly unaddressed: number;
  /** Over the sender's rate ({@link VOICE_SIGNAL_RATE}). */
  readonly rateLimited: number;
}

export interface VoiceRelayContext {
  readonly now: () => number;
  /** Sends a signal from `from` to a connected client; false when it could not go. */
  readonly sendToClient: (to: VoicePlayerId, from: VoicePlayerId, signal: VoiceSignal) => boolean;
  /** Whether `playerId` is a connected client (seated, not away). */
  readonly connected: (playerId: VoicePlayerId) => boolean;
  /** The host's own player and where its signals go; undefined for a host that only serves. */
  readonly hostPlayer: { readonly playerId: VoicePlayerId; readonly deliver: (from: VoicePlayerId, signal: VoiceSignal) => void } | undefined;
}

/** The host's relay of voice signals between seated players (see the file's header). */
export class VoiceRelay {
  private readonly buckets = new Map<VoicePlayerId, TokenBucket>();
  private counts = { relayed: 0, unaddressed: 0, rateLimited: 0 };

  constructor(private readonly ctx: VoiceRelayContext) {}

  stats(): VoiceRelayStats {
    return { ...this.counts };
  }

  /** A signal from player `from` (a seated client, or the host's own player) to player `to`. */
  relay(from: VoicePlayerId, to: VoicePlayerId, signal: VoiceSignal): boolean {
    if (!this.bucket(from).take(this.ctx.now())) {
      this.counts.rateLimited++;
      return false;
    }
    const host = this.ctx.hostPlayer;
    if (to === from) return this.unaddressed();
    if (host && to === host.playerId) {
      host.deliver(from, signal);
    } else if (!this.ctx.connected(to) || !this.ctx.sendToClient(to, from, signal)) {
      return this.unaddressed();
    }
    this.counts.relayed++;
    return true;
  }

  /** A player left: its rate is forgotten with it. */
  forget(playerId: VoicePlayerId): void {
    this.buckets.delete(playerId);
  }

  private unaddressed(): false {
    this.counts.unaddressed++;
    return false;
  }

  private bucket(playerId: VoicePlayerId): TokenBucket {
    let bucket = this.buckets.get(playerId);
    if (!bucket) {
      bucket = new TokenBucket(VOICE_SIGNAL_RATE.perSecond, VOICE_SIGNAL_RATE.burst, this.ctx.now());
      this.buckets.set(playerId, bucket);
    }
    return bucket;
  }
}
