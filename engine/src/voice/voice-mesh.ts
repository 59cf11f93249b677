/**
 * The voice mesh's decisions: with whom this player has a voice link, who offers, when a link is
 * given up and when it is tried again. It makes no WebRTC call itself: links come from a factory
 * (voice-link.ts in a browser, a fake in tests) and time from an injected clock.
 *
 * The handshake, over the host's relay (voice-port.ts):
 * - A player that turns voice on, meets a player, or comes back without a link sends `hello`
 *   (`reply: false`): "I have voice on and no link with you". The other, if its voice is on, drops
 *   whatever link it had with the sender and answers `hello` (`reply: true`).
 * - Either hello tells its receiver the sender has voice on. The player with the lower id offers
 *   (voice-roles.ts), numbering the link; the other answers that number. Signals of any other
 *   number belong to a link that is gone, and are ignored.
 * - A link that fails, or has not connected within `connectTimeoutMs`, is closed. The offerer
 *   offers again after a backoff; the answerer, after its own, asks with `hello` if no offer came.
 * - `bye` (voice off), the player leaving, or this player's id changing closes the link for good.
 * At most `maxPeers` links are held; offers beyond them are not answered.
 */
import { backoffDelay, type Backoff } from '../core/backoff.js';
import type { CancelTimer, Clock } from '../core/clock.js';
import type { Unsubscribe } from '../core/emitter.js';
import type { VoiceSignal } from '../protocol/parse-voice.js';
import { offersTo } from './voice-roles.js';
import type { VoicePlayerId, VoicePort } from './voice-port.js';

/** Where a voice link is: opening, up, or given up. */
export type VoiceLinkState = 'connecting' | 'connected' | 'failed' | 'closed';

/** The signals a link handles itself: its session descriptions and candidates. */
export type VoiceLinkSignal = Extract<VoiceSignal, { readonly link: number }>;

/** What the mesh tells a link it opens. */
export interface VoiceLinkSpec {
  readonly remote: VoicePlayerId;
  /** The link's number, chosen by the offerer. */
  readonly link: number;
  /** Whether this side offers (an answerer gets the offer through `signal`). */
  readonly offerer: boolean;
  /** Sends one of the link's signals to the remote player. */
  readonly send: (signal: VoiceLinkSignal) => void;
  /** The link connected, or failed for good. */
  readonly changed: (state: 'connected' | 'failed') => void;
}

/** One link, as the mesh drives it. */
export interface VoiceLinkHandle {
  signal(signal: VoiceLinkSignal): void;
  close(): void;
}

/** Opens a link: a browser's RTCPeerConnection, or a fake in tests. */
export type VoiceLinkFactory = (spec: VoiceLinkSpec) => VoiceLinkHandle;

export interface VoiceMeshOptions {
  readonly clock: Clock;
  readonly open: VoiceLinkFactory;
  /** The most links held at once. */
  readonly maxPeers: number;
  /** How long a link may take to connect before it is given up, in ms. */
  readonly connectTimeoutMs: number;
  readonly backoff: Backoff;
  readonly random: () => number;
  /** A link to `remote` changed state (`closed` once it is gone). */
  readonly linkChanged: (remote: VoicePlayerId, state: VoiceLinkState) => void;
}

interface Entry {
  readonly link: number;
  readonly handle: VoiceLinkHandle;
  state: VoiceLinkState;
  cancelTimeout: CancelTimer;
}

/** What the mesh refused or ignored, for a game's statistics and for tests. */
export interface VoiceMeshCounts {
  /** Offers not answered: `maxPeers` links were held already. */
  readonly overCap: number;
  /** Signals for a link that is gone, or from the wrong side of one. */
  readonly stale: number;
  /** Links given up (failed, or not connected in time). */
  readonly failed: number;
}

