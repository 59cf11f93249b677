/**
 * Keeps this broker's share of the Redis current: every heartbeat it renews its peers' presence and
 * lobbies (cutting a peer that another broker or token holds now), every sweep it takes expired
 * held signals, and each time the Redis comes back (empty, if it restarted) it puts back what its
 * peers had and hands them what was held for them meanwhile. The broker reports the Redis `up`
 * only once that is done.
 */
import type { ConnectedPeers } from '../connected-peers.js';
import type { LobbyRegistry } from '../lobby-registry.js';
import type { ClusterPresence, Renewal } from './cluster-presence.js';
import type { ClusterRelay } from './cluster-relay.js';
import type { ClusterTiming } from './cluster-timing.js';
import type { RedisLink } from './redis-link.js';

export interface ClusterUpkeepOptions {
  readonly link: RedisLink;
  readonly presence: ClusterPresence;
  readonly relay: ClusterRelay;
  readonly peers: ConnectedPeers;
  /** This broker's memory of its hosts' lobbies, kept in step with the Redis. */
  readonly registry: LobbyRegistry;
  readonly timing: Pick<ClusterTiming, 'heartbeatMs' | 'sweepMs'>;
}

const ID_TAKEN = { type: 'ID-TAKEN', payload: { msg: 'ID is taken' } } as const;

/** A failure here is the Redis going away, which the link reports; the next round tries again. */
function quietly(work: () => Promise<void>): () => void {
  return () => void work().catch(() => undefined);
}

/** See the file comment. */
export class ClusterUpkeep {
  /** Renewals run one after another, so one asked for while another runs is not skipped. */
  #renewals: Promise<void> = Promise.resolve();
  #generation = 0;
  #restored = false;
  #restoring: Promise<void> = Promise.resolve();
  #timers: NodeJS.Timeout[] = [];

  /** Listens to the link at once, so that its first coming up is caught too. */
  constructor(private readonly options: ClusterUpkeepOptions) {
    options.link.onUp(() => this.#restore());
    options.link.onDown(() => {
      this.#generation += 1;
      this.#restored = false;
    });
  }

  /** Whether the Redis is up and holds what this broker's peers had. */
  get restored(): boolean {
    return this.#restored && this.options.link.up;
  }

  /** The restore under way (or the last one), settled either way. */
  get restoring(): Promise<void> {
    return this.#restoring;
  }

  /** Starts the heartbeat and the sweep. */
  start(): void {
    const { timing, relay } = this.options;
    this.#timers.push(setInterval(quietly(() => this.renew()), timing.heartbeatMs));
    this.#timers.push(setInterval(quietly(() => relay.sweep()), timing.sweepMs));
  }

  stop(): void {
    for (const timer of this.#timers.splice(0)) clearInterval(timer);
  }

  /** Renews every peer connected here, after any renewal under way. */
  renew(): Promise<void> {
    const next = this.#renewals.catch(() => undefined).then(() => this.#renewNow());
    this.#renewals = next;
    return next;
  }

  #restore(): void {
    const current = ++this.#generation;
    this.#restored = false;
    const { peers, relay } = this.options;
    this.#restoring = this.renew()
      .then(() => Promise.all(peers.list().map(({ id }) => relay.drain(id))))
      .then(
        () => {
          if (current === this.#generation) this.#restored = true;
        },
        () => undefined,
      );
  }

  async #renewNow(): Promise<void> {
    const { link, peers, presence, registry } = this.options;
    if (!link.up) return;
    const held = peers.list().map(({ id, token }) => {
      const code = registry.codeOf(id);
      return { id, token, code, generation: code === undefined ? undefined : registry.generationOf(code) };
    });
    const renewed = await presence.renew(held);
    held.forEach((peer, index) => this.#apply(peer.id, renewed[index] ?? { code: peer.code }));
  }

  #apply(peerId: string, renewal: Renewal): void {
    const { peers, registry } = this.options;
    if (renewal === 'taken') peers.cut(peerId, ID_TAKEN);
    else if (renewal === 'moved') peers.cut(peerId);
    else if (renewal.code === undefined) registry.removeHost(peerId);
    else registry.put(peerId, renewal.code, renewal.generation);
  }
}
