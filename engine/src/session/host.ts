/**
 * The authoritative host. It owns the game state and advances it at a fixed tick: each tick it
 * drains the network events that arrived since the last one, applies one input per player (its own
 * directly, the peers' from their input buffers), steps the simulation, and on snapshot ticks sends
 * each client a delta against what that client acknowledged. Clock pings are answered at once,
 * outside the tick, so the measured round trip is not padded by the tick length.
 */
import { systemClock, type CancelTimer, type Clock } from '../core/clock.js';
import { Emitter, type Unsubscribe } from '../core/emitter.js';
import { StateHistory } from '../netcode/lag-compensation.js';
import { TickTimeline } from '../netcode/tick-timeline.js';
import type { FieldValues } from '../protocol/schema.js';
import { validateSchema } from '../protocol/schema.js';
import type { QuantizedSnapshot } from '../protocol/snapshot.js';
import type { ChannelName } from '../transport/channels.js';
import type { HostTransport } from '../transport/transport.js';
import { DEFAULT_RATE_LIMITS, type RateLimit } from './remote-player.js';
import { DEFAULT_BACKPRESSURE, stateCongested, type BackpressureLimits } from './backpressure.js';
import { GameMessageTypes, type MessageModes } from './game-messages.js';
import { HostInbox } from './host-inbox.js';
import { resolveHandshakeTimeoutMs, resolveHostTunables, resolveReconnectWindowMs, type HostTunables } from './options.js';
import { normalisePlayerName } from './player-name.js';
import { QuantizedSim } from './quantized-sim.js';
import type { HostEvents } from './session-events.js';
import type { PlayerId, Simulation, StepContext } from './simulation.js';
import { SnapshotSender } from './snapshot-sender.js';

export interface HostOptions<State, Input extends FieldValues> extends Partial<HostTunables> {
  readonly simulation: Simulation<State, Input>;
  readonly transport: HostTransport;
  /** Drives the tick (default: the system clock). */
  readonly clock?: Clock;
  /**
   * The host's own player, id 0, with this name (normalised as every player's is); `false` for a
   * host that only serves. Default `{ name: 'host' }`.
   */
  readonly hostPlayer?: { readonly name: string } | false;
  /** The game's message types and their delivery modes. */
  readonly messages?: MessageModes;
  /** How far back `rewind` in the step context reaches, in ms (default 300). */
  readonly maxRewindMs?: number;
  /** A client silent for this long is disconnected, in ms (default 10 000). */
  readonly peerTimeoutMs?: number;
  /**
   * A new connection not let in within this long, in ms, is refused (`handshake_timeout`) and
   * disconnected; its pings do not extend it (default 5000, 100 to 60 000).
   */
  readonly handshakeTimeoutMs?: number;
  /**
   * How long the seat of a client whose connection failed is kept for it to come back to, in ms
   * (default 10 000; 0 frees it at once). A clean leave or a kick frees it at once.
   */
  readonly reconnectWindowMs?: number;
  /** Messages per second each client may send per channel (defaults in `DEFAULT_RATE_LIMITS`). */
  readonly rateLimits?: Partial<Record<ChannelName, RateLimit>>;
  /**
   * Refused messages (over the rate limit, invalid, or before the hello) after which a client is
   * disconnected (default 100).
   */
  readonly maxStrikes?: number;
  /** When sends to a slow client are skipped, and when it is dropped (defaults in `DEFAULT_BACKPRESSURE`). */
  readonly backpressure?: Partial<BackpressureLimits>;
}

export interface PlayerInfo {
  readonly playerId: PlayerId;
  readonly name: string;
  /** The player's connection failed and its seat waits for it to come back. */
  readonly away: boolean;
}

export interface HostStats {
  readonly tick: number;
  readonly players: number;
  /** Bytes of the last snapshot sent to each client, summed. */
  readonly lastSnapshotBytes: number;
  readonly snapshotsSent: number;
  /** Snapshots not sent because the client's `state` channel was backed up. */
  readonly snapshotsSkipped: number;
  /** Ticks the host did not simulate because it fell too far behind (a stalled or throttled timer) and skipped ahead. */
  readonly ticksSkipped: number;
  /** Messages from peers that failed validation. */
  readonly invalidMessages: number;
  /** Network events dropped because the queue was full. */
  readonly droppedEvents: number;
  /** Messages refused because their sender was over its rate limit. */
  readonly rateLimitedMessages: number;
  /** Connections refused and cut because they were not let in within `handshakeTimeoutMs`. */
  readonly handshakeTimeouts: number;
}

