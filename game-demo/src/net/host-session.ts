/**
 * This tab hosts: it opens a PeerJS host on the broker, puts the simulated network and the
 * counters in front of it, runs the arena authoritatively and registers a lobby code. Each client
 * gets the lobby settings when it joins, and a `netstats` report every second; it sends its own.
 * Every timer of the host (its tick, the transport's pings and goodbyes, the simulated network's
 * delays, the reports) runs on one clock driven by a Worker, so a hidden tab keeps hosting at full
 * rate: a hidden page's own timers are throttled, and nothing here waits for an animation frame.
 * When the broker restarts, the lobby is registered again: a new code, should the broker give one,
 * is announced (`code`) and is the session's `code` from then on; a broker that refuses the host
 * for good (it restarted with another secret) is a warning that stays, as nobody new can join.
 * Free of the DOM: the dedicated host in Node (`game-demo/headless/host.ts`) is this session with
 * no player of its own (and the system clock, as Node has no Worker).
 */
import {
  checkPublicLobby,
  conditionHost,
  createHost,
  createLobby,
  Emitter,
  openPeerHost,
  publishLobby,
  type Conditioned,
  type Host,
  type HostTransport,
  type PeerHostTransport,
  type HostTunables,
  type PublicListing,
  type PublicLobbyOptions,
  type Succession,
  type Unsubscribe,
  type VoicePort,
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
  /** Lists the lobby publicly, where quick play finds it, under this name and mode; left out, only its code leads to it. */
  readonly publicLobby?: PublicLobbyOptions;
}

/** How `hostSession` reaches the broker and the players. */
export interface HostSessionOptions {
  /** ICE servers (STUN/TURN); the broker's list when left out. */
  readonly iceServers?: readonly RTCIceServer[];
  /** `'relay'` sends every link (voice too) through TURN. */
  readonly iceTransportPolicy?: RTCIceTransportPolicy;
  /** What drives the host's timers: a Worker (the default; the system clock where there is none), or the page's own timers. */
  readonly timers?: 'worker' | 'page';
}

/** A hosted session's events: a game session's, and its lobby code changing. */
export interface HostSessionEvents extends SessionEvents {
  /** The broker gave the lobby another code when the host registered again after a restart: show `code` from now on. */
  code: { readonly code: string; readonly previous: string };
}

/** A hosted game, with the engine's host and its transport underneath (for a headless host's logs). */
export interface HostedSession extends GameSession {
  readonly host: Host<ArenaState, ArenaSchema, DemoMessages>;
  /** The transport the host sends through: per-client statistics. */
  readonly transport: HostTransport;
  /** The lobby's public listing, when `publicLobby` was set; it ends with the session. */
  readonly listing: PublicListing | undefined;
  on<K extends keyof HostSessionEvents>(event: K, listener: (payload: HostSessionEvents[K]) => void): Unsubscribe;
}

/** The broker refuses the host for good: the game goes on, but its code leads nowhere. */
function brokerRefusedWarning(code: string): string {
  return `The broker restarted and no longer knows this game, so nobody new can join with code ${code}. The players already here play on; create a new lobby to invite more.`;
}

class HostSession implements HostedSession {
  readonly isHost = true;
  readonly localPlayerId: number | undefined;
  listing: PublicListing | undefined;
  private readonly events = new Emitter<HostSessionEvents>();
  private readonly meters: HostNet;
  private readonly timers: (() => void)[] = [];
  private info: LobbyInfo;
  private closed = false;

  constructor(
    readonly host: Host<ArenaState, ArenaSchema, DemoMessages>,
    private readonly conditioned: Conditioned<HostTransport>,
    counts: ReadonlyMap<string, StateCounts>,
    peer: PeerHostTransport,
    private lobbyCode: string,
    hostPlayerId: number | undefined,
    private readonly clock: HostClock,
    carried?: LobbyInfo,
  ) {
    const { tickRate, snapshotRate, snapshotReliability, maxPlayers } = host.tunables;
    this.info = { tickRate, snapshotRate, snapshotReliability, maxPlayers, started: carried?.started ?? false };
    this.localPlayerId = hostPlayerId;
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
    // The simulated network passes on what every transport says; these two only the PeerJS host does.
    peer.on('lobbyCodeChanged', (change) => {
      this.lobbyCode = change.code;
      this.events.emit('code', change);
    });
    peer.on('brokerRefused', () => this.events.emit('warning', { message: brokerRefusedWarning(this.lobbyCode) }));
    this.timers.push(repeat(clock.clock, SAMPLE_MS, () => this.meters.sample(clock.clock.now())));
    this.timers.push(repeat(clock.clock, REPORT_MS, () => this.meters.sendReports()));
  }

