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
import type { ClientTransport } from '../transport/transport.js';
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
  /** The name other players see (at most 32 characters). */
  readonly name?: string;
  /** The game's message types; the same declaration as the host's. */
  readonly messages?: MessageModes;
  /** How often the client runs a frame, in ms (default 8). */
  readonly frameMs?: number;
  /** The host counts as gone after this long without a message, in ms (default 10 000). */
  readonly hostTimeoutMs?: number;
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
}

/** Pings every 100 ms until this many samples, then every 500 ms. */
const FAST_PING_SAMPLES = 8;

export class Client<State, Input extends FieldValues> {
  readonly tunables: ClientTunables;
  private readonly events = new Emitter<ClientEvents>();
  private readonly clock: Clock;
  private readonly sync = new ClockSync();
  private readonly inbox: ClientInbox;
  private readonly types: GameMessageTypes;
  private play: ClientPlay<State, Input> | undefined;
  private input: Input;
  private cancelFrame: CancelTimer | undefined;
  private nextPingAt = 0;
  private closed = false;
  private timedOut = false;

  constructor(private readonly options: ClientOptions<State, Input>) {
    this.tunables = resolveClientTunables(options);
    validateSchema(options.simulation.schema);
    this.types = new GameMessageTypes(options.messages ?? {});
    this.clock = options.clock ?? systemClock;
    this.input = options.simulation.neutralInput;
    this.inbox = new ClientInbox({
      transport: options.transport,
      schema: options.simulation.schema,
      types: this.types,
      events: this.events,
      now: () => this.clock.now(),
      onPong: (sent, hostTimeMs) => this.sync.addSample(sent, hostTimeMs, this.clock.now()),
    });
    options.transport.on('closed', (reason) => {
      this.stop();
      this.closed = true;
      this.events.emit('disconnected', this.timedOut ? { code: 'timeout', message: reason.message } : reason);
    });
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
    this.inbox.hello(this.options.name ?? '');
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
      invalidMessages: this.inbox.invalidMessages + (play?.refusedParts ?? 0),
    };
  }

  /** Stops the frames; the connection stays open. */
  stop(): void {
    this.cancelFrame?.();
    this.cancelFrame = undefined;
  }

  /** Leaves the game. */
  close(reason = 'the player left'): void {
    this.stop();
    this.options.transport.close(reason);
  }

  private frame(): void {
    const now = this.clock.now();
    const timeoutMs = this.options.hostTimeoutMs ?? 10_000;
    if (now - this.inbox.lastHeardAt > timeoutMs) {
      this.timedOut = true;
      this.options.transport.close(`the host was silent for ${timeoutMs} ms`);
      return;
    }
    this.inbox.drain(
      (welcome) => {
        this.play = new ClientPlay({
          welcome,
          simulation: this.options.simulation,
          tunables: this.tunables,
          sync: this.sync,
          events: this.events,
          sendInput: (message) => this.inbox.sendInput(message),
        });
      },
      (snapshot) => this.play?.snapshot(snapshot),
    );
    this.play?.frame(now, this.input);
    this.ping(now);
    this.cancelFrame = this.clock.setTimer(this.options.frameMs ?? 8, () => this.frame());
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