/** Ticks of history kept for snapshot baselines: two seconds. */
const HISTORY_SECONDS = 2;
/** After this many ticks behind, the host stops catching up and skips ahead. */
const MAX_CATCH_UP_TICKS = 8;

export class Host<State, Input extends FieldValues> {
  readonly tunables: HostTunables;
  readonly timeline: TickTimeline;
  private readonly events = new Emitter<HostEvents>();
  private readonly clock: Clock;
  private readonly sim: QuantizedSim<State, Input>;
  private readonly sender: SnapshotSender;
  private readonly inbox: HostInbox<State, Input>;
  private readonly types: GameMessageTypes;
  private readonly history: StateHistory<State>;
  private readonly backpressure: BackpressureLimits;
  private currentState: State;
  private currentTick = 0;
  private epoch: number;
  private localInput: Input;
  private cancelTimer: CancelTimer | undefined;
  private snapshotsSent = 0;
  private snapshotsSkipped = 0;
  private skippedMs = 0;
  private lastSnapshotBytes = 0;

  constructor(private readonly options: HostOptions<State, Input>) {
    this.tunables = resolveHostTunables(options);
    validateSchema(options.simulation.schema);
    this.types = new GameMessageTypes(options.messages ?? {});
    this.clock = options.clock ?? systemClock;
    this.epoch = this.clock.now();
    this.timeline = new TickTimeline(this.tunables.tickRate);
    this.sim = new QuantizedSim(options.simulation, this.tunables.tickRate);
    this.sender = new SnapshotSender(options.simulation.schema, this.tunables.tickRate * HISTORY_SECONDS, this.tunables.snapshotReliability === 'reliable');
    this.localInput = options.simulation.neutralInput;
    this.backpressure = { ...DEFAULT_BACKPRESSURE, ...options.backpressure };
    const maxRewindMs = options.maxRewindMs ?? 300;
    this.history = new StateHistory({ tickRate: this.tunables.tickRate, maxRewindMs, historyMs: Math.max(1000, maxRewindMs) });
    let state = options.simulation.initialState();
    const hostPlayer = options.hostPlayer === false ? undefined : { name: normalisePlayerName(options.hostPlayer?.name ?? 'host', 'player 0', []) };
    if (hostPlayer) state = options.simulation.addPlayer(state, 0, hostPlayer.name);
    this.currentState = this.sim.fromSnapshot(this.sim.quantize(state), state);
    this.history.record(0, this.currentState);
    this.inbox = new HostInbox({
      transport: options.transport,
      simulation: options.simulation,
      tunables: this.tunables,
      types: this.types,
      events: this.events,
      clock: this.clock,
      tick: () => this.currentTick,
      hostTimeMs: () => this.hostTimeMs(),
      updateState: (change) => {
        const changed = change(this.currentState);
        this.currentState = this.sim.fromSnapshot(this.sim.quantize(changed), changed);
      },
      hostPlayer,
      peerTimeoutMs: options.peerTimeoutMs ?? 10_000,
      handshakeTimeoutMs: resolveHandshakeTimeoutMs(options.handshakeTimeoutMs),
      rateLimits: { ...DEFAULT_RATE_LIMITS, ...options.rateLimits },
      maxStrikes: options.maxStrikes ?? 100,
      backpressure: this.backpressure,
      reconnectWindowMs: resolveReconnectWindowMs(options.reconnectWindowMs),
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
    return this.clock.now() - this.epoch;
  }

  on<K extends keyof HostEvents>(event: K, listener: (payload: HostEvents[K]) => void): Unsubscribe {
    return this.events.on(event, listener);
  }

  /** The host player's input from now on (its own player, id 0). */
  setInput(input: Input): void {
    this.localInput = input;
  }

  /** Sends a game message to one player, or to every client when `to` is left out. */
  send(type: string, payload: unknown, to?: PlayerId): void {
    this.inbox.sendGame(type, payload, to);
  }

  players(): readonly PlayerInfo[] {
    return this.inbox.players();
  }

  /**
   * The transport's id for a connected player's link, for `transport.stats()` and
   * `candidatePair()`; undefined for the host's own player, a player away, or an unknown id. It
   * changes when a player comes back on a new connection.
   */
  peerIdOf(playerId: PlayerId): string | undefined {
    return this.inbox.playing().find((peer) => peer.playerId === playerId)?.peerId;
  }

  /** Ends a player's connection, telling it why. */
  kick(playerId: PlayerId, reason = 'kicked'): void {
    this.inbox.kick(playerId, reason);
  }

  stats(): HostStats {
    return {
      tick: this.currentTick,
      players: this.inbox.players().length,
      lastSnapshotBytes: this.lastSnapshotBytes,
      snapshotsSent: this.snapshotsSent,
      snapshotsSkipped: this.snapshotsSkipped,
      ticksSkipped: Math.floor(this.skippedMs / this.timeline.tickMs),
      invalidMessages: this.inbox.invalidMessages,
      droppedEvents: this.inbox.droppedEvents,
      rateLimitedMessages: this.inbox.rateLimitedMessages,
      handshakeTimeouts: this.inbox.handshakeTimeouts,
    };
  }

  /** Starts ticking on the clock. */
  start(): void {
    if (this.cancelTimer) return;
    this.epoch = this.clock.now() - this.timeline.timeOf(this.currentTick);
    this.schedule();
  }

  /** Stops ticking; the connections stay open. */
  stop(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
  }

  /** Stops ticking and closes every connection. */
  close(): void {
    this.stop();
    this.inbox.close();
    this.options.transport.close();
  }

  /** Simulates one tick now. */
  step(): void {
    this.inbox.drain();
    this.inbox.dropStuck();
    const tick = this.currentTick + 1;
    const inputs = this.inbox.takeInputs(tick, this.localInput, this.options.hostPlayer !== false);
    const next = this.sim.step(this.currentState, inputs, this.stepContext(tick));
    this.currentState = next.state;
    this.currentTick = tick;
    this.history.record(tick, next.state);
    if (tick % (this.tunables.tickRate / this.tunables.snapshotRate) === 0) this.sendSnapshots(tick, next.snapshot);
    this.events.emit('tick', { tick });
  }

  private stepContext(tick: number): StepContext<State> {
    return { tick, authoritative: true, rewind: (at) => this.history.at(at)?.state };
  }

  private sendSnapshots(tick: number, snapshot: QuantizedSnapshot): void {
    this.sender.record(tick, snapshot);
    let bytes = 0;
    for (const peer of this.inbox.playing()) {
      if (this.sender.channel === 'state' && stateCongested(this.options.transport.stats(peer.peerId), this.backpressure)) {
        this.snapshotsSkipped++;
        continue;
      }
      const encoded = this.sender.encodeFor(tick, snapshot, peer);
      for (const part of encoded.parts) this.options.transport.send(peer.peerId, this.sender.channel, part);
      bytes += encoded.bytes;
      this.snapshotsSent++;
    }
    this.lastSnapshotBytes = bytes;
  }

  private schedule(): void {
    const due = this.epoch + this.timeline.timeOf(this.currentTick + 1) - this.clock.now();
    this.cancelTimer = this.clock.setTimer(Math.max(0, due), () => this.onTimer());
  }

  private onTimer(): void {
    let ran = 0;
    while (this.cancelTimer && this.hostTimeMs() >= this.timeline.timeOf(this.currentTick + 1) && ran < MAX_CATCH_UP_TICKS) {
      this.step();
      ran++;
    }
    if (!this.cancelTimer) return;
    // Far behind (a stalled tab): skip the missed time instead of racing through it.
    const behindMs = this.hostTimeMs() - this.timeline.timeOf(this.currentTick + 1);
    if (behindMs > this.timeline.tickMs * MAX_CATCH_UP_TICKS) {
      this.epoch += behindMs;
      this.skippedMs += behindMs;
    }
    this.schedule();
  }
}

/** Creates a host; call `start()` to begin ticking. */
export function createHost<State, Input extends FieldValues>(options: HostOptions<State, Input>): Host<State, Input> {
  return new Host(options);
}
