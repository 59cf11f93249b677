/**
 * The authoritative host. It owns the game state and advances it at a fixed tick: each tick it
 * drains the network events that arrived since the last one, applies one input per player (its own
 * directly, the peers' from their input buffers), steps the simulation, and on snapshot ticks sends
 * each client a delta against what that client acknowledged. Clock pings are answered at once,
 * outside the tick, so the measured round trip is not padded by the tick length.
 */
import { systemClock, type Clock } from '../../core/clock.js';
import { NetError } from '../../core/net-error.js';
import { sendTo } from './peer-send.js';
import { Emitter, type Unsubscribe } from '../../core/emitter.js';
import { StateHistory } from '../../netcode/lag-compensation.js';
import { TickTimeline } from '../../netcode/tick-timeline.js';
import type { FieldValues, GameSchema, InputOf } from '../../protocol/schema.js';
import { validateSchema } from '../../protocol/schema.js';
import { NO_TICK } from '../../protocol/message-limits.js';
import { readMessage } from '../../protocol/parse-message.js';
import { MAX_MESSAGE_BYTES } from '../../transport/channels.js';
import type { QuantizedSnapshot } from '../../protocol/snapshot.js';
import { exactInput } from '../exact-input.js';
import { GameFence } from '../game-fence.js';
import { GameMessageTypes } from '../game-messages.js';
import type { MessageName, MessageTypes, NoMessages, PayloadOf } from '../message-declaration.js';
import { resolveHostTunables, type HostTunables } from '../options.js';
import type { PlayerInfo } from '../player-info.js';
import { neutralInputOf, QuantizedSim, type SettledState } from '../quantized-sim.js';
import type { HostEvents } from '../session-events.js';
import type { AnySimulation, PlayerId, StepContext } from '../simulation.js';
import { typedEntities, typedListener, type GameView } from '../typed-view.js';
import { ValueReport } from '../value-report.js';
import { DEFAULT_BACKPRESSURE, stateCongested, type BackpressureLimits } from './backpressure.js';
import type { HostOptions } from './host-options.js';
import type { HostStats } from './host-stats.js';
import { HostView } from './host-view.js';
import { inputStats } from './input-counts.js';
import { wirePeers, type Peers } from './peers.js';
import { normalisePlayerName } from './player-name.js';
import type { PlayerChange } from './seats.js';
import { SnapshotSender } from './snapshot-sender.js';
import { resolveInterest } from './interest/resolve-interest.js';
import { takeInputs } from './take-inputs.js';
import { TickLoop } from './tick-loop.js';
import { MigrationSender } from './migration-sender.js';
import { savedState } from '../migration/saved-state.js';
import { HOST_LEFT } from '../migration/host-left.js';
import type { CheckpointSeat } from '../migration/checkpoint.js';
import type { HostPlayer } from './seats.js';
import type { GameHost } from '../game-host.js';
import { VoicePort } from '../../voice/voice-port.js';
import { VoiceRelay, type VoiceRelayStats } from '../../voice/voice-relay.js';

/** Ticks of history kept for snapshot baselines: two seconds. */
const HISTORY_SECONDS = 2;

/** The authoritative host of a game: its tick, its players and their snapshots (see the file's header). */
export class Host<State, Schema extends GameSchema = GameSchema, Messages extends MessageTypes = NoMessages> implements GameHost<State, Schema, Messages> {
  readonly tunables: HostTunables;
  private readonly timeline: TickTimeline;
  private readonly events = new Emitter<HostEvents>({ onListenerError: (error, event) => this.fence.listenerThrew(event, error) });
  private readonly fence = new GameFence({
    emitError: (event) => this.events.emit('error', event),
    errorHeard: () => this.events.listenerCount('error') > 0,
    tick: () => this.currentTick,
    stop: (message) => {
      this.stop();
      this.events.emit('stopped', { reason: 'game_errors', message });
    },
  });
  private readonly clock: Clock;
  private readonly simulation: AnySimulation<State>;
  private readonly sim: QuantizedSim<State>;
  private readonly sender: SnapshotSender;
  private readonly peers: Peers;
  private readonly drawn: HostView;
  private readonly types: GameMessageTypes;
  private readonly history: StateHistory<State>;
  private readonly backpressure: BackpressureLimits;
  private currentState: State;
  /** The snapshot of `currentState`: sent again as is on a tick whose game code threw. */
  private currentSnapshot: QuantizedSnapshot;
  private currentTick = 0;
  private readonly loop: TickLoop;
  private localInput: FieldValues;
  private readonly values: ValueReport;
  private snapshotsSent = 0;
  private snapshotsSkipped = 0;
  private lastSnapshotBytes = 0;
  private closed = false;
  private readonly hostPlayer: HostPlayer | undefined;
  private readonly migration: MigrationSender | undefined;
  /** A takeover's own player's messages the old host's game had not seen, for the first tick. */
  private ownMessages: readonly Uint8Array[];
  /**
   * Voice signaling: the host's own player's port, for `startVoice` (tickwire's voice chat). The
   * host relays the players' voice signals whether or not it has voice itself.
   */
  readonly voice: VoicePort;
  private readonly voiceRelay: VoiceRelay;

