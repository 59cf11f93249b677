/**
 * The benchmark scenes are seeded and deterministic: the same seed gives the same world tick for
 * tick, through the engine's quantization, and each has the shape the issue asks for.
 */
import { describe, expect, it } from 'vitest';
import type { GameSchema } from '../../../engine/src/protocol/schema.js';
import type { QuantizedSnapshot } from '../../../engine/src/protocol/snapshot.js';
import { QuantizedSim } from '../../../engine/src/session/quantized-sim.js';
import { ARENA_PROJECTILES, ARENA_SHIPS, arena16 } from '../../bench/scenes/arena-16.js';
import { BODY_COUNT, bodies901, movingBodies } from '../../bench/scenes/bodies-901.js';
import { sceneByName, SCENE_NAMES } from '../../bench/scenes/index.js';
import type { BenchScene } from '../../bench/scenes/scene.js';

/** The quantized snapshots of `ticks` host ticks, every player steered by the scene's bot. */
function play<State, Schema extends GameSchema>(scene: BenchScene<State, Schema>, ticks: number, players: number[]): { snapshots: QuantizedSnapshot[]; states: State[] } {
  const sim = new QuantizedSim(scene.simulation, scene.tickRate);
  let state = scene.simulation.initialState();
  const snapshots: QuantizedSnapshot[] = [];
  const states: State[] = [];
  for (let tick = 1; tick <= ticks; tick++) {
    const inputs = new Map(players.map((p) => [p, scene.botInput(p, tick / scene.tickRate)]));
    const next = sim.step(state, inputs, { tick, authoritative: true, viewTick: () => tick - 1, rewindFor: () => undefined, rewind: () => undefined });
    state = next.state;
    snapshots.push(next.snapshot);
    states.push(state);
  }
  return { snapshots, states };
}

const plain = (s: QuantizedSnapshot) => [...s].map(([id, e]) => [id, e.type, ...e.values]);

describe('benchmark scenes', () => {
  it('are listed by name and refuse unknown names', () => {
    expect(SCENE_NAMES).toEqual(['arena-16', 'bodies-901']);
    expect(sceneByName('arena-16', 1).name).toBe('arena-16');
    expect(() => sceneByName('nope', 1)).toThrow(/unknown scene "nope"; known: arena-16, bodies-901/);
  });

  it('arena-16: 16 ships and 64 projectiles that spawn and expire, the same for the same seed', () => {
    const scene = arena16(7);
    expect([scene.tickRate, scene.snapshotRate, scene.clients, scene.entityCount]).toEqual([60, 30, 16, 80]);
    const a = play(scene, 240, [1, 2, 3]);
    const b = play(arena16(7), 240, [1, 2, 3]);
    expect(a.snapshots.map(plain)).toEqual(b.snapshots.map(plain));
    expect(play(arena16(8), 240, [1, 2, 3]).snapshots.at(-1)!.size).toBe(80);
    expect(plain(play(arena16(8), 240, []).snapshots.at(-1)!)).not.toEqual(plain(a.snapshots.at(-1)!));
    const last = a.snapshots.at(-1)!;
    const types = [...last.values()].map((e) => e.type);
    expect(types.filter((t) => t === 1).length).toBe(ARENA_SHIPS); // 'ship' sorts after 'projectile'
    expect(types.filter((t) => t === 0).length).toBe(ARENA_PROJECTILES);
    // Four seconds in, every projectile of the first tick has expired and been replaced.
    const firstIds = new Set([...a.snapshots[0]!.keys()].filter((id) => id >= 100));
    expect([...last.keys()].filter((id) => firstIds.has(id))).toEqual([]);
    // Ships keep moving: every ship changed position since the previous snapshot.
    const previous = a.snapshots.at(-3)!;
    for (let id = 1; id <= ARENA_SHIPS; id++) expect(last.get(id)!.values).not.toEqual(previous.get(id)!.values);
  });

  it('bodies-901: 901 cubes, about one in ten moving, the resting ones exactly still', () => {
    const scene = bodies901(3);
    expect([scene.tickRate, scene.snapshotRate, scene.clients, scene.entityCount]).toEqual([60, 60, 1, BODY_COUNT]);
    const run = play(scene, 600, [1]);
    expect(plain(run.snapshots.at(-1)!)).toEqual(plain(play(bodies901(3), 600, [1]).snapshots.at(-1)!));
    expect(run.snapshots.at(-1)!.size).toBe(901);
    const moving = run.states.slice(300).map(movingBodies);
    const average = moving.reduce((a, b) => a + b, 0) / moving.length;
    expect(average).toBeGreaterThan(45);
    expect(average).toBeLessThan(135);
    // A body that rests keeps its quantized values bit for bit, so the host never resends it.
    const [before, after] = [run.snapshots.at(-2)!, run.snapshots.at(-1)!];
    const resting = run.states.at(-1)!.bodies.filter((b) => b.resting && run.states.at(-2)!.bodies[b.id]!.resting);
    expect(resting.length).toBeGreaterThan(700);
    for (const body of resting) expect(after.get(body.id)!.values).toEqual(before.get(body.id)!.values);
  });
});
