/**
 * Signaling across brokers. Each broker listens on one channel of its own; a signal from a peer
 * here for a peer that is not goes through ROUTE (relay-scripts.ts): published on the channel of
 * the broker whose presence key holds the destination, or held in Redis when none does (or that
 * broker is dead: nobody heard the publish). A peer that connects anywhere gets what is held for
 * it, before anything published for it meanwhile. Held signals expire after `heldMs`, as on a lone
 * PeerServer, and their senders get EXPIRE (PeerJS reports `peer-unavailable`).
 *
 * Why a channel per broker and a presence key per peer rather than a channel per peer: see
 * cluster/README.md (presence is needed anyway, and connecting costs a key write, not a
 * SUBSCRIBE on a connection that must be replayed after every reconnect).
 */
import type { WebSocket } from 'ws';
import type { BrokerCounters } from '../broker-counters.js';
import type { ConnectedPeers } from '../connected-peers.js';
import type { Signal } from '../signal-shape.js';
import { readChannelMessage } from './broker-channel.js';
import { stringList } from './lua-script.js';
import type { ClusterKeys } from './redis-keys.js';
import type { RedisLink } from './redis-link.js';
import { DRAIN, ROUTE, SWEEP } from './relay-scripts.js';

export interface ClusterRelayOptions {
  readonly link: RedisLink;
  readonly keys: ClusterKeys;
  readonly brokerId: string;
  readonly peers: ConnectedPeers;
  readonly counters: BrokerCounters;
  /** Signals held for one absent peer, and for all of them, over all brokers. */
  readonly caps: { readonly perPeer: number; readonly total: number };
  /** How long a signal is held for an absent peer. */
  readonly heldMs: number;
  /** Another broker opened lobby `code` for `host`, which is connected here. */
  readonly onLobbyNote: (host: string, code: string, generation: number | undefined) => void;
}

type Outcome = 'sent' | 'held' | 'full' | 'absent';

/** Peers whose expired signals one sweep takes at most. */
const SWEEP_BATCH = 500;

/** The `src` of a signal in PeerServer's JSON form. */
function senderOf(text: string): string | undefined {
  try {
    const src: unknown = (JSON.parse(text) as { src?: unknown }).src;
    return typeof src === 'string' ? src : undefined;
  } catch {
    return undefined;
  }
}

/** See the file comment. */
export class ClusterRelay {
  /** Peers whose held signals are being taken, with what was published for them meanwhile. */
  readonly #draining = new Map<string, string[]>();

  constructor(private readonly options: ClusterRelayOptions) {}

  /** Subscribes to this broker's channel; node-redis subscribes again after each reconnect. */
  listen(): Promise<void> {
    const { link, keys, brokerId } = this.options;
    return link.subscriber.subscribe(keys.brokerChannel(brokerId), (raw: string) => this.#heard(raw));
  }

  /**
   * Takes a signal from `src` for a peer not connected here (see `GateCluster.relay`): false when
   * the Redis is down. A socket that is not the one PeerServer holds for `src` relays nothing.
   */
  relay(socket: WebSocket, src: string, signal: Exclude<Signal, { type: 'HEARTBEAT' }>, data: Buffer): boolean {
    const { link, peers, counters } = this.options;
    if (!link.up) return false;
    if (!peers.holds(src, socket)) return true;
    const { payload } = JSON.parse(data.toString('utf8')) as { payload: unknown };
    // The form PeerServer relays, key for key.
    const text = JSON.stringify({ type: signal.type, src, dst: signal.dst, payload });
    const refused = (): void => {
      counters.droppedSignals += 1;
      peers.deliver(src, JSON.stringify({ type: 'EXPIRE', src: signal.dst }));
    };
    this.#route(signal.dst, text, 'hold').then((outcome) => {
      if (outcome === 'full') refused();
    }, refused);
    return true;
  }

  /** `peerId` connected here: hands it what was held for it, then what came meanwhile. */
  async drain(peerId: string): Promise<void> {
    const { link, keys, peers } = this.options;
    if (!link.up || this.#draining.has(peerId)) return;
    const meanwhile: string[] = [];
    this.#draining.set(peerId, meanwhile);
    try {
      const held = stringList(await DRAIN.run(link.commands, [keys.held(peerId), keys.heldDeadlines, keys.heldTotal], [peerId]));
      for (const text of held) peers.deliver(peerId, text);
    } finally {
      this.#draining.delete(peerId);
      for (const text of meanwhile) this.#deliver(peerId, text);
    }
  }

  /** Takes expired held signals and tells each sender once per destination. */
  async sweep(): Promise<void> {
    const { link, keys, peers } = this.options;
    if (!link.up) return;
    const expired = await SWEEP.run(link.commands, [keys.heldDeadlines, keys.heldTotal], [keys.prefixes.held, String(SWEEP_BATCH)]);
    if (!Array.isArray(expired)) throw new Error(`the sweep script answered ${JSON.stringify(expired)}`);
    for (const entry of expired) {
      const [dst, ...held] = stringList(entry);
      if (dst === undefined) continue;
      const senders = new Set(held.map(senderOf).filter((src): src is string => src !== undefined));
      for (const src of senders) {
        const expire = JSON.stringify({ type: 'EXPIRE', src: dst, dst: src });
        if (!peers.deliver(src, expire)) void this.#route(src, expire, 'deliver').catch(() => undefined);
      }
    }
  }

  #heard(raw: string): void {
    const message = readChannelMessage(raw);
    if (message?.kind === 'lobby') this.options.onLobbyNote(message.host, message.code, message.generation);
    else if (message) this.#deliver(message.dst, message.text);
  }

  #deliver(dst: string, text: string): void {
    const meanwhile = this.#draining.get(dst);
    if (meanwhile) meanwhile.push(text);
    // Gone from here since it was routed here: held for wherever it connects next.
    else if (!this.options.peers.deliver(dst, text)) void this.#route(dst, text, 'hold').catch(() => undefined);
  }

  async #route(dst: string, text: string, mode: 'hold' | 'deliver'): Promise<Outcome> {
    const { link, keys, brokerId, caps, heldMs } = this.options;
    const routeKeys = [keys.peer(dst), keys.held(dst), keys.heldDeadlines, keys.heldTotal];
    const args = [keys.prefixes.brokerChannel, brokerId, text, dst, String(caps.perPeer), String(caps.total), String(heldMs), mode];
    const outcome = await ROUTE.run(link.commands, routeKeys, args);
    if (outcome !== 'sent' && outcome !== 'held' && outcome !== 'full' && outcome !== 'absent') {
      throw new Error(`the route script answered ${JSON.stringify(outcome)}`);
    }
    return outcome;
  }
}
