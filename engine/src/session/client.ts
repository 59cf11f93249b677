/**
 * A client of a tickwire host. It says hello, synchronises its clock with pings, and once let in
 * runs its own ticks a little ahead of the host: each tick it records the game's input, predicts
 * its own player and sends the newest inputs (with a few earlier ones again, so a lost packet costs
 * nothing) along with the ack of the newest complete snapshot. Snapshots are assembled, applied to
 * the prediction (reconciliation) and buffered for drawing remote entities (interpolation).
 * Network events are queued and handled at the start of each frame, never inside a socket callback.
 */
import { systemClock, type CancelTimer, type Clock } from '../core/clock.js';
import { Emitter, type Unsubscribe } from '../core/emitter.js';
import { ClockSync } from '../netcode/clock-sync.js';
import type { FieldValues } from '../protocol/schema.js';
import { validateSchema } from '../protocol/schema.js';
import type { ClientTransport, LeaveReason } from '../transport/transport.js';
import { Reconnect } from './reconnect.js';
import { SeatMessages } from './reliable-log.js';
import { ClientInbox } from './client-inbox.js';
import { ClientPlay } from './client-play.js';
import { GameMessageTypes, type MessageModes } from './game-messages.js';
import { resolveClientTunables, type ClientTunables } from './options.js';
import type { ClientEvents } from './session-events.js';
import type { EntityView } from './entity-fields.js';
import type { PlayerId, Simulation } from './simulation.js';

export interface ClientOptions<State, Input extends FieldValues> extends Partial<ClientTunables> {
  readonly simulation: Simulation<State, Input>;
  readonly transport: ClientTransport;
  /** Drives the client's frames (default: the system clock). */
  readonly clock?: Clock;
  /**
   * The name the player asks for: at most 32 UTF-16 units are sent, and the host has the last word
   * (controls removed, at most 24 characters, a suffix such as ` (2)` when the name is taken).
   */
  readonly name?: string;
  /** The game's message types; the same declaration as the host's. */
  readonly messages?: MessageModes;
  /** How often the client runs a frame, in ms (default 8). */
  readonly frameMs?: number;
  /** The host counts as gone after this long without a message, in ms (default 10 000). */
  readonly hostTimeoutMs?: number;
  /**
   * Opens a new link to the same host (for PeerJS, `() => joinPeerLobby(sameOptions)`). With it, a
   * client whose connection fails tries to come back, as the same player, for as long as the host
   * keeps its seat (`reconnecting`, then `reconnected` or `disconnected`); without it, the failure
   * ends the client (`disconnected`).
   */
  readonly reconnect?: () => Promise<ClientTransport>;
}

/** What to draw this frame. */
export interface ClientView {
  /** The client's newest predicted tick. */
  readonly tick: number;
  /** The host tick remote entities are drawn at. */
  readonly renderTick: number;
  /** The local player's entity (predicted) and every other entity (interpolated). */
  readonly entities: readonly EntityView[];
}

export interface ClientStats {
  readonly playerId: PlayerId | undefined;
  readonly tick: number;
  readonly renderTick: number;
  readonly rttMs: number;
  readonly jitterMs: number;
  readonly leadMs: number;
  readonly interpolationDelayMs: number;
  readonly snapshotsApplied: number;
  readonly lastSnapshotBytes: number;
  readonly corrections: number;
  readonly lastCorrectionSize: number;
  /** Frames that drew remote entities past the newest snapshot. */
  readonly interpolationDry: number;
  /** Messages from the host that failed validation or could not be applied. */
  readonly invalidMessages: number;
  /**
   * Reliable game messages to the host that a reconnection could not replay (more were sent while
   * the link was down than the client keeps: 256 messages or 256 KiB).
   */
  readonly unreplayedMessages: number;
}

/** Pings every 100 ms until this many samples, then every 500 ms. */
const FAST_PING_SAMPLES = 8;

export class Client<State, Input extends FieldValues> {
  readonly tunables: ClientTunables;
  private readonly events = new Emitter<ClientEvents>();
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
  private play: ClientPlay<State, Input> | undefined;
  private input: Input;
  private cancelFrame: CancelTimer | undefined;
  private nextPingAt = 0;
  private closed = false;
  private ended = false;
  /** Invalid messages counted on earlier links. */
  private earlierInvalid = 0;
  /** Reliable messages to the host lost to a reconnection (more were sent while away than are kept). */
  private unreplayed = 0;
  private timedOut = false;