  constructor(private readonly options: HostOptions<State, Schema, Messages>) {
    this.tunables = resolveHostTunables(options);
    this.simulation = options.simulation;
    validateSchema(this.simulation.schema);
    this.types = new GameMessageTypes(options.messages ?? {});
    this.clock = options.clock ?? systemClock;
    this.timeline = new TickTimeline(this.tunables.tickRate);
    this.loop = new TickLoop({ clock: this.clock, timeline: this.timeline, tick: () => this.currentTick, step: () => this.step() });
    this.values = new ValueReport(options);
    this.sim = new QuantizedSim(this.simulation, this.tunables.tickRate, this.fence, this.values.entity);
    this.drawn = new HostView(this.simulation.schema, (snapshot) => this.sim.entities(snapshot));
    const interest = resolveInterest(options, this.simulation.schema, this.tunables.snapshotRate);
    const playerEntityId = (playerId: PlayerId) => this.simulation.playerEntityId?.(playerId);
    this.sender = new SnapshotSender(this.simulation.schema, this.tunables.tickRate * HISTORY_SECONDS, this.tunables.snapshotReliability === 'reliable', interest && { config: interest, playerEntityId });
    this.localInput = exactInput(this.simulation.schema.input, this.sim.neutralInput, this.values);
    this.backpressure = { ...DEFAULT_BACKPRESSURE, ...options.backpressure };
    const maxRewindMs = options.maxRewindMs ?? 300;
    this.history = new StateHistory({ tickRate: this.tunables.tickRate, maxRewindMs, historyMs: Math.max(1000, maxRewindMs) });
    const takeOver = options.takeOver;
    // Outside the loop nothing is fenced: a game that throws here throws out of `createHost`, named.
    let state = takeOver ? takeOver.state : this.fence.call('initialState', () => this.simulation.initialState());
    const hostPlayer = takeOver
      ? takeOver.hostPlayer
      : options.hostPlayer === false
        ? undefined
        : { playerId: 0, name: normalisePlayerName(options.hostPlayer?.name ?? 'host', 'player 0', []) };
    this.hostPlayer = hostPlayer;
    if (hostPlayer && !takeOver) state = this.fence.call('addPlayer', () => this.simulation.addPlayer(state, 0, hostPlayer.name));
    const gone = takeOver ? [...(takeOver.formerHostPlayerId === undefined ? [] : [takeOver.formerHostPlayerId]), ...takeOver.unseated] : [];
    for (const playerId of gone) state = this.fence.call('removePlayer', () => this.simulation.removePlayer(state, playerId));
    const settled = this.sim.settle(state);
    this.currentState = settled.state;
    this.currentSnapshot = settled.snapshot;
    this.currentTick = takeOver?.tick ?? 0;
    this.history.record(this.currentTick, this.currentState);
    this.drawn.record(this.currentTick, this.currentSnapshot);
    this.peers = wirePeers({
      options,
      schema: this.simulation.schema,
      tunables: this.tunables,
      types: this.types,
      events: this.events,
      clock: this.clock,
      tick: () => this.currentTick,
      hostTimeMs: () => this.hostTimeMs(),
      hostPlayer,
      neutralInput: neutralInputOf(this.simulation),
      takeoverTick: takeOver?.tick ?? NO_TICK,
      backpressure: this.backpressure,
      updateState: (change) => this.changePlayers(change),
    });
    if (takeOver) this.peers.seats.inherit(takeOver.seats);
    ({ port: this.voice, relay: this.voiceRelay } = this.wireVoice(hostPlayer));
    this.ownMessages = takeOver?.ownMessages ?? [];
    this.migration = this.migrationSender(options);
  }

