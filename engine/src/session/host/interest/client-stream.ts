/**
 * One client's snapshot stream under interest management or a bandwidth budget.
 *
 * With the whole world sent to everyone, what a client holds at an acknowledged tick is the host's
 * snapshot of that tick. Here it is not: each client is sent its own **view**, the entities of its
 * interest, some of them (under a budget) as they were when last sent. So the stream keeps, per
 * snapshot tick it sent, the view the client holds once it has that tick whole, and deltas against
 * the view of the tick the client acknowledged. An entity that leaves the view is listed as removed
 * and one that enters goes in full, so the client spawns and despawns it exactly as it does any
 * entity; an entity never sent is never in a view, so it is never assumed present on the client.
 * Views older than the acknowledged tick are dropped.
 *
 * Under a budget each entity that needs an update waits its turn by accumulated priority
 * (`priority-accumulator.ts`, `budget-fill.ts`). One rule keeps what the client draws from going
 * backwards: an entity that the newest snapshot since the acknowledged one has otherwise than the
 * acknowledged view (the client may hold it so) is **pinned**: sent again as that snapshot had it,
 * before anything new, unless it is chosen for a fresh update. Left out, it would fall back to the
 * older value of the baseline; sent with its current value every time, it would never stop being
 * in flight. Pinned, it stops costing anything once the client acknowledges a snapshot that has it.
 * When even the pinned ones do not fit, those left out do fall back, consistently: the host's
 * record of the view says so.
 *
 * The budget is filled from estimates of each record's size; the snapshot is then encoded and
 * measured, filled again from what is left while something more fits, and while it is over the
 * budget the item taken last is put back.
 */
import { NetError } from '../../../core/net-error.js';
import { NO_TICK } from '../../../protocol/message-limits.js';
import type { EntityRecord } from '../../../protocol/messages.js';
import { schemaLayout, type SchemaLayout } from '../../../protocol/schema-layout.js';
import type { GameSchema } from '../../../protocol/schema.js';
import { diffSnapshot } from '../../../protocol/snapshot-delta.js';
import { MAX_PREDICTION_TICKS } from '../../../protocol/prediction.js';
import type { QuantizedEntity, QuantizedSnapshot } from '../../../protocol/snapshot.js';
import type { PlayerId } from '../../simulation.js';
import { fillBudget, Rank, type BudgetItem } from './budget-fill.js';
import type { InterestWorld, ViewerMemory } from './interest-world.js';
import { PriorityAccumulator } from './priority-accumulator.js';
import { recordBytes, removalBytes } from './record-size.js';
import type { ResolvedInterest } from './resolve-interest.js';
import { MAX_SNAPSHOT_OVERHEAD } from './resolve-interest.js';
import { defaultPriority } from './default-priority.js';

/** A snapshot as sent to one client: the view it holds once it has the tick whole. */
interface SentView {
  readonly entities: QuantizedSnapshot;
}

/** What to encode for one client at one tick. */
export interface StreamPlan {
  /** The tick the delta is against, or `NO_TICK` for a full snapshot. */
  readonly baselineTick: number;
  /** The older view the differences are predicted with (`prediction.ts`); absent for none. */
  readonly predictorTick?: number;
  readonly records: readonly EntityRecord[];
  readonly removed: readonly number[];
}

/** What every client's stream shares. */
export interface StreamSetup {
  readonly schema: GameSchema;
  readonly config: ResolvedInterest;
  readonly world: InterestWorld;
  /** How many ticks back a baseline may be. */
  readonly historyTicks: number;
  /** The most bytes one part may take: the budget pays a header for every part. */
  readonly maxPartBytes: number;
}

const NOTHING: QuantizedSnapshot = new Map();
/** Fills of the budget from what the encoded snapshot left: the estimates are close, not exact. */
const MAX_FILL_PASSES = 3;
/** What the body's headers may grow by as records are added (a fixarray to array16, a bin 8 to bin 16). */
const ARRAY_GROWTH = 4;
/** What a record sent again may take beyond its last size: half a byte. */
const PIN_SLACK_BYTES = 0.5;
/** About the bytes the records' stream head takes when the first record comes (`record-bits.ts`). */
const STREAM_HEAD_BYTES = 8;