  get transport(): HostTransport {
    return this.conditioned.transport;
  }

  get code(): string {
    return this.lobbyCode;
  }

  get lobby(): LobbyInfo {
    return this.info;
  }

  get voicePort(): VoicePort {
    return this.host.voice;
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

  /** With a player of its own the host leaves, and the game goes on under its successor; a dedicated host ends it. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const stop of this.timers) stop();
    this.host.leave();
    // The transport's goodbye timers still pending move to the page's timers.
    this.clock.dispose();
  }

  on<K extends keyof HostSessionEvents>(event: K, listener: (payload: HostSessionEvents[K]) => void): Unsubscribe {
    return this.events.on(event, listener);
  }

  private emitPlayers(): void {
    this.events.emit('players', this.players());
  }
}

/** Opens a host on the broker and registers a lobby; rejects with a `NetError` when it cannot. */
export async function hostSession(brokerUrl: string, settings: HostSettings, options: HostSessionOptions = {}): Promise<HostedSession> {
  if (settings.publicLobby) checkPublicLobby(settings.publicLobby);
  return onBroker(brokerUrl, options, async ({ peer, clock, conditioned, counted }) => {
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
      // A game hosted by a player's tab goes on when the tab goes; a dedicated host has nobody to hand it to.
      ...(name === undefined ? {} : { hostMigration: true, migrationCredential: () => peer.migrationCredential ?? '' }),
    });
    const code = await createLobby(peer, { migration: name !== undefined });
    host.start();
    const session = new HostSession(host, conditioned, counted.counts, peer, code, name === undefined ? undefined : 0, clock);
    // Players and seats follow the host; the listing ends when the host closes.
    if (settings.publicLobby) session.listing = publishLobby(host, peer, { ...settings.publicLobby, brokerUrl, clock: clock.clock });
    return session;
  });
}

/** What a hosted session runs on: its peer on the broker, its clock, and the simulated network and counters in front. */
interface HostParts {
  readonly peer: PeerHostTransport;
  readonly clock: HostClock;
  readonly conditioned: Conditioned<HostTransport>;
  readonly counted: ReturnType<typeof countHost>;
}

/** Opens a host peer on the broker and builds a session on it; when that fails, nothing is left open. */
async function onBroker(brokerUrl: string, options: HostSessionOptions, build: (parts: HostParts) => Promise<HostedSession>): Promise<HostedSession> {
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
    return await build({ peer, clock, conditioned, counted: countHost(conditioned.transport) });
  } catch (error) {
    peer.close();
    clock.dispose();
    throw error;
  }
}

/**
 * This tab takes over a game whose host is gone (host migration): a new host on the broker takes
 * the lobby `code` over with the credential the old host handed this player, and carries the arena
 * on from where this tab had it, with the lobby's settings as they were.
 */
export async function takeOverSession(
  brokerUrl: string,
  code: string,
  succession: Succession<ArenaState>,
  carried: LobbyInfo | undefined,
  options: HostSessionOptions = {},
): Promise<HostedSession> {
  return onBroker(brokerUrl, options, async ({ peer, clock, conditioned, counted }) => {
    // A host that said it was leaving is waited for a moment; one whose link merely failed may be alive.
    await peer.takeOverLobby(code, succession.credential, { waitMs: succession.hostLeft ? 5000 : 0 });
    const host = createHost({
      simulation: arenaSim,
      transport: counted.transport,
      tickRate: succession.tickRate,
      snapshotRate: succession.snapshotRate,
      snapshotReliability: succession.snapshotReliability,
      reconnectWindowMs: succession.reconnectWindowMs,
      ...(carried ? { maxPlayers: carried.maxPlayers } : {}),
      messages: DEMO_MESSAGES,
      clock: clock.clock,
      takeOver: succession.takeOver,
      hostMigration: true,
      migrationCredential: () => peer.migrationCredential ?? '',
    });
    host.start();
    return new HostSession(host, conditioned, counted.counts, peer, peer.lobbyCode ?? code, succession.takeOver.hostPlayer.playerId, clock, carried);
  });
}
