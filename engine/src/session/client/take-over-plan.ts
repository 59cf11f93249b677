/**
 * How an heir carries the game on (host migration): from the host's newest checkpoint, moved up to
 * the newest complete snapshot since whose ledger it holds. The entities come from that snapshot;
 * everything they do not carry, from the checkpoint (`fromEntities` copies it from `previous`); and
 * each player's count of reliable messages the game has seen, from that tick's ledger, so that a
 * client sends again exactly the messages the game has not seen. Without such a snapshot the
 * checkpoint is used as it is.
 */
import type { GameFence } from '../game-fence.js';
import { loadedState } from '../migration/saved-state.js';
import type { TakeOver } from '../migration/take-over.js';
import type { AnySimulation, PlayerId } from '../simulation.js';
import type { HeirState } from './heir-state.js';

export interface PlanContext<State> {
  readonly simulation: AnySimulation<State>;
  readonly fence: GameFence;
  readonly heir: HeirState;
  /** Every player in the game as this client knows it. */
  readonly players: readonly PlayerId[];
  /** This client's player: the new host's own. */
  readonly me: { readonly playerId: PlayerId; readonly name: string };
  /** This client's reliable game messages after the first `seen`, encoded; undefined when not all are kept. */
  readonly sentAfter: (seen: number) => readonly Uint8Array[] | undefined;
  /** The newest complete snapshot `usable` accepts, newer than `floor`, built on `previous`. */
  readonly newestState: (usable: (tick: number) => boolean, floor: number, previous: State) => { readonly tick: number; readonly state: State } | undefined;
}

/** The takeover, or undefined when this client has no checkpoint (or the game could not load it). */
export function takeOverPlan<State>(ctx: PlanContext<State>): TakeOver<State> | undefined {
  const checkpoint = ctx.heir.checkpoint;
  if (!checkpoint) return undefined;
  const saved = ctx.fence.run(checkpoint.tick, 'loadState', () => loadedState(ctx.simulation, checkpoint.state), undefined);
  if (saved === undefined) return undefined;
  const newer = ctx.fence.run(checkpoint.tick, 'fromEntities', () => ctx.newestState((tick) => ctx.heir.ledgerAt(tick) !== undefined, checkpoint.tick, saved), undefined);
  const ledger = newer ? ctx.heir.ledgerAt(newer.tick) : undefined;
  const seats = checkpoint.seats
    .filter((seat) => seat.playerId !== ctx.me.playerId)
    .map((seat) => ({ ...seat, received: ledger?.get(seat.playerId) ?? seat.received }));
  const mine = checkpoint.seats.find((seat) => seat.playerId === ctx.me.playerId);
  const seen = ledger?.get(ctx.me.playerId) ?? mine?.received ?? 0;
  const seated = new Set([ctx.me.playerId, ...seats.map((seat) => seat.playerId)]);
  if (checkpoint.hostPlayerId !== undefined) seated.add(checkpoint.hostPlayerId);
  return {
    unseated: ctx.players.filter((id) => !seated.has(id)),
    ownMessages: ctx.sentAfter(seen) ?? [],
    tick: newer?.tick ?? checkpoint.tick,
    state: newer?.state ?? saved,
    hostPlayer: ctx.me,
    formerHostPlayerId: checkpoint.hostPlayerId,
    seats,
  };
}