  /** Voice signaling: the relay between players, and the host's own player's port (see `voice/`). */
  private wireVoice(hostPlayer: HostPlayer | undefined): { port: VoicePort; relay: VoiceRelay } {
    const { transport } = this.options;
    const send = (peerId: string, channel: 'control' | 'state', data: Uint8Array) => transport.send(peerId, channel, data);
    const relay: VoiceRelay = new VoiceRelay({
      now: () => this.clock.now(),
      connected: (playerId) => this.peerIdOf(playerId) !== undefined,
      sendToClient: (to, from, signal) => {
        const peerId = this.peerIdOf(to);
        return peerId !== undefined && sendTo(send, peerId, 'control', { kind: 'voice', peer: from, signal });
      },
      hostPlayer: hostPlayer && { playerId: hostPlayer.playerId, deliver: (from, signal) => port.deliver(from, signal) },
    });
    const port: VoicePort = new VoicePort({
      send: (to, signal) => hostPlayer !== undefined && !this.closed && relay.relay(hostPlayer.playerId, to, signal),
      players: () => this.players().map((p) => p.playerId),
      self: () => (this.closed ? undefined : hostPlayer?.playerId),
    });
    this.peers.inbox.onVoice = (from, message) => relay.relay(from, message.peer, message.signal);
    this.events.on('playerJoined', ({ playerId }) => port.joined(playerId));
    this.events.on('playerLeft', ({ playerId }) => {
      relay.forget(playerId);
      port.left(playerId);
    });
    return { port, relay };
  }

  /** What the host did with the players' voice signals: relayed, and dropped by why. */
  voiceRelayStats(): VoiceRelayStats {
    return this.voiceRelay.stats();
  }

  /** With `hostMigration`, what sends clients the heirs and the heirs their checkpoints. */
  private migrationSender(options: HostOptions<State, Schema, Messages>): MigrationSender | undefined {
    if (options.hostMigration !== true) return undefined;
    if (!this.hostPlayer) {
      throw new NetError('invalid_option', 'hostMigration needs a host that plays: a host with hostPlayer: false serves the game alone and has nobody to hand it to');
    }
    // Checked now, so that a state that cannot be sent is said at once and not at the first checkpoint.
    savedState(this.simulation, this.currentState);
    const { transport } = options;
    const hostPlayerId = this.hostPlayer.playerId;
    return new MigrationSender({
      send: (peerId, channel, data) => transport.send(peerId, channel, data),
      clock: this.clock,
      stats: (peerId) => transport.stats(peerId),
      playing: () => this.peers.seats.playing(),
      away: () => this.peers.seats.awaySeats(),
      checkpoint: (tick: number, seats: readonly CheckpointSeat[]) =>
        this.fence.run(tick, 'saveState', () => ({
          tick,
          hostPlayerId,
          credential: options.migrationCredential?.() ?? '',
          seats,
          state: savedState(this.simulation, this.currentState),
          listing: options.migrationListing?.(),
        }), undefined),
    });
  }

  get tick(): number {
    return this.currentTick;
  }

  /** The authoritative state after the last tick. */
  get state(): State {
    return this.currentState;
  }

  /** Host time in ms: what clients synchronise to. */
  hostTimeMs(): number {
    return this.loop.hostTimeMs();
  }

  /** Listens for an event (see {@link HostEvents}); returns the unsubscribe. */
  on<K extends keyof HostEvents<Messages>>(event: K, listener: (payload: HostEvents<Messages>[K]) => void): Unsubscribe {
    return this.events.on(event, typedListener(listener));
  }

