/**
 * A client in the game: everything that exists once the host's welcome arrived, wired together.
 * Each frame the tick clock says which ticks to predict (a lead ahead of the host), the input of
 * each goes to the prediction and out to the host, and the interpolation clock says which host
 * tick to draw remote entities at. Each snapshot part goes through the assembler, and what it
 * settles of its tick goes to interpolation at once (a lost part costs only the entities it may
 * have carried); a complete snapshot also becomes the next baseline to acknowledge and the
 * authoritative state to reconcile against. A partial one is never acknowledged.
 */
import type { Emitter } from '../../core/emitter.js';
import { TickRing } from '../../core/ring-buffer.js';
import { ClientTickClock } from '../../netcode/client-tick-clock.js';
import type { ClockSync } from '../../netcode/clock-sync.js';
import { InterpolationClock } from '../../netcode/interpolation-clock.js';
import { SnapshotArrival } from '../../netcode/snapshot-arrival.js';
import { TickTimeline } from '../../netcode/tick-timeline.js';
import { MAX_VIEW_AGE, NO_TICK } from '../../protocol/message-limits.js';
import type { InputMessage, WelcomeMessage } from '../../protocol/messages.js';
import { quantizeValues } from '../../protocol/quantize.js';
import type { FieldValues } from '../../protocol/schema.js';
import { SnapshotAssembler } from '../../protocol/snapshot-assembler.js';
import type { EntityValueCheck, QuantizedSnapshot, SnapshotEntity } from '../../protocol/snapshot.js';
import type { ArrivedSnapshot } from './client-inbox.js';
import type { GameFence } from '../game-fence.js';
import { LocalPrediction, type CorrectionReport } from './local-prediction.js';
import type { ClientTunables } from '../options.js';
import { QuantizedSim } from '../quantized-sim.js';
import { RemoteView } from './remote-view.js';
import type { ClientEvents } from '../session-events.js';
import type { AnySimulation, PlayerId } from '../simulation.js';
import type { EntityView } from '../entity-fields.js';

export interface ClientPlayContext<State> {
  readonly welcome: WelcomeMessage;
  readonly simulation: AnySimulation<State>;
  readonly tunables: ClientTunables;
  readonly sync: ClockSync;
  readonly events: Emitter<ClientEvents>;
  readonly sendInput: (message: InputMessage) => void;
  /** Every call of the game's code goes through it, so a throw costs a tick, not the frames. */
  readonly fence: GameFence;
  /** Hears each value of the predicted entities that quantizing changes. */
  readonly checkEntity: EntityValueCheck;
  /** Draw the player's own entity predicted (false: a spectator, everything interpolated). */
  readonly predict: boolean;
}

/** Seconds of complete snapshots kept as possible baselines. */
const BASELINE_SECONDS = 2;
/** Ticks of incomplete snapshots whose byte counts are kept: as far back as the assembler takes parts. */
const PART_TICKS_KEPT = 64;
/** Ticks of view ages kept: more than any unacknowledged input can reach back. */
const VIEW_AGE_TICKS = 512;

export class ClientPlay<State> {
  readonly playerId: PlayerId;
  readonly prediction: LocalPrediction<State>;
  private readonly sim: QuantizedSim<State>;
  private readonly tickClock: ClientTickClock;
  private readonly interpolation: InterpolationClock;
  private readonly arrival: SnapshotArrival;
  private readonly assembler: SnapshotAssembler;
  private readonly baselines: TickRing<QuantizedSnapshot>;
  private readonly remote: RemoteView;
  private readonly partBytes = new Map<number, number>();
  /** For each predicted tick, how far behind it the host tick drawn then was (see `InputMessage.viewAges`). */
  private readonly viewAges = new TickRing<number>(VIEW_AGE_TICKS);
  private readonly snapshotIntervalMs: number;
  private ackTick = NO_TICK;
  private render = NO_TICK;
  private lastFrameAt: number | undefined;
  snapshotsApplied = 0;
  lastSnapshotBytes = 0;
  corrections = 0;
  lastCorrectionSize = 0;
  /** Parts refused as bad: contradicting their tick's other parts, or naming a baseline never completed. */
  refusedParts = 0;
  /** Parts refused as late: duplicates, and ticks already superseded by a complete one (normal on `state`). */
  lateParts = 0;

  constructor(private readonly ctx: ClientPlayContext<State>) {
    const { welcome, simulation, tunables, sync } = ctx;
    this.playerId = welcome.playerId;
    this.sim = new QuantizedSim(simulation, welcome.tickRate, ctx.fence, ctx.checkEntity);
    const timeline = new TickTimeline(welcome.tickRate);
    this.tickClock = new ClientTickClock({ timeline, hostClock: sync });
    this.interpolation = new InterpolationClock({ timeline, hostClock: sync, delay: { mode: tunables.interpolationDelay } });
    this.arrival = new SnapshotArrival(welcome.tickRate);
    this.assembler = new SnapshotAssembler(simulation.schema);
    this.baselines = new TickRing(welcome.tickRate * BASELINE_SECONDS);
    this.remote = new RemoteView(simulation.schema, welcome.tickRate);
    this.prediction = new LocalPrediction(this.sim, this.playerId, welcome.tickRate, tunables, ctx.fence, {
      predict: ctx.predict,
      viewAgeOf: (tick) => this.viewAges.get(tick) ?? 0,
    });
    this.snapshotIntervalMs = 1000 / welcome.snapshotRate;
  }

  get tick(): number {
    return this.tickClock.tick;
  }

  get renderTick(): number {
    return this.render;
  }

  get leadMs(): number {
    return this.tickClock.leadMs;
  }

  get interpolationDelayMs(): number {
    return this.interpolation.delay.delayMs;
  }