/** What the headers of `plan`'s body may still grow by: the removals' array and the records' stream. */
function arrayGrowth(plan: StreamPlan): number {
  return (plan.records.length === 0 ? STREAM_HEAD_BYTES : 1) + (plan.removed.length < 16 ? 2 : 0);
}

/** An item of the budget and what it puts in the view. */
interface Planned extends BudgetItem {
  /** The entity as the view will hold it; undefined for a removal. */
  readonly value: QuantizedEntity | undefined;
  /** True for an update to the current value, which starts the entity's total again. */
  readonly fresh: boolean;
}

export class ClientStream {
  private readonly views = new Map<number, SentView>();
  private readonly accumulator = new PriorityAccumulator();
  private readonly memory: ViewerMemory = { centre: undefined };
  private readonly layout: SchemaLayout;

  constructor(
    readonly playerId: PlayerId,
    private readonly setup: StreamSetup,
  ) {
    this.layout = schemaLayout(setup.schema);
  }

  /** Snapshot ticks whose views are kept (the acknowledged one and those after it). */
  get keptViews(): number {
    return this.views.size;
  }

  /**
   * Plans this client's snapshot of `tick`, has `encode` encode it, and records what was sent.
   * Under a budget, plans again with less while the encoded bytes are over it.
   */
  send<Encoded extends { readonly bytes: number }>(
    tick: number,
    snapshot: QuantizedSnapshot,
    ackedTick: number,
    encode: (plan: StreamPlan) => Encoded,
    priorAckedTick: number = NO_TICK,
  ): Encoded {
    const prior = this.setup.config.budgetBytes === undefined && priorAckedTick !== NO_TICK && priorAckedTick < ackedTick ? priorAckedTick : NO_TICK;
    this.forgetBefore(prior === NO_TICK ? ackedTick : prior, tick);
    const base = ackedTick === NO_TICK ? undefined : this.views.get(ackedTick);
    const baselineTick = base ? ackedTick : NO_TICK;
    const held = base?.entities ?? NOTHING;
    const { world, config, schema } = this.setup;
    world.observe(snapshot);
    const relevant = world.relevantTo(this.playerId, this.memory);
    const budget = config.budgetBytes;
    if (budget === undefined) {
      const view = new Map<number, QuantizedEntity>();
      for (const id of relevant) view.set(id, snapshot.get(id)!);
      const predictor = base && prior !== NO_TICK && tick - prior <= Math.min(MAX_PREDICTION_TICKS, this.setup.historyTicks / 2) ? this.views.get(prior) : undefined;
      const prediction = predictor && { snapshot: predictor.entities, ahead: tick - baselineTick, span: baselineTick - prior };
      const delta = diffSnapshot(schema, view, base?.entities, prediction);
      this.views.set(tick, { entities: view });
      return encode({ baselineTick, ...(prediction ? { predictorTick: prior } : {}), ...delta });
    }
    const view = new Map(held);
    const items = this.items(tick, snapshot, relevant, held, baselineTick, view);
    const taken: Planned[] = [];
    const plan = () => ({ baselineTick, ...diffSnapshot(schema, view, base?.entities) });
    let room = budget - this.overhead(budget);
    // Pins cost again next snapshot, a few bits more or less each (their gaps and the columns'
    // orders move): fresh updates leave that much.
    const reserve = items.filter((item) => item.rank === Rank.inFlight).length * PIN_SLACK_BYTES + ARRAY_GROWTH;
    let encoded: Encoded | undefined;
    for (let pass = 0; pass < MAX_FILL_PASSES && room > 0; pass++) {
      const more = fillBudget(items.filter((item) => !taken.includes(item)), room, reserve) as Planned[];
      if (more.length === 0) break;
      for (const item of more) this.take(view, item, taken);
      const next = plan();
      encoded = encode(next);
      room = budget - encoded.bytes - arrayGrowth(next);
    }
    encoded ??= encode(plan());
    while (encoded.bytes > budget && taken.length > 0) {
      // Fresh updates go back first: a pin left out is a step back on the client.
      const at = taken.findLastIndex((item) => item.rank === Rank.waiting);
      const [last] = taken.splice(at < 0 ? taken.length - 1 : at, 1) as [Planned];
      const earlier = taken.findLast((item) => item.id === last.id);
      const before = earlier ? earlier.value : held.get(last.id);
      if (before) view.set(last.id, before);
      else view.delete(last.id);
      encoded = encode(plan());
    }
    for (const item of taken) if (item.fresh) this.accumulator.sent(item.id);
    this.views.set(tick, { entities: view });
    return encoded;
  }

