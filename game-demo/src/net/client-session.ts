/**
 * This tab joins a lobby: it resolves the code, opens a PeerJS link to the host, puts the
 * simulated network and the counters in front of it, and plays as a tickwire client; when the
 * link fails, it opens another and gets its seat back (client-link.ts). The local
 * ship is predicted and everything else interpolated (the engine's `view()`); the local player's
 * own shots are drawn from the prediction too, so they leave the ship's nose at once and fly among
 * the others exactly where the host's lag compensation will judge them.
 */
import { connectPeerClient, createClient, Emitter, NetError, resolveLobby, type Client, type ClientTransport, type Host, type Succession, type VoicePort } from 'tickwire';
import { takeOverSession, type HostedSession } from './host-session.js';
import { arenaSim } from '../sim/arena-sim.js';
import { arenaEntities } from '../sim/entities.js';
import type { ArenaSchema } from '../sim/schema.js';
import type { ArenaState } from '../sim/state.js';
import { ClientNet } from './client-net.js';
import { ClientLink } from './client-link.js';
import { BROKER_LOST, describeDisconnect, describeRefusal, reconnecting } from './errors.js';
import { DEMO_MESSAGES, type DemoMessages, type LobbyInfo } from './messages.js';
import { playerNames, REPORT_MS, SAMPLE_MS, type Controls, type Frame, type GameSession, type NetFigures, type PlayerName, type SessionEvents } from './session.js';

/** How long the host has to let this player in once the link is open. */
const ADMIT_TIMEOUT_MS = 10_000;

class ClientSession implements GameSession {
  readonly isHost = false;
  private readonly events = new Emitter<SessionEvents>();
  private readonly meters: ClientNet;
  private readonly timers: ReturnType<typeof setInterval>[] = [];
  private info: LobbyInfo | undefined;
  private ended = false;
  /** The warning shown last, cleared when what it was about is over. */
  private lastWarning = '';
  /** Every player's name as last seen, by id. */
  private readonly knownNames = new Map<number, string>();
  /** The session this tab hosts with once it took the game over. */
  private successor: HostedSession | undefined;

  constructor(
    private readonly client: Client<ArenaState, ArenaSchema, DemoMessages>,
    private readonly link: ClientLink,
    readonly code: string,
    private readonly brokerUrl: string,
    private readonly options: JoinOptions,
  ) {
    this.meters = new ClientNet(client, () => link.transport);
    for (const change of ['playerJoined', 'playerLeft', 'playerAway', 'playerReturned'] as const) {
      client.on(change, () => this.emitPlayers());
    }
    client.on('message', (message) => {
      if (message.type === 'lobby') this.events.emit('lobby', (this.info = message.payload));
      else if (message.type === 'netstats') this.meters.report(message.payload, link.counts);
    });
    client.on('disconnected', (reason) => this.end(describeDisconnect(reason)));
    this.followMigration();
    client.on('reconnecting', ({ attempt }) => this.warn(reconnecting(attempt)));
    client.on('reconnected', () => {
      // Back in the old seat, or (too late for it) as a new player: either way the list starts over.
      this.emitPlayers();
      this.events.emit('warningCleared', { message: this.lastWarning });
    });
    this.watch(link.transport);
    link.onOpened((transport) => this.watch(transport));
  }

  /**
   * Host migration, as the players see it: who left, who hosts now; and when this tab is the one,
   * the session it hosts with from then on.
   */
  private followMigration(): void {
    // Names as last seen: the host that left is gone from the list, the new one not on it yet.
    const nameOf = (id: number | undefined) => (id === undefined ? undefined : this.knownNames.get(id)) ?? 'the host';
    let former = 'The host';
    this.client.on('hostMigrating', ({ reason, formerHost, successor, you }) => {
      former = nameOf(formerHost);
      // A host that said goodbye left; one whose link failed may be there still, and the player goes back to it if so.
      if (reason.code !== 'closed') return;
      this.warn(you ? `${former} left; you are taking the game over…` : `${former} left; ${nameOf(successor)} is taking the game over…`);
    });
    this.client.on('hostMigrated', ({ hostPlayerId }) => {
      this.events.emit('warningCleared', { message: this.lastWarning });
      this.emitPlayers();
      this.warn(`${former} left, ${nameOf(hostPlayerId)} is hosting now`);
    });
    this.client.on('becameHost', () => {
      const session = this.successor;
      if (!session) return;
      this.ended = true;
      this.stopTimers();
      this.events.emit('warningCleared', { message: this.lastWarning });
      this.events.emit('becameHost', { session });
    });
  }

  /** Hosts the game from what the old host handed this player: the engine's `succession`. */
  async takeOver(succession: Succession<ArenaState>): Promise<Host<ArenaState, ArenaSchema, DemoMessages>> {
    this.successor = await takeOverSession(this.brokerUrl, this.code, succession, this.info, this.options);
    return this.successor.host;
  }

  /** The broker's comings and goings, on each link to the host. */
  private watch(transport: ClientTransport): void {
    transport.on('brokerLost', () => this.warn(BROKER_LOST));
    transport.on('brokerRestored', () => this.events.emit('warningCleared', { message: BROKER_LOST }));
    // Refused for good: the player's link to the host lives on, and its way back opens a new peer.
    transport.on('brokerRefused', () => this.events.emit('warningCleared', { message: BROKER_LOST }));
  }

