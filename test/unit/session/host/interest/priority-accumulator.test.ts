/**
 * The priority accumulator and the budget fill together, as a client's stream uses them once per
 * snapshot: nothing starves under any budget, and what is left out climbs until it goes.
 */
import { describe, expect, it } from 'vitest';
import { fillBudget, Rank, type BudgetItem } from '../../../../../engine/src/session/host/interest/budget-fill.js';
import { MIN_PRIORITY, PriorityAccumulator } from '../../../../../engine/src/session/host/interest/priority-accumulator.js';

interface Entity {
  readonly id: number;
  readonly bytes: number;
  readonly priority: number;
}

/** Plays `snapshots` fills of `entities` that all need an update every time; returns the longest wait of each. */
function play(entities: readonly Entity[], budget: (snapshot: number) => number, snapshots: number): Map<number, number> {
  const accumulator = new PriorityAccumulator();
  const lastSent = new Map(entities.map((e) => [e.id, -1]));
  const longest = new Map(entities.map((e) => [e.id, 0]));
  for (let s = 0; s < snapshots; s++) {
    const items: BudgetItem[] = entities.map((e) => ({ id: e.id, bytes: e.bytes, rank: Rank.waiting, priority: accumulator.add(e.id, e.priority) }));
    for (const item of fillBudget(items, budget(s))) {
      accumulator.sent(item.id);
      longest.set(item.id, Math.max(longest.get(item.id)!, s - lastSent.get(item.id)!));
      lastSent.set(item.id, s);
    }
  }
  for (const e of entities) longest.set(e.id, Math.max(longest.get(e.id)!, snapshots - lastSent.get(e.id)!));
  return longest;
}

function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

describe('priority accumulator', () => {
  it('adds up what is left out, counts a priority of 0 as the minimum, and starts again when sent', () => {
    const accumulator = new PriorityAccumulator();
    expect(accumulator.add(1, 0.5)).toBe(0.5);
    expect(accumulator.add(1, 0.5)).toBe(1);
    expect(accumulator.add(2, 0)).toBe(MIN_PRIORITY);
    expect(accumulator.add(2, -3)).toBe(2 * MIN_PRIORITY);
    accumulator.sent(1);
    expect(accumulator.total(1)).toBe(0);
    accumulator.retain((id) => id !== 2);
    expect(accumulator.size).toBe(0);
  });

  it('starves nothing: under any budget that holds the largest record, every entity is sent within a bounded number of snapshots', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const rand = random(seed);
      const entities = Array.from({ length: 60 }, (_, i): Entity => ({ id: i + 1, bytes: 3 + Math.floor(rand() * 14), priority: 0.1 + rand() * 0.9 }));
      const largest = Math.max(...entities.map((e) => e.bytes));
      // From one record a snapshot to all of them, changing every snapshot.
      const longest = play(entities, () => largest + Math.floor(rand() * 400), 2000);
      // Priorities span a factor of 10 and at least one entity goes per snapshot: 60 × 10 bounds every wait.
      for (const [id, wait] of longest) expect(wait, `entity ${id}, seed ${seed}`).toBeLessThanOrEqual(600);
      // With room for one record only, each still goes: the longest wait is far from the bound.
      const tight = play(entities, () => largest, 3000);
      expect(Math.max(...tight.values())).toBeLessThan(600);
    }
  });

  it('sends higher priorities more often, in proportion, and serves equal priorities in turn', () => {
    const entities: Entity[] = [
      { id: 1, bytes: 10, priority: 1 },
      { id: 2, bytes: 10, priority: 1 },
      { id: 3, bytes: 10, priority: 0.25 },
    ];
    const accumulator = new PriorityAccumulator();
    const sends = new Map<number, number>();
    for (let s = 0; s < 900; s++) {
      const items = entities.map((e) => ({ id: e.id, bytes: e.bytes, rank: Rank.waiting, priority: accumulator.add(e.id, e.priority) }));
      for (const item of fillBudget(items, 10)) {
        accumulator.sent(item.id);
        sends.set(item.id, (sends.get(item.id) ?? 0) + 1);
      }
    }
    expect(sends.get(1)).toBeGreaterThan(350);
    expect(Math.abs(sends.get(1)! - sends.get(2)!)).toBeLessThanOrEqual(1);
    expect(sends.get(3)).toBeGreaterThanOrEqual(90); // a quarter of the priority still goes, about a ninth of the time
    expect(sends.get(3)).toBeLessThan(sends.get(1)! / 2);
  });

  it('takes what must go, then fills by priority, passing a large record over for smaller ones except the one that waited longest', () => {
    const items: BudgetItem[] = [
      { id: 1, bytes: 8, rank: Rank.waiting, priority: 5 },
      { id: 2, bytes: 3, rank: Rank.waiting, priority: 4 },
      { id: 3, bytes: 4, rank: Rank.inFlight, priority: 0.1 },
      { id: 4, bytes: 2, rank: Rank.removal, priority: 0 },
      { id: 5, bytes: 5, rank: Rank.own, priority: 0.1 },
      { id: 6, bytes: 2, rank: Rank.inFlight, priority: 9 },
    ];
    expect(fillBudget([...items], 100).map((i) => i.id)).toEqual([4, 5, 6, 3, 1, 2]);
    // 2 + 5 + 2 + 4 = 13; the waiting entity 1 (8 bytes) does not fit in 5 left: nothing waiting jumps it.
    expect(fillBudget([...items], 18).map((i) => i.id)).toEqual([4, 5, 6, 3]);
    // What must go goes even past the budget: the encoded snapshot is trimmed afterwards.
    expect(fillBudget([...items], 10).map((i) => i.id)).toEqual([4, 5, 6, 3]);
    expect(fillBudget([...items], 0).map((i) => i.id)).toEqual([4, 5, 6, 3]);
    expect(fillBudget([...items], 21).map((i) => i.id)).toEqual([4, 5, 6, 3, 1]);
    // Below the first waiting one, a smaller record takes the space a larger one leaves.
    const waiting: BudgetItem[] = [
      { id: 1, bytes: 3, rank: Rank.waiting, priority: 5 },
      { id: 2, bytes: 9, rank: Rank.waiting, priority: 4 },
      { id: 3, bytes: 4, rank: Rank.waiting, priority: 3 },
    ];
    expect(fillBudget(waiting, 8).map((i) => i.id)).toEqual([1, 3]);
  });
});