  private take(view: Map<number, QuantizedEntity>, item: Planned, taken: Planned[]): void {
    taken.push(item);
    if (item.value) view.set(item.id, item.value);
    else view.delete(item.id);
  }

  /**
   * Every update, pin and removal the view may take, priced and ranked; entities the client holds
   * as they are go into `view` as they are, and their totals start again.
   */
  private items(tick: number, snapshot: QuantizedSnapshot, relevant: ReadonlySet<number>, held: QuantizedSnapshot, baselineTick: number, view: Map<number, QuantizedEntity>): Planned[] {
    const newest = this.newestSince(baselineTick, tick)?.entities ?? held;
    const own = this.setup.world.ownEntity(this.playerId);
    const items: Planned[] = [];
    for (const id of relevant) {
      const entity = snapshot.get(id)!;
      const before = held.get(id);
      const bytes = recordBytes(this.layout, id, entity, before);
      if (bytes === 0) {
        view.set(id, entity);
        this.accumulator.sent(id);
        continue;
      }
      const priority = this.accumulator.add(id, this.priorityOf(id, entity, before));
      if (id === own) {
        items.push({ id, bytes, rank: Rank.own, priority, value: entity, fresh: true });
        continue;
      }
      const pinned = newest.get(id);
      const pin: Planned | undefined =
        pinned === before
          ? undefined
          : pinned
            ? { id, bytes: recordBytes(this.layout, id, pinned, before), rank: Rank.inFlight, priority, value: pinned, fresh: false }
            : { id, bytes: removalBytes(id), rank: Rank.inFlight, priority, value: undefined, fresh: false };
      if (pin) items.push(pin);
      // Priced in full even when its pin is taken: a fresh value keeps the entity in flight, and
      // pinned, for as many snapshots again.
      items.push({ id, bytes, rank: Rank.waiting, priority, value: entity, fresh: true });
    }
    for (const id of held.keys()) {
      if (!relevant.has(id)) items.push({ id, bytes: removalBytes(id), rank: Rank.removal, priority: 0, value: undefined, fresh: false });
    }
    this.accumulator.retain((id) => relevant.has(id));
    return items;
  }

  /** The newest view sent after the baseline and before `tick`. */
  private newestSince(baselineTick: number, tick: number): SentView | undefined {
    let newest = -1;
    for (const sent of this.views.keys()) if (sent > baselineTick && sent < tick && sent > newest) newest = sent;
    return newest < 0 ? undefined : this.views.get(newest);
  }

  private priorityOf(id: number, entity: QuantizedEntity, before: QuantizedEntity | undefined): number {
    const { world, config } = this.setup;
    if (!config.priority) return defaultPriority(world.positions, config.spatial, this.memory.centre, id, entity, before);
    const priority = config.priority(world.positions.entity(id, entity), this.playerId);
    if (typeof priority !== 'number' || !(priority >= 0) || priority === Infinity) {
      throw new NetError('invalid_value', `priority(entity ${id}, player ${this.playerId}) returned ${String(priority)}: it must be a finite number of 0 or more`);
    }
    return priority;
  }

  /** Bytes of the budget that headers take: one per part the budget can fill. */
  private overhead(budget: number): number {
    const perPart = this.setup.maxPartBytes - MAX_SNAPSHOT_OVERHEAD;
    return MAX_SNAPSHOT_OVERHEAD * Math.max(1, Math.ceil(budget / perPart));
  }

  /** Drops the views the client can no longer hold as a baseline or predictor: those before `keepFrom`, or too old. */
  private forgetBefore(keepFrom: number, tick: number): void {
    const oldest = Math.max(keepFrom, tick - this.setup.historyTicks);
    for (const sent of this.views.keys()) if (sent < oldest) this.views.delete(sent);
  }
}