  private warn(message: string): void {
    this.lastWarning = message;
    this.events.emit('warning', { message });
  }

  /** Says hello; resolves once the host lets this player in, rejects with the reason it did not. */
  join(): Promise<void> {
    const admitted = new Promise<void>((resolve, reject) => {
      const timeout = setTimeout(() => fail(`The host did not let this player in within ${ADMIT_TIMEOUT_MS / 1000} s.`), ADMIT_TIMEOUT_MS);
      const stops = [
        this.client.on('joined', () => {
          done();
          this.emitPlayers();
          this.timers.push(setInterval(() => this.meters.sample(performance.now()), SAMPLE_MS));
          this.timers.push(setInterval(() => this.sendReport(), REPORT_MS));
          resolve();
        }),
        this.client.on('refused', ({ reason, message }) => fail(describeRefusal(reason, message))),
        this.client.on('disconnected', (reason) => fail(describeDisconnect(reason))),
      ];
      const done = () => {
        clearTimeout(timeout);
        for (const stop of stops) stop();
      };
      const fail = (message: string) => {
        done();
        this.close();
        reject(new Error(message));
      };
    });
    this.client.start();
    return admitted;
  }

  get localPlayerId(): number | undefined {
    return this.client.playerId;
  }

  get lobby(): LobbyInfo | undefined {
    return this.info;
  }

  get voicePort(): VoicePort {
    return this.client.voice;
  }

  players(): readonly PlayerName[] {
    return playerNames(this.client.players());
  }

  frame(): Frame {
    const view = this.client.view();
    const me = this.client.playerId;
    const predicted = this.client.state;
    if (me === undefined || !predicted) return { tick: view.renderTick, entities: view.entities };
    // Own shots from the prediction, everyone else's interpolated.
    const ownShots = arenaEntities({ ships: [], pickups: [], shots: predicted.shots.filter((s) => s.owner === me) });
    const others = view.entities.filter((e) => e.type !== 'shot' || e.values.owner !== me);
    return { tick: view.renderTick, entities: [...others, ...ownShots] };
  }

  setControls(controls: Controls): void {
    this.client.setInput(controls);
  }

  net(): NetFigures {
    return this.meters.figures(this.info);
  }

  setConditions(conditions: Parameters<GameSession['setConditions']>[0]): void {
    this.link.setConditions(conditions);
  }

  startMatch(): void {
    // Only the host starts the match.
  }

  close(): void {
    this.ended = true;
    this.stopTimers();
    this.client.close('the player left');
  }

  on<K extends keyof SessionEvents>(event: K, listener: (payload: SessionEvents[K]) => void) {
    return this.events.on(event, listener);
  }

  private emitPlayers(): void {
    for (const { playerId, name } of this.client.players()) this.knownNames.set(playerId, name);
    this.events.emit('players', this.players());
  }

  private sendReport(): void {
    const rttMs = this.client.stats().rttMs;
    const { sent, received } = this.link.counts;
    this.client.send('netstats', { stateSent: sent, stateReceived: received, ...(rttMs > 0 ? { rttMs } : {}) });
  }

  private end(message: string): void {
    if (this.ended) return;
    this.ended = true;
    this.stopTimers();
    this.events.emit('ended', { message });
  }

  private stopTimers(): void {
    for (const timer of this.timers) clearInterval(timer);
    this.timers.length = 0;
  }
}

/** How `joinSession` reaches the host, beyond the broker and the code. */
export interface JoinOptions {
  /** ICE servers (STUN/TURN); the broker's list when left out. */
  readonly iceServers?: readonly RTCIceServer[];
  /** `'relay'` sends every link (voice too) through TURN. */
  readonly iceTransportPolicy?: RTCIceTransportPolicy;
}

/**
 * Joins the lobby `code`; rejects with a `NetError` or an `Error` saying why it could not. Free of
 * the DOM: headless bots (`game-demo/headless/`) join through it too.
 */
export async function joinSession(brokerUrl: string, code: string, name: string, options: JoinOptions = {}): Promise<GameSession> {
  // In a host migration the code may lead to the host that left until the broker has seen it go:
  // that one is not tried again, so the way back goes on to whoever takes the game over.
  let hostId: string | undefined;
  let goneHostId: string | undefined;
  const link = new ClientLink(async () => {
    const resolved = await resolveLobby(brokerUrl, code);
    if (resolved === goneHostId) throw new NetError('host_gone', 'the host left and nobody has taken the game over yet');
    const transport = await connectPeerClient({ brokerUrl, hostId: resolved, connectTimeoutMs: 15_000, ...options });
    hostId = resolved;
    return transport;
  });
  const transport = await link.open();
  const joined: { session?: ClientSession } = {};
  const client = createClient({
    simulation: arenaSim,
    transport,
    name,
    messages: DEMO_MESSAGES,
    reconnect: () => link.open(),
    // Only a player whose session exists by then can be named an heir: it has joined.
    succession: (succession) => (joined.session ? joined.session.takeOver(succession) : Promise.reject(new Error('not joined yet'))),
  });
  // Only a host that said it was leaving is gone for sure; one whose link failed may be there still.
  client.on('hostMigrating', ({ reason }) => {
    goneHostId = reason.code === 'closed' ? hostId : undefined;
  });
  const session = new ClientSession(client, link, code.trim().toUpperCase(), brokerUrl, options);
  joined.session = session;
  await session.join();
  return session;
}