/** Who this player has voice links with, and when they are made and tried again (see the file's header). */
export class VoiceMesh {
  private port: VoicePort | undefined;
  private unsubscribe: Unsubscribe[] = [];
  private self: VoicePlayerId | undefined;
  private active = false;
  private nextLink = 1;
  /** Players that said they have voice on. */
  private readonly present = new Set<VoicePlayerId>();
  private readonly links = new Map<VoicePlayerId, Entry>();
  private readonly retries = new Map<VoicePlayerId, { attempts: number; cancel: CancelTimer | undefined }>();
  private counts = { overCap: 0, stale: 0, failed: 0 };

  constructor(private readonly options: VoiceMeshOptions) {}

  get counters(): VoiceMeshCounts {
    return { ...this.counts };
  }

  /** This player's id as the mesh knows it. */
  get selfId(): VoicePlayerId | undefined {
    return this.self;
  }

  /** The players with a link now, and where each is. */
  linkStates(): ReadonlyMap<VoicePlayerId, VoiceLinkState> {
    return new Map([...this.links].map(([remote, entry]) => [remote, entry.state]));
  }

  /**
   * Listens to `port` (a session's), instead of any port before: links already up stay up, as
   * after a host migration, where the same players go on under a new host.
   */
  attach(port: VoicePort): void {
    for (const stop of this.unsubscribe) stop();
    this.port = port;
    this.unsubscribe = [
      port.on('signal', ({ from, signal }) => this.onSignal(from, signal)),
      port.on('joined', ({ playerId }) => this.greet(playerId)),
      port.on('left', ({ playerId }) => this.forget(playerId)),
      port.on('self', ({ playerId }) => this.selfIs(playerId)),
    ];
    this.selfIs(port.self);
  }

  /** Turns voice on: greets every other player. */
  start(): void {
    this.active = true;
    this.greetAll();
  }

  /** Turns voice off: says `bye` to every player it knew had voice, closes every link, and stops listening. */
  stop(): void {
    if (this.active) for (const remote of new Set([...this.present, ...this.links.keys()])) this.port?.send(remote, { type: 'bye' });
    this.active = false;
    this.reset();
    for (const stop of this.unsubscribe) stop();
    this.unsubscribe = [];
  }

  private selfIs(playerId: VoicePlayerId | undefined): void {
    // A new id (a seat lost, the session ended): every link was made as someone else.
    if (playerId !== this.self) this.reset();
    this.self = playerId;
    this.greetAll();
  }

  private reset(): void {
    for (const remote of [...this.links.keys()]) this.drop(remote);
    for (const retry of this.retries.values()) retry.cancel?.();
    this.retries.clear();
    this.present.clear();
  }

  private greetAll(): void {
    for (const remote of this.port?.others() ?? []) this.greet(remote);
  }

  /** `hello` to a player this one has no link with. */
  private greet(remote: VoicePlayerId): void {
    if (!this.active || this.self === undefined || remote === this.self || this.links.has(remote)) return;
    this.port?.send(remote, { type: 'hello', reply: false });
  }

  private forget(remote: VoicePlayerId): void {
    this.present.delete(remote);
    this.drop(remote);
    this.retries.get(remote)?.cancel?.();
    this.retries.delete(remote);
  }

  private onSignal(from: VoicePlayerId, signal: VoiceSignal): void {
    const self = this.self;
    if (!this.active || self === undefined || from === self) return;
    switch (signal.type) {
      case 'hello':
        this.present.add(from);
        if (!signal.reply) {
          // The sender has no link with this player: whatever this side holds is dead, and no need to wait.
          this.drop(from);
          this.cancelRetry(from);
          this.port?.send(from, { type: 'hello', reply: true });
        }
        this.offer(from);
        return;
      case 'bye':
        this.forget(from);
        return;
      case 'offer':
        this.answer(from, signal);
        return;
      case 'answer':
      case 'candidate': {
        const entry = this.links.get(from);
        if (entry && entry.link === signal.link && (signal.type === 'candidate' || offersTo(self, from))) entry.handle.signal(signal);
        else this.counts.stale++;
        return;
      }
    }
  }

