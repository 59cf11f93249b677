/**
 * This tab hosts: it opens a PeerJS host on the broker, puts the simulated network and the
 * counters in front of it, runs the arena authoritatively and registers a lobby code. Each client
 * gets the lobby settings when it joins, and a `netstats` report every second; it sends its own.
 * Every timer of the host (its tick, the transport's pings and goodbyes, the simulated network's
 * delays, the reports) runs on one clock driven by a Worker, so a hidden tab keeps hosting at full
 * rate: a hidden page's own timers are throttled, and nothing here waits for an animation frame.
 * Free of the DOM: the dedicated host in Node (`game-demo/headless/host.ts`) is this session with
 * no player of its own (and the system clock, as Node has no Worker).
 */
import {
  conditionHost,
  createHost,
  createLobby,
  Emitter,
  openPeerHost,
  type Conditioned,
  type Host,
  type HostTransport,
  type PeerHostTransport,
  type HostTunables,
} from 'tickwire';
import { arenaSim } from '../sim/arena-sim.js';
import type { ArenaSchema } from '../sim/schema.js';
import type { ArenaState } from '../sim/state.js';
import { countHost, type StateCounts } from './counting-transport.js';
import { BROKER_LOST } from './errors.js';
import { hostClock, type HostClock } from './host-clock.js';
import { HostNet } from './host-net.js';
import { DEMO_MESSAGES, type DemoMessages, type LobbyInfo } from './messages.js';
import { repeat } from './repeat.js';
import { playerNames, REPORT_MS, SAMPLE_MS, type Controls, type Frame, type GameSession, type NetFigures, type PlayerName, type SessionEvents } from './session.js';

/** How a lobby is created. */
export interface HostSettings extends HostTunables {
  /** The host player's name; left out, the host has no ship of its own (a dedicated host). */
  readonly name?: string;
}

/** How `hostSession` reaches the broker and the players. */
export interface HostSessionOptions {
  /** ICE servers (STUN/TURN); the broker's list when left out. */
  readonly iceServers?: readonly RTCIceServer[];
  /** What drives the host's timers: a Worker (the default; the system clock where there is none), or the page's own timers. */
  readonly timers?: 'worker' | 'page';
}

/** A hosted game, with the engine's host and its transport underneath (for a headless host's logs). */
export interface HostedSession extends GameSession {
  readonly host: Host<ArenaState, ArenaSchema, DemoMessages>;
  /** The transport the host sends through: per-client statistics. */
  readonly transport: HostTransport;
}

class HostSession implements HostedSession {
  readonly isHost = true;
  readonly localPlayerId: number | undefined;
  private readonly events = new Emitter<SessionEvents>();
  private readonly meters: HostNet;
  private readonly timers: (() => void)[] = [];
  private info: LobbyInfo;
  private closed = false;

  constructor(
    readonly host: Host<ArenaState, ArenaSchema, DemoMessages>,
    private readonly conditioned: Conditioned<HostTransport>,
    counts: ReadonlyMap<string, StateCounts>,
    readonly code: string,
    hostName: string | undefined,
    private readonly clock: HostClock,
  ) {
    const { tickRate, snapshotRate, snapshotReliability, maxPlayers } = host.tunables;
    this.info = { tickRate, snapshotRate, snapshotReliability, maxPlayers, started: false };
    this.localPlayerId = hostName === undefined ? undefined : 0;
    const nameOf = (id: number) => host.players().find((p) => p.playerId === id)?.name ?? `player ${id}`;
    this.meters = new HostNet(host, conditioned.transport, counts, nameOf, clock.source);
    host.on('playerJoined', ({ playerId }) => {
      this.meters.link(playerId);
      host.send('lobby', this.info, playerId);
      this.emitPlayers();
    });
    host.on('playerAway', ({ playerId }) => {
      this.meters.link(playerId);
      this.emitPlayers();
    });
    host.on('playerReturned', ({ playerId }) => {
      this.meters.link(playerId);
      this.emitPlayers();
    });
    host.on('playerLeft', ({ playerId }) => {
      this.meters.forget(playerId);
      this.emitPlayers();
    });
    host.on('message', (message) => {
      if (message.type === 'netstats') this.meters.report(message.from, message.payload);
    });
    conditioned.transport.on('brokerLost', () => this.events.emit('warning', { message: BROKER_LOST }));
    conditioned.transport.on('brokerRestored', () => this.events.emit('warningCleared', { message: BROKER_LOST }));
    this.timers.push(repeat(clock.clock, SAMPLE_MS, () => this.meters.sample(clock.clock.now())));
    this.timers.push(repeat(clock.clock, REPORT_MS, () => this.meters.sendReports()));
  }

  get transport(): HostTransport {
    return this.conditioned.transport;
  }

  get lobby(): LobbyInfo {
    return this.info;
  }

  players(): readonly PlayerName[] {
    return playerNames(this.host.players());
  }

  frame(): Frame {
    // One tick behind the newest, blended between the two newest ticks.
    const { renderTick, entities } = this.host.view();
    return { tick: renderTick, entities };
  }

  setControls(controls: Controls): void {
    this.host.setInput(controls);
  }

  net(): NetFigures {
    return this.meters.figures(this.info);
  }

  setConditions(conditions: Parameters<GameSession['setConditions']>[0]): void {
    this.conditioned.setConditions(conditions);
  }

  startMatch(): void {
    if (this.info.started) return;
    this.info = { ...this.info, started: true };
    this.host.send('lobby', this.info);
    this.events.emit('lobby', this.info);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const stop of this.timers) stop();
    this.host.close();
    // The transport's goodbye timers still pending move to the page's timers.
    this.clock.dispose();
  }

  on<K extends keyof SessionEvents>(event: K, listener: (payload: SessionEvents[K]) => void) {
    return this.events.on(event, listener);
  }

  private emitPlayers(): void {
    this.events.emit('players', this.players());
  }
}

/** Opens a host on the broker and registers a lobby; rejects with a `NetError` when it cannot. */
export async function hostSession(brokerUrl: string, settings: HostSettings, options: HostSessionOptions = {}): Promise<HostedSession> {
  const { timers = 'worker', ...peerOptions } = options;
  const clock = hostClock(timers);
  let peer: PeerHostTransport;
  try {
    peer = await openPeerHost({ brokerUrl, ...peerOptions, clock: clock.clock });
  } catch (error) {
    clock.dispose();
    throw error;
  }
  try {
    const conditioned = conditionHost(peer, { seed: 1, clock: clock.clock });
    const counted = countHost(conditioned.transport);
    const { tickRate, snapshotRate, snapshotReliability, maxPlayers, name } = settings;
    const host = createHost({
      simulation: arenaSim,
      transport: counted.transport,
      tickRate,
      snapshotRate,
      snapshotReliability,
      maxPlayers,
      hostPlayer: name === undefined ? false : { name },
      messages: DEMO_MESSAGES,
      clock: clock.clock,
    });
    const code = await createLobby(peer);
    host.start();
    return new HostSession(host, conditioned, counted.counts, code, name, clock);
  } catch (error) {
    peer.close();
    clock.dispose();
    throw error;
  }
}