  get interpolationDry(): number {
    return this.remote.dry;
  }

  /** Predicts the ticks that fell due, sends their inputs, and moves the render clock. */
  frame(now: number, input: FieldValues): void {
    this.prediction.decay(this.lastFrameAt === undefined ? 0 : now - this.lastFrameAt);
    this.lastFrameAt = now;
    const due = this.tickClock.update(now);
    const newest = this.tickClock.tick;
    for (let tick = newest - due + 1; tick <= newest; tick++) {
      // What the player saw when it acted: the host tick drawn by the last frame.
      this.viewAges.set(tick, this.render === NO_TICK ? 0 : Math.min(Math.max(Math.round(tick - this.render), 0), MAX_VIEW_AGE));
      this.prediction.advance(tick, input);
    }
    if (due > 0) this.sendInputs();
    const interval = this.arrival.observed > 1 ? this.arrival.intervalMs : this.snapshotIntervalMs;
    this.render = this.interpolation.update(now, interval, this.arrival.jitterMs) ?? NO_TICK;
    // Counted here, once a frame, so that drawing (or not, or twice) changes no figure.
    this.remote.countFrame(this.render);
  }

  /** Applies one snapshot part. */
  snapshot({ message, receivedAt, bytes }: ArrivedSnapshot): void {
    const baseline = message.baselineTick === NO_TICK ? undefined : this.baselines.get(message.baselineTick);
    const predictorTick = message.predictorTick ?? NO_TICK;
    const predictor = predictorTick === NO_TICK ? undefined : this.baselines.get(predictorTick);
    const result = this.assembler.accept(message, baseline, predictor);
    if (!result.ok) {
      if (result.late) this.lateParts++;
      else this.refusedParts++;
      return;
    }
    this.arrival.observe(message.tick, receivedAt);
    this.partBytes.set(message.tick, (this.partBytes.get(message.tick) ?? 0) + bytes);
    // Ticks that never complete are forgotten once the assembler would refuse their parts too.
    for (const t of this.partBytes.keys()) if (t + PART_TICKS_KEPT < message.tick) this.partBytes.delete(t);
    const { complete, tick, lastInputTick, known, covers } = result.value;
    this.remote.update(tick, known, covers);
    if (complete) this.applyComplete(tick, complete, lastInputTick);
  }

  /** The newest tick acknowledged: the newest complete snapshot from the host. */
  get newestTick(): number {
    return this.ackTick;
  }

  /**
   * The newest complete snapshot whose tick `usable` accepts, no older than `floor`, with the state
   * it describes built on `previous` (host migration carries the game on from it).
   */
  newestState(usable: (tick: number) => boolean, floor: number, previous: State): { readonly tick: number; readonly state: State } | undefined {
    for (let tick = this.ackTick; tick > floor && tick > this.ackTick - this.baselines.capacity; tick--) {
      const snapshot = this.baselines.get(tick);
      if (snapshot && usable(tick)) return { tick, state: this.sim.fromSnapshot(snapshot, previous) };
    }
    return undefined;
  }

  view(): { tick: number; renderTick: number; entities: EntityView[] } {
    const local = this.prediction.view();
    const entities = this.remote.sample(this.render, local?.id);
    if (local) entities.push(local);
    return { tick: this.tick, renderTick: this.render, entities };
  }

  private applyComplete(tick: number, snapshot: QuantizedSnapshot, lastInputTick: number): void {
    this.baselines.set(tick, snapshot);
    this.ackTick = Math.max(this.ackTick, tick);
    this.lastSnapshotBytes = this.partBytes.get(tick) ?? 0;
    for (const t of this.partBytes.keys()) if (t <= tick) this.partBytes.delete(t);
    this.snapshotsApplied++;
    const entities = this.sim.entities(snapshot);
    // A snapshot the game cannot read is still drawn and acknowledged; only the prediction misses it.
    const correction = this.ctx.fence.run(tick, 'fromEntities', () => this.reconcile(tick, entities), undefined);
    if (lastInputTick !== NO_TICK) this.prediction.history.ack(lastInputTick);
    this.ctx.events.emit('snapshot', { tick, bytes: this.lastSnapshotBytes });
    if (correction) {
      this.corrections++;
      this.lastCorrectionSize = correction.size;
      this.ctx.events.emit('correction', correction);
    }
  }

  /**
   * Reconciles the prediction with the host's state of `tick`. What entities do not carry comes
   * from the client's own prediction of that same tick, never from a newer one: the replay that
   * follows a correction steps it forward again, and must not step it twice.
   */
  private reconcile(tick: number, entities: readonly SnapshotEntity[]): CorrectionReport | undefined {
    const previous = this.prediction.stateAt(tick) ?? this.ctx.fence.call('initialState', () => this.ctx.simulation.initialState());
    return this.prediction.reconcile(tick, this.sim.fromEntities(entities, previous));
  }

  /** The newest inputs the host has not acknowledged, consecutive, oldest first. */
  private sendInputs(): void {
    const pending = this.prediction.history.unacked();
    let first = pending.length - 1;
    while (first > 0 && pending[first - 1]!.tick === pending[first]!.tick - 1) first--;
    const run = pending.slice(Math.max(0, first));
    if (run.length === 0) return;
    const schema = this.ctx.simulation.schema.input;
    this.ctx.sendInput({
      kind: 'input',
      ackSnapshotTick: this.ackTick,
      firstTick: run[0]!.tick,
      // `setInput` kept these values read back from their quantized form: they quantize to the
      // same integers again, so the host applies exactly what was predicted.
      inputs: run.map(({ input }) => quantizeValues(schema, input)),
      viewAges: run.map(({ tick }) => this.viewAges.get(tick) ?? 0),
    });
  }
}