  /** Offers a link to `remote` if this side offers and none is held or pending. */
  private offer(remote: VoicePlayerId): void {
    const self = this.self;
    if (!this.active || self === undefined || !offersTo(self, remote) || !this.present.has(remote)) return;
    if (this.links.has(remote) || this.retries.get(remote)?.cancel) return;
    if (this.links.size >= this.options.maxPeers) {
      this.counts.overCap++;
      return;
    }
    this.open(remote, this.nextLink++, true);
  }

  private answer(from: VoicePlayerId, signal: VoiceLinkSignal): void {
    const self = this.self!;
    const existing = this.links.get(from);
    if (offersTo(self, from) || existing?.link === signal.link) {
      this.counts.stale++;
      return;
    }
    if (!existing && this.links.size >= this.options.maxPeers) {
      this.counts.overCap++;
      return;
    }
    this.present.add(from);
    this.drop(from);
    this.cancelRetry(from);
    this.open(from, signal.link, false).handle.signal(signal);
  }

  private open(remote: VoicePlayerId, link: number, offerer: boolean): Entry {
    const port = this.port!;
    // The link may report before the factory returns: it is known to be current once it is held.
    const current = (entry: Entry | undefined): entry is Entry => entry !== undefined && this.links.get(remote) === entry;
    const made: { entry?: Entry } = {};
    const handle = this.options.open({
      remote,
      link,
      offerer,
      send: (signal) => port.send(remote, signal),
      changed: (state) => {
        if (current(made.entry)) this.changed(remote, made.entry, state);
      },
    });
    const cancelTimeout = this.options.clock.setTimer(this.options.connectTimeoutMs, () => {
      if (current(made.entry) && made.entry.state === 'connecting') this.changed(remote, made.entry, 'failed');
    });
    const entry: Entry = { link, handle, state: 'connecting', cancelTimeout };
    made.entry = entry;
    this.links.set(remote, entry);
    this.options.linkChanged(remote, 'connecting');
    return entry;
  }

  private changed(remote: VoicePlayerId, entry: Entry, state: 'connected' | 'failed'): void {
    if (state === 'connected') {
      if (entry.state === 'connected') return;
      entry.state = 'connected';
      entry.cancelTimeout();
      this.retries.delete(remote);
      this.options.linkChanged(remote, 'connected');
      return;
    }
    this.counts.failed++;
    entry.state = 'failed';
    this.options.linkChanged(remote, 'failed');
    this.drop(remote);
    this.scheduleRetry(remote);
  }

  /**
   * After a failure: the offerer offers again; the answerer asks for an offer unless one came. The
   * answerer waits a whole backoff window longer, so the offerer's new offer is not crossed by a
   * request for one, which would start another.
   */
  private scheduleRetry(remote: VoicePlayerId): void {
    const attempts = this.retries.get(remote)?.attempts ?? 0;
    const retry: { attempts: number; cancel: CancelTimer | undefined } = { attempts: attempts + 1, cancel: undefined };
    this.retries.set(remote, retry);
    const { backoff } = this.options;
    const offerer = this.self !== undefined && offersTo(this.self, remote);
    const window = offerer ? 0 : Math.min(backoff.maxMs, backoff.firstMs * 2 ** Math.min(attempts, 30));
    retry.cancel = this.options.clock.setTimer(window + backoffDelay(attempts, backoff, this.options.random()), () => {
      retry.cancel = undefined;
      const self = this.self;
      if (!this.active || self === undefined || !this.present.has(remote) || this.links.has(remote)) return;
      if (offersTo(self, remote)) this.offer(remote);
      else this.port?.send(remote, { type: 'hello', reply: false });
    });
  }

  /** Stops a pending retry; the count of attempts stays, so failures in a row still back off. */
  private cancelRetry(remote: VoicePlayerId): void {
    const retry = this.retries.get(remote);
    retry?.cancel?.();
    if (retry) retry.cancel = undefined;
  }

  private drop(remote: VoicePlayerId): void {
    const entry = this.links.get(remote);
    if (!entry) return;
    this.links.delete(remote);
    entry.cancelTimeout();
    entry.state = 'closed';
    entry.handle.close();
    this.options.linkChanged(remote, 'closed');
  }
}