  constructor(private readonly options: ClientOptions<State, Input>) {
    this.tunables = resolveClientTunables(options);
    validateSchema(options.simulation.schema);
    this.types = new GameMessageTypes(options.messages ?? {});
    this.clock = options.clock ?? systemClock;
    this.input = options.simulation.neutralInput;
    this.transport = options.transport;
    this.inbox = this.attach(options.transport);
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
    this.timedOut = false;
    const inbox = new ClientInbox({
      transport,
      schema: this.options.simulation.schema,
      types: this.types,
      events: this.events,
      now: () => this.clock.now(),
      onPong: (sent, hostTimeMs) => this.sync.addSample(sent, hostTimeMs, this.clock.now()),
      seat: () => this.seatMessages,
      returning: () => this.resumeToken !== '',
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
      // The new link failed before the host let it back in: try again; refused: this is the end.
      if (failed) this.comeback.retry();
      else {
        this.comeback.cancel();
        this.end(reason);
      }
      return;
    }
    if (!this.closed && failed && this.options.reconnect && this.resumeToken !== '' && this.resumeWindowMs > 0) {
      this.comeback = new Reconnect(
        {
          clock: this.clock,
          open: this.options.reconnect,
          onAttempt: (attempt) => this.events.emit('reconnecting', { reason, attempt }),
          onLink: (transport) => {
            this.relink(transport);
            this.start();
          },
          onGiveUp: (why) => this.end(why),
        },
        reason,
        this.clock.now() + this.resumeWindowMs,
      );
      this.comeback.start();
      return;
    }
    this.end(reason);
  }

  private end(reason: LeaveReason): void {
    if (this.ended) return;
    this.closed = true;
    this.ended = true;
    this.events.emit('disconnected', reason);
  }

  on<K extends keyof ClientEvents>(event: K, listener: (payload: ClientEvents[K]) => void): Unsubscribe {
    return this.events.on(event, listener);
  }

  /** The id the host gave this player, once joined. */
  get playerId(): PlayerId | undefined {
    return this.play?.playerId;
  }

  /** The predicted state, once the first snapshot arrived. */
  get state(): State | undefined {
    return this.play?.prediction.state;
  }

  /** Says hello to the host and starts running frames on the clock. */
  start(): void {
    if (this.cancelFrame || this.closed) return;
    this.inbox.hello(this.options.name ?? '', this.resumeToken);
    this.frame();
  }

  /** The input for the ticks from now on. */
  setInput(input: Input): void {
    this.input = input;
  }

  /** Sends a game message to the host. */
  send(type: string, payload: unknown): void {
    this.inbox.sendGame(type, payload);
  }

  /** What to draw now. */
  view(): ClientView {
    return this.play?.view() ?? { tick: -1, renderTick: -Infinity, entities: [] };
  }

  stats(): ClientStats {
    const play = this.play;
    return {
      playerId: play?.playerId,
      tick: play?.tick ?? -1,
      renderTick: play?.renderTick ?? -Infinity,
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
    if (this.transport.open) this.transport.close(reason);
    else this.end({ code: 'local', message: reason });
  }

  private frame(): void {
    const now = this.clock.now();
    const timeoutMs = this.options.hostTimeoutMs ?? 10_000;
    if (now - this.inbox.lastHeardAt > timeoutMs) {
      this.timedOut = true;
      this.transport.close(`the host was silent for ${timeoutMs} ms`);
      return;
    }
    this.drain();
    this.play?.frame(now, this.input);
    this.ping(now);
    this.cancelFrame = this.clock.setTimer(this.options.frameMs ?? 8, () => this.frame());
  }

  /** Handles what the host sent since the last frame. */
  private drain(): void {
    this.inbox.drain(
      (welcome) => {
        const returning = this.comeback?.running === true;
        this.comeback?.cancel();
        this.play = new ClientPlay({
          welcome,
          simulation: this.options.simulation,
          tunables: this.tunables,
          sync: this.sync,
          events: this.events,
          sendInput: (message) => this.inbox.sendInput(message),
        });
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
export function createClient<State, Input extends FieldValues>(options: ClientOptions<State, Input>): Client<State, Input> {
  return new Client(options);
}
