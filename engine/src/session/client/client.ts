/**
 * A client of a tickwire host. It says hello, synchronises its clock with pings, and once let in
 * runs its own ticks a little ahead of the host: each tick it records the game's input, predicts
 * its own player and sends the newest inputs (with a few earlier ones again, so a lost packet costs
 * nothing) along with the ack of the newest complete snapshot. Snapshots are assembled, applied to
 * the prediction (reconciliation) and buffered for drawing remote entities (interpolation).
 * Network events are queued and handled at the start of each frame, never inside a socket callback.
 */
import { systemClock, type CancelTimer, type Clock } from '../../core/clock.js';
import { Emitter, type Unsubscribe } from '../../core/emitter.js';
import { NetError } from '../../core/net-error.js';
import { ClockSync } from '../../netcode/clock-sync.js';
import type { FieldValues, GameSchema, InputOf } from '../../protocol/schema.js';
import { validateSchema } from '../../protocol/schema.js';
import { NO_TICK } from '../../protocol/message-limits.js';
import type { ClientTransport, LeaveReason } from '../../transport/transport.js';
import type { WelcomeMessage } from '../../protocol/messages.js';
import { Reconnect } from './reconnect.js';
import { SeatMessages } from '../reliable-log.js';
import { ClientInbox } from './client-inbox.js';
import { ClientPlay } from './client-play.js';
import { GameFence } from '../game-fence.js';
import { declareGame, type GameDeclaration } from '../game-declaration.js';
import { GameMessageTypes } from '../game-messages.js';
import type { MessageName, MessageTypes, NoMessages, PayloadOf } from '../message-declaration.js';
import type { PlayerInfo } from '../player-info.js';
import { PlayerRoster } from './player-roster.js';
import { typedEntities, typedListener, type GameView } from '../typed-view.js';
import { exactInput } from '../exact-input.js';
import { resolveClientTunables, type ClientTunables } from '../options.js';
import type { ClientEvents } from '../session-events.js';
import { neutralInputOf } from '../quantized-sim.js';
import { ValueReport } from '../value-report.js';
import type { AnySimulation, PlayerId } from '../simulation.js';
import type { ClientOptions } from './client-options.js';
import type { ClientStats } from './client-stats.js';
import type { GameHost } from '../game-host.js';
import type { TakeOver } from '../migration/take-over.js';
import { ClientMigration } from './client-migration.js';
import { takeOverPlan } from './take-over-plan.js';
import { VoicePort } from '../../voice/voice-port.js';

/** Pings every 100 ms until this many samples, then every 500 ms. */
const FAST_PING_SAMPLES = 8;
/** A player's session with a host: prediction, reconciliation and interpolation (see the file's header). */
export class Client<State, Schema extends GameSchema = GameSchema, Messages extends MessageTypes = NoMessages> {
  readonly tunables: ClientTunables;
  private readonly events = new Emitter<ClientEvents>({ onListenerError: (error, event) => this.fence.listenerThrew(event, error) });
  private readonly fence = new GameFence({
    emitError: (event) => this.events.emit('error', event),
    errorHeard: () => this.events.listenerCount('error') > 0,
    tick: () => this.play?.tick ?? -1,
    stop: (message) => {
      this.stop();
      this.events.emit('stopped', { reason: 'game_errors', message });
    },
  });
  private readonly clock: Clock;
  private sync = new ClockSync();
  private transport: ClientTransport;
  private inbox: ClientInbox;
  private unsubscribe: Unsubscribe = () => {};
  private resumeToken = '';
  private seatMessages = new SeatMessages();
  private resumeWindowMs = 0;
  private comeback: Reconnect | undefined;
  private readonly types: GameMessageTypes;
  private readonly game: GameDeclaration;
  private readonly simulation: AnySimulation<State>;
  private readonly roster = new PlayerRoster();
  private play: ClientPlay<State> | undefined;
  private input: FieldValues;
  private readonly values: ValueReport;
  private cancelFrame: CancelTimer | undefined;
  private nextPingAt = 0;
  private closed = false;
  /** The hello went out on this link: a restart after `stop()` must not say it twice (a strike). */
  private greeted = false;
  private ended = false;
  /** `start()` was called: `send()` has a link to use from then until the client ends. */
  private started = false;
  /** Invalid messages counted on earlier links. */
  private earlierInvalid = 0;
  /** Reliable messages to the host lost to a reconnection (more were sent while away than are kept). */
  private unreplayed = 0;
  private timedOut = false;
  private readonly migration: ClientMigration<State, GameHost<State, Schema, Messages>>;
  /** The last welcome: the host's rates, and whether it took the game over itself. */
  private welcome: WelcomeMessage | undefined;
  /** Voice signaling through the host, for `startVoice` (tickwire's voice chat). */
  readonly voice: VoicePort;

