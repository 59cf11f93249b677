/**
 * Stands between a PeerJS peer and its signaling socket: every message from the broker is checked
 * (signal-check.ts) and judged against what this side has before PeerJS sees it, and PeerJS's own
 * handling of it can throw nothing out of the socket's listener. Answers and candidates are taken
 * only for a connection this peer has, so PeerJS never stores any for later; offers only where the
 * policy takes them (a client takes none). Whatever is dropped is told to the policy, which makes
 * the sender pay for it.
 */
import type { Peer } from 'peerjs';
import { checkSignal } from './signal-check.js';

/** What the fenced side accepts, and who hears about what it drops. */
export interface SignalingPolicy {
  /** Whether to take a well-formed offer for a new connection from `src`. */
  acceptOffer(src: string): boolean;
  /** Whether `src` is a peer this side is linked to or linking with (LEAVE and EXPIRE name one). */
  knows(src: string): boolean;
  /** A message was dropped: from `src` when it named one, and why. */
  refused(src: string | undefined, why: string): void;
}

/** Candidates taken for one connection; an honest peer sends a handful, twenty at most. */
export const MAX_CANDIDATES_PER_CONNECTION = 64;
/** Connections whose candidates are counted at once; past it the counts start again. */
const COUNTED_CONNECTIONS = 1024;

type Listener = (...args: unknown[]) => void;

const TAKES_NOTHING: SignalingPolicy = { acceptOffer: () => false, knows: () => false, refused: () => {} };

export class SignalingFence {
  /** Set by the transport once it exists; until then nothing but the broker's own messages passes. */
  policy: SignalingPolicy = TAKES_NOTHING;
  private readonly candidates = new Map<string, number>();
  private droppedCount = 0;

  /** Messages dropped so far. */
  get dropped(): number {
    return this.droppedCount;
  }

  /** Puts the fence in front of PeerJS's own listener; call it right after creating the peer. */
  install(peer: Peer): void {
    const socket = peer.socket;
    const inner = socket.listeners('message') as Listener[];
    socket.removeAllListeners('message');
    socket.on('message', (message: unknown) => {
      const src = this.admit(peer, message);
      if (src === false) return;
      for (const listener of inner) {
        try {
          listener(message);
        } catch (error) {
          this.refuse(src, `PeerJS could not handle it (${error instanceof Error ? error.message : String(error)})`);
        }
      }
    });
  }

  /** The sender when the message may pass (undefined for the broker's own), false when dropped. */
  private admit(peer: Peer, message: unknown): string | undefined | false {
    const check = checkSignal(message);
    if (!check.ok) return this.refuse(check.src, check.why);
    const signal = check.signal;
    switch (signal.type) {
      case 'OPEN':
      case 'ERROR':
      case 'ID-TAKEN':
      case 'INVALID-KEY':
        return undefined;
      case 'LEAVE':
      case 'EXPIRE':
        return this.policy.knows(signal.src) ? signal.src : this.refuse(signal.src, `${signal.type} for a peer this side has no link with`);
      case 'OFFER':
        if (peer.getConnection(signal.src, signal.connectionId)) return this.refuse(signal.src, 'an offer for a connection that exists');
        return this.policy.acceptOffer(signal.src) ? signal.src : this.refuse(signal.src, 'an offer not taken');
      case 'ANSWER':
      case 'CANDIDATE': {
        if (!peer.getConnection(signal.src, signal.connectionId)?.peerConnection) return this.refuse(signal.src, `${signal.type} for a connection this side does not have`);
        if (signal.type === 'CANDIDATE' && !this.countCandidate(`${signal.src} ${signal.connectionId}`)) {
          return this.refuse(signal.src, `more than ${MAX_CANDIDATES_PER_CONNECTION} candidates for one connection`);
        }
        return signal.src;
      }
    }
  }

  private countCandidate(key: string): boolean {
    if (this.candidates.size >= COUNTED_CONNECTIONS && !this.candidates.has(key)) this.candidates.clear();
    const count = (this.candidates.get(key) ?? 0) + 1;
    this.candidates.set(key, count);
    return count <= MAX_CANDIDATES_PER_CONNECTION;
  }

  private refuse(src: string | undefined, why: string): false {
    this.droppedCount++;
    this.policy.refused(src, why);
    return false;
  }
}
