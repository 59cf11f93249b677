/** The spatial grid on its own: who is within a radius, at the edge, and as entities cross cells. */
import { describe, expect, it } from 'vitest';
import { SpatialGrid } from '../../../../../engine/src/session/host/interest/spatial-grid.js';

function near(grid: SpatialGrid, x: number, y: number, radius: number): number[] {
  const ids: number[] = [];
  grid.query({ x, y }, radius, (id) => ids.push(id));
  return ids.sort((a, b) => a - b);
}

describe('SpatialGrid', () => {
  it('finds what is within the radius, the edge included, and nothing beyond it', () => {
    const grid = new SpatialGrid(100);
    grid.set(1, { x: 0, y: 0 });
    grid.set(2, { x: 100, y: 0 }); // exactly on the edge of a radius of 100
    grid.set(3, { x: 100.001, y: 0 }); // just beyond it
    grid.set(4, { x: 60, y: 80 }); // on the edge diagonally (3-4-5)
    grid.set(5, { x: -71, y: -71 }); // 100.4 away
    expect(near(grid, 0, 0, 100)).toEqual([1, 2, 4]);
    expect(near(grid, 0, 0, 99.99)).toEqual([1]);
    expect(near(grid, 50, 0, 50)).toEqual([1, 2]);
  });

  it('follows an entity as it moves across cells, and forgets what is deleted', () => {
    const grid = new SpatialGrid(50);
    grid.set(7, { x: 10, y: 10 });
    grid.set(8, { x: 400, y: 400 });
    expect(near(grid, 0, 0, 30)).toEqual([7]);
    for (let x = 10; x <= 400; x += 13) {
      grid.set(7, { x, y: 10 });
      expect(near(grid, x, 10, 1)).toEqual([7]);
      expect(near(grid, 0, 0, 30)).toEqual(x <= 30 ? [7] : []);
    }
    grid.set(7, { x: -1000, y: -1000 }); // a negative cell
    expect(near(grid, -1000, -1000, 0)).toEqual([7]);
    expect(grid.size).toBe(2);
    grid.delete(7);
    grid.delete(99);
    expect(near(grid, -1000, -1000, 5000)).toEqual([8]);
    expect([...grid.ids()]).toEqual([8]);
  });

  it('answers a radius far larger than its cells, and points far outside any world', () => {
    const grid = new SpatialGrid(1);
    for (let i = 0; i < 20; i++) grid.set(i, { x: i * 1000, y: -i * 1000 });
    grid.set(100, { x: 1e15, y: 1e15 });
    expect(near(grid, 0, 0, 5000)).toEqual([0, 1, 2, 3]);
    expect(near(grid, 1e15, 1e15, 1)).toEqual([100]);
    expect(near(grid, 0, 0, 1e16)).toHaveLength(21);
  });

  it('agrees with a brute-force search for random points and queries', () => {
    const grid = new SpatialGrid(37);
    const points = new Map<number, { x: number; y: number }>();
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 1000 - 500;
    for (let round = 0; round < 200; round++) {
      const id = round % 60;
      const point = { x: rand(), y: rand() };
      points.set(id, point);
      grid.set(id, point);
      const [cx, cy, r] = [rand(), rand(), Math.abs(rand()) / 4];
      const expected = [...points].filter(([, p]) => (p.x - cx) ** 2 + (p.y - cy) ** 2 <= r * r).map(([i]) => i);
      expect(near(grid, cx, cy, r)).toEqual(expected.sort((a, b) => a - b));
    }
  });
});