  constructor(private readonly options: ClientOptions<State, Schema, Messages>) {
    this.tunables = resolveClientTunables(options);
    this.simulation = options.simulation;
    validateSchema(this.simulation.schema);
    this.types = new GameMessageTypes(options.messages ?? {});
    this.game = declareGame(this.simulation.schema, this.types.modes, options.version);
    this.clock = options.clock ?? systemClock;
    this.values = new ValueReport(options);
    this.input = exactInput(this.simulation.schema.input, neutralInputOf(this.simulation), this.values);
    this.transport = options.transport;
    this.migration = new ClientMigration({
      clock: this.clock,
      events: this.events,
      succession: options.succession,
      plan: (playerId) => this.takeOverPlan(playerId),
      welcome: () => this.welcome,
      comeBack: (reason) => this.comeBack(reason),
      stopComingBack: () => this.comeback?.cancel(),
      ended: () => this.closed,
      retire: () => {
        this.closed = true;
        this.ended = true;
        this.comeback?.cancel();
      },
    });
    this.voice = this.wireVoice();
    this.inbox = this.attach(options.transport);
  }

  /** The voice port: it sends through whichever link is current, and hears who comes and goes. */
  private wireVoice(): VoicePort {
    const voice = new VoicePort({
      send: (to, signal) => !this.closed && this.inbox.sendVoice(to, signal),
      players: () => this.players().map((p) => p.playerId),
      self: () => (this.closed ? undefined : this.play?.playerId),
    });
    for (const event of ['joined', 'reconnected', 'hostMigrated', 'disconnected'] as const) this.events.on(event, () => voice.selfChanged());
    this.events.on('playerJoined', ({ playerId }) => voice.joined(playerId));
    this.events.on('playerLeft', ({ playerId }) => voice.left(playerId));
    return voice;
  }

  /** Moves on to a new link: the counts of the old one are kept. */
  private relink(transport: ClientTransport): void {
    this.earlierInvalid += this.inbox.invalidMessages;
    this.unreplayed += this.inbox.unreplayed;
    this.inbox = this.attach(transport);
  }

  /** Makes `transport` the link to the host: a fresh inbox and clock sync, and its end handled. */
  private attach(transport: ClientTransport): ClientInbox {
    this.unsubscribe();
    this.transport = transport;
    this.sync = new ClockSync();
    this.greeted = false;
    this.timedOut = false;
    const inbox = new ClientInbox({
      transport,
      schema: this.simulation.schema,
      game: this.game,
      types: this.types,
      events: this.events,
      now: () => this.clock.now(),
      onPong: (sent, hostTimeMs) => this.sync.addSample(sent, hostTimeMs, this.clock.now()),
      seat: () => this.seatMessages,
      returning: () => this.resumeToken !== '',
      roster: this.roster,
      onMigration: (message) => this.migration.accept(message),
      onHostLeaving: () => this.migration.hostSaysLeaving(),
      onVoice: (from, signal) => this.voice.deliver(from, signal),
      onWelcomeArrived: (welcome) => {
        this.resumeToken = welcome.resumeToken;
        this.resumeWindowMs = welcome.resumeWindowMs;
        if (!welcome.resumed) this.seatMessages = new SeatMessages();
      },
    });
    const unsubscribeClosed = transport.on('closed', (reason) => this.linkEnded(this.timedOut ? { code: 'timeout', message: reason.message } : reason));
    this.unsubscribe = () => {
      unsubscribeClosed();
      inbox.detach();
    };
    return inbox;
  }

  /** The link ended: try to come back when it failed and the seat is kept, or end here. */
  private linkEnded(reason: LeaveReason): void {
    this.stop();
    // What arrived before the link ended is delivered, not lost with the link.
    this.drain();
    const failed = reason.code === 'connection_lost' || reason.code === 'timeout';
    if (this.comeback?.running) {
      // The new link failed before the host let it back in: try again; refused: this is the end. In
      // a host migration, a link the old host closed as it went is tried again too.
      if (failed || (this.migration.active && reason.code === 'closed')) this.comeback.retry();
      else {
        this.comeback.cancel();
        this.end(reason);
      }
      return;
    }
    if (!this.closed && this.play && this.migration.hostLost(reason, failed, this.play.playerId, this.play.newestTick)) return;
    if (!this.closed && failed && this.canComeBack()) {
      this.comeBack(reason);
      return;
    }
    this.end(reason);
  }