  /**
   * What to draw now: every entity one tick behind the simulation, blended between the two newest
   * ticks, so motion is smooth at any frame rate. Typed by the schema; changes nothing.
   */
  view(): GameView<Schema> {
    const tickTime = this.loop.running ? this.hostTimeMs() / this.timeline.tickMs : this.currentTick + 1;
    const renderTick = this.drawn.renderTick(tickTime);
    const entities = this.fence.call('toEntities', () => this.drawn.sample(renderTick));
    return { tick: this.currentTick, renderTick, entities: typedEntities<Schema>(entities) };
  }

  /**
   * The host player's input from now on (its own player, id 0), held to the schema as a client's
   * is: quantized, a value out of range clamped and reported (see `validate`). The values are taken
   * now: call again when they change. Anything but an object throws `NetError('invalid_input')`.
   */
  setInput(input: InputOf<Schema>): void {
    this.localInput = exactInput(this.simulation.schema.input, input, this.values);
  }

  /** Sends a game message to one player, or to every client when `to` is left out. */
  send<Name extends MessageName<Messages>>(type: Name, payload: PayloadOf<Messages[Name]>, to?: PlayerId): void {
    this.peers.outbox.send(type, payload, to);
  }

  /** Everyone in the game, by player id: the host's own player (0) and every client, seated or away. */
  players(): readonly PlayerInfo[] {
    return this.peers.seats.players();
  }

  /**
   * The transport's id for a connected player's link, for `transport.stats()` and
   * `candidatePair()`; undefined for the host's own player, a player away, or an unknown id. It
   * changes when a player comes back on a new connection.
   */
  peerIdOf(playerId: PlayerId): string | undefined {
    return this.peers.seats.playing().find((seat) => seat.playerId === playerId)?.peerId;
  }

  /** Ends a player's connection, telling it why. */
  kick(playerId: PlayerId, reason = 'kicked'): void {
    this.peers.seats.kick(playerId, reason);
  }

  stats(): HostStats {
    return {
      tick: this.currentTick,
      players: this.peers.seats.players().length,
      lastSnapshotBytes: this.lastSnapshotBytes,
      snapshotsSent: this.snapshotsSent,
      snapshotsSkipped: this.snapshotsSkipped,
      ticksSkipped: Math.floor(this.loop.skippedMs / this.timeline.tickMs),
      invalidMessages: this.peers.connections.invalidMessages,
      droppedEvents: this.peers.inbox.droppedEvents,
      rateLimitedMessages: this.peers.connections.rateLimitedMessages,
      handshakeTimeouts: this.peers.connections.handshakeTimeouts,
      ...inputStats(this.peers.seats.inputCounts()),
      valueProblems: this.values.count,
    };
  }

  /** Starts ticking on the clock; after `stop()` or a `stopped` event, ticks again from where it stopped. */
  start(): void {
    this.loop.start();
  }

  /** Stops ticking; the connections stay open. */
  stop(): void {
    this.loop.stop();
  }

  /**
   * Ends the game for everyone: stops ticking and closes every connection. With `hostMigration`,
   * the clients are told first that nobody takes over; to leave and let the game go on under the
   * next host, call `leave()`.
   */
  close(): void {
    this.migration?.endGame();
    this.shutDown();
  }

  /**
   * The host's player leaves and, with `hostMigration`, the game goes on: the clients are told
   * the host is leaving (`playerLeft` with reason `host_left`), and the successor takes over at
   * once. Without `hostMigration` it is `close()`.
   */
  leave(): void {
    if (!this.migration || !this.hostPlayer) {
      this.close();
      return;
    }
    for (const seat of this.peers.seats.playing()) {
      sendTo((peerId, channel, data) => this.options.transport.send(peerId, channel, data), seat.peerId, 'control', { kind: 'playerLeft', playerId: this.hostPlayer.playerId, reason: HOST_LEFT });
    }
    this.shutDown();
  }

  /** Who takes over if this host goes, the successor first (empty without `hostMigration`). */
  heirs(): readonly PlayerId[] {
    return this.migration?.order ?? [];
  }

  private shutDown(): void {
    if (this.closed) return;
    this.closed = true;
    this.stop();
    this.peers.connections.clear();
    this.peers.seats.clear();
    this.options.transport.close();
    this.voice.selfChanged();
    this.events.emit('closed', {});
  }