  private canComeBack(): boolean {
    return this.options.reconnect !== undefined && this.resumeToken !== '' && this.resumeWindowMs > 0;
  }

  /** Tries to come back on a new link, as the same player, until the seat's window has passed. */
  private comeBack(reason: LeaveReason): void {
    const open = this.options.reconnect;
    if (!open) {
      this.end(reason);
      return;
    }
    this.comeback = new Reconnect(
      {
        clock: this.clock,
        open,
        random: this.options.random ?? Math.random,
        onAttempt: (attempt) => this.events.emit('reconnecting', { reason, attempt }),
        onLink: (transport) => {
          this.relink(transport);
          this.start();
        },
        onGiveUp: (why) => {
          this.migration.cancel();
          this.end(why);
        },
      },
      reason,
      this.clock.now() + this.resumeWindowMs,
    );
    this.comeback.start();
  }

  /** What this client, as the heir whose turn it is, would carry the game on from. */
  private takeOverPlan(playerId: PlayerId): TakeOver<State> | undefined {
    const play = this.play;
    if (!play) return undefined;
    return takeOverPlan({
      simulation: this.simulation,
      fence: this.fence,
      heir: this.migration.heirState,
      me: { playerId, name: this.roster.list().find((p) => p.playerId === playerId)?.name ?? '' },
      players: this.roster.list().map((p) => p.playerId),
      newestState: (usable, floor, previous) => play.newestState(usable, floor, previous),
      sentAfter: (seen) => this.seatMessages.sent.after(seen),
    });
  }

  private end(reason: LeaveReason): void {
    if (this.ended) return;
    this.closed = true;
    this.ended = true;
    this.events.emit('disconnected', reason);
  }

  /** Listens for an event (see {@link ClientEvents}); returns the unsubscribe. */
  on<K extends keyof ClientEvents<Messages, GameHost<State, Schema, Messages>>>(
    event: K,
    listener: (payload: ClientEvents<Messages, GameHost<State, Schema, Messages>>[K]) => void,
  ): Unsubscribe {
    return this.events.on(event, typedListener(listener));
  }

  /** Everyone in the game as the host last said, this player included, by player id; empty before the welcome. */
  players(): readonly PlayerInfo[] {
    return this.play ? this.roster.list() : [];
  }

  /**
   * Host migration: who hosts the game if the host goes, the successor first, as the host last said
   * (empty when the host does not migrate, or ends the game with it).
   */
  heirs(): readonly PlayerId[] {
    return this.migration.heirState.heirs;
  }

  /** The id the host gave this player, once joined. */
  get playerId(): PlayerId | undefined {
    return this.play?.playerId;
  }

  /** The predicted state, once the first snapshot arrived. */
  get state(): State | undefined {
    return this.play?.prediction.state;
  }

  /**
   * Says hello to the host (once per link) and starts running frames on the clock; after `stop()`
   * or a `stopped` event it runs them again.
   */
  start(): void {
    if (this.cancelFrame || this.closed) return;
    if (!this.greeted) this.inbox.hello(this.options.name ?? '', this.resumeToken);
    this.greeted = true;
    this.started = true;
    this.frame();
  }

  /**
   * The input for the ticks from now on, held to the schema: quantized and read back, so the client
   * predicts with exactly the values the host will apply (a value out of range is clamped and
   * reported, see `validate`). The values are taken now: call again when they change. Anything but
   * an object throws `NetError('invalid_input')`.
   */
  setInput(input: InputOf<Schema>): void {
    this.input = exactInput(this.simulation.schema.input, input, this.values);
  }

  /**
   * Sends a game message to the host. Throws `NetError('not_connected')` before `start()` and once
   * the client has ended (`close()`, or `disconnected`): there is no link for it. While the client
   * reconnects, a reliable message waits and goes once it is back; others may be lost, as ever.
   */
  send<Name extends MessageName<Messages>>(type: Name, payload: PayloadOf<Messages[Name]>): void {
    if (!this.started) throw new NetError('not_connected', `cannot send "${type}" before start(): the client has not said hello to the host yet`);
    if (this.closed) throw new NetError('not_connected', `cannot send "${type}": the client has left the game`);
    this.inbox.sendGame(type, payload);
  }

  /**
   * What to draw now: the player's own entity predicted (a correction glides out) and every other
   * entity interpolated between snapshots, typed by the schema. Changes nothing.
   */
  view(): GameView<Schema> {
    const view = this.play?.view();
    return view ? { ...view, entities: typedEntities<Schema>(view.entities) } : { tick: NO_TICK, renderTick: NO_TICK, entities: [] };
  }

  stats(): ClientStats {
    const play = this.play;
    return {
      playerId: play?.playerId,
      tick: play?.tick ?? -1,
      renderTick: play?.renderTick ?? NO_TICK,
      rttMs: this.sync.rttMs,
      jitterMs: this.sync.jitterMs,
      leadMs: play?.leadMs ?? 0,
      interpolationDelayMs: play?.interpolationDelayMs ?? 0,
      snapshotsApplied: play?.snapshotsApplied ?? 0,
      lastSnapshotBytes: play?.lastSnapshotBytes ?? 0,
      corrections: play?.corrections ?? 0,
      lastCorrectionSize: play?.lastCorrectionSize ?? 0,
      interpolationDry: play?.interpolationDry ?? 0,
      invalidMessages: this.earlierInvalid + this.inbox.invalidMessages + (play?.refusedParts ?? 0),
      unreplayedMessages: this.unreplayed + this.inbox.unreplayed,
      valueProblems: this.values.count,
      checkpointTick: this.migration.heirState.checkpoint?.tick ?? NO_TICK,
    };
  }

  /** Stops the frames; the connection stays open. */
  stop(): void {
    this.cancelFrame?.();
    this.cancelFrame = undefined;
  }

  /** Leaves the game (and stops trying to come back, if it was). */
  close(reason = 'the player left'): void {
    this.stop();
    this.closed = true;
    this.comeback?.cancel();
    this.migration.cancel();
    if (this.transport.open) this.transport.close(reason);
    else this.end({ code: 'local', message: reason });
  }

  private frame(): void {
    const now = this.clock.now();
    const timeoutMs = this.migration.silenceLimitMs(this.options.hostTimeoutMs ?? 10_000, this.options.hostSilenceMs);
    if (now - this.inbox.lastHeardAt > timeoutMs) {
      this.timedOut = true;
      this.transport.close(`the host was silent for ${timeoutMs} ms`);
      return;
    }
    // The next frame is due whatever this one meets; a stop (the fence's, or the link's end) cancels it.
    this.cancelFrame = this.clock.setTimer(this.options.frameMs ?? 8, () => this.frame());
    this.fence.resume();
    this.drain();
    this.play?.frame(now, this.input);
    this.ping(now);
  }

  /** Handles what the host sent since the last frame. */
  private drain(): void {
    this.inbox.drain(
      (welcome) => {
        const returning = this.comeback?.running === true;
        this.comeback?.cancel();
        this.play = new ClientPlay({
          welcome,
          simulation: this.simulation,
          tunables: this.tunables,
          sync: this.sync,
          events: this.events,
          sendInput: (message) => this.inbox.sendInput(message),
          fence: this.fence,
          checkEntity: this.values.entity,
          predict: this.options.predict !== false,
        });
        const previous = this.welcome;
        this.welcome = welcome;
        // A welcome from a new host ends a migration, which says so itself (`hostMigrated`).
        const migrated = this.migration.welcomed(welcome, previous);
        if (migrated) return;
        if (returning) this.events.emit('reconnected', { playerId: welcome.playerId, resumed: welcome.resumed });
        else this.events.emit('joined', { playerId: welcome.playerId });
      },
      (snapshot) => this.play?.snapshot(snapshot),
    );
  }

  private ping(now: number): void {
    if (now < this.nextPingAt) return;
    this.inbox.ping(now);
    this.nextPingAt = now + (this.sync.sampleCount < FAST_PING_SAMPLES ? 100 : 500);
  }
}

/** Creates a client; call `start()` to say hello and begin. */
export function createClient<State, Schema extends GameSchema, Messages extends MessageTypes = NoMessages>(
  options: ClientOptions<State, Schema, Messages>,
): Client<State, Schema, Messages> {
  return new Client(options);
}