  /**
   * Simulates one tick now. When the game's code throws, the tick keeps the state it had (an
   * `error` event says what threw) and still counts, and its snapshot still goes out.
   */
  step(): void {
    this.fence.resume();
    this.deliverOwnMessages();
    this.peers.inbox.drain();
    const now = this.clock.now();
    this.peers.seats.expire(now);
    this.peers.connections.expire(now);
    const tick = this.currentTick + 1;
    const hostInput = this.hostPlayer ? { playerId: this.hostPlayer.playerId, values: this.localInput } : undefined;
    const { inputs, viewAges } = takeInputs(this.peers.seats.playing(), tick, hostInput);
    const next = this.fence.run(tick, 'step', () => this.sim.step(this.currentState, inputs, this.stepContext(tick, viewAges)), undefined);
    if (next) this.settle(next);
    this.currentTick = tick;
    this.history.record(tick, this.currentState);
    this.drawn.record(tick, this.currentSnapshot);
    if (tick % (this.tunables.tickRate / this.tunables.snapshotRate) === 0) {
      this.fence.run(tick, 'snapshot', () => this.sendSnapshots(tick, this.currentSnapshot), undefined);
      this.migration?.update(tick);
    }
    this.events.emit('tick', { tick });
  }

  /** At a takeover's first tick: what its own player sent the old host that the game had not seen. */
  private deliverOwnMessages(): void {
    if (this.ownMessages.length === 0 || !this.hostPlayer) return;
    for (const bytes of this.ownMessages) {
      const read = readMessage(bytes, MAX_MESSAGE_BYTES.control, { schema: this.simulation.schema });
      if (read.ok && read.value.kind === 'game') this.peers.delivery.deliverOwn(this.hostPlayer.playerId, read.value);
    }
    this.ownMessages = [];
  }

  /** Between ticks, as part of the next one: its number is what an error names. */
  private changePlayers(change: PlayerChange): void {
    const apply = (state: State): State =>
      change.kind === 'addPlayer' ? this.simulation.addPlayer(state, change.playerId, change.name) : this.simulation.removePlayer(state, change.playerId);
    const next = this.fence.run(this.currentTick + 1, change.kind, () => this.sim.settle(apply(this.currentState)), undefined);
    if (next) this.settle(next);
  }

  private settle(next: SettledState<State>): void {
    this.currentState = next.state;
    this.currentSnapshot = next.snapshot;
  }

  /**
   * What `step` knows of the past. The history holds every tick before `tick`; a player's view
   * tick is the one it drew the others at (the host's own: the tick before, as `view()` draws).
   */
  private stepContext(tick: number, viewAges: ReadonlyMap<PlayerId, number>): StepContext<State> {
    const viewTick = (playerId: PlayerId) => {
      const age = viewAges.get(playerId) ?? 1;
      return Math.min(Math.max(tick - age, this.history.oldestRewindTick), this.history.newestTick);
    };
    return {
      tick,
      authoritative: true,
      viewTick,
      rewindFor: (playerId) => this.history.at(viewTick(playerId))?.state,
      rewind: (at) => this.history.at(at)?.state,
    };
  }

  private sendSnapshots(tick: number, snapshot: QuantizedSnapshot): void {
    this.sender.record(tick, snapshot);
    let bytes = 0;
    for (const seat of this.peers.seats.playing()) {
      if (this.sender.channel === 'state' && stateCongested(this.options.transport.stats(seat.peerId), this.backpressure)) {
        this.snapshotsSkipped++;
        continue;
      }
      const encoded = this.sender.encodeFor(tick, snapshot, seat);
      for (const part of encoded.parts) this.options.transport.send(seat.peerId, this.sender.channel, part);
      bytes += encoded.bytes;
      this.snapshotsSent++;
    }
    this.lastSnapshotBytes = bytes;
  }
}

/** Creates a host; call `start()` to begin ticking. */
export function createHost<State, Schema extends GameSchema, Messages extends MessageTypes = NoMessages>(
  options: HostOptions<State, Schema, Messages>,
): Host<State, Schema, Messages> {
  return new Host(options);
}
