/**
 * A uniform grid of square cells over the world, for "which entities are within r of this point"
 * without looking at every entity: the spatial hash of Mirror's interest management. Each entity
 * sits in the cell its position falls in and moves between cells as it moves; a query visits the
 * cells the circle's bounding square touches and keeps the entities whose exact distance is at most
 * the radius (on the edge counts as in).
 *
 * With the cell as large as the radius a query touches 3 × 3 or 4 × 4 cells. Cell coordinates are
 * clamped to ±2^25, which only makes far-out cells shared, never a query wrong; a query that would
 * touch more cells than there are entities looks at the entities instead.
 */
import type { WorldPoint } from './interest-options.js';

const CELL_LIMIT = 2 ** 25;

interface Placed {
  x: number;
  y: number;
  cell: number;
}

function cellCoordinate(value: number, cellSize: number): number {
  return Math.max(-CELL_LIMIT, Math.min(CELL_LIMIT - 1, Math.floor(value / cellSize)));
}

function cellKey(cx: number, cy: number): number {
  return (cx + CELL_LIMIT) * 2 ** 26 + (cy + CELL_LIMIT);
}

export class SpatialGrid {
  private readonly cells = new Map<number, Set<number>>();
  private readonly placed = new Map<number, Placed>();

  constructor(readonly cellSize: number) {}

  /** Entities in the grid. */
  get size(): number {
    return this.placed.size;
  }

  /** Puts `id` at `point`, moving it from its old cell when it changed cells. */
  set(id: number, point: WorldPoint): void {
    const cell = cellKey(cellCoordinate(point.x, this.cellSize), cellCoordinate(point.y, this.cellSize));
    const was = this.placed.get(id);
    if (was) {
      was.x = point.x;
      was.y = point.y;
      if (was.cell === cell) return;
      this.leaveCell(id, was.cell);
      was.cell = cell;
    } else {
      this.placed.set(id, { x: point.x, y: point.y, cell });
    }
    let members = this.cells.get(cell);
    if (!members) {
      members = new Set();
      this.cells.set(cell, members);
    }
    members.add(id);
  }

  /** Takes `id` out of the grid. */
  delete(id: number): void {
    const was = this.placed.get(id);
    if (!was) return;
    this.placed.delete(id);
    this.leaveCell(id, was.cell);
  }

  /** Every id in the grid. */
  ids(): IterableIterator<number> {
    return this.placed.keys();
  }

  /** Calls `visit` for every entity at most `radius` from `centre`. */
  query(centre: WorldPoint, radius: number, visit: (id: number) => void): void {
    const r2 = radius * radius;
    const near = (p: Placed) => {
      const dx = p.x - centre.x;
      const dy = p.y - centre.y;
      return dx * dx + dy * dy <= r2;
    };
    const x0 = cellCoordinate(centre.x - radius, this.cellSize);
    const x1 = cellCoordinate(centre.x + radius, this.cellSize);
    const y0 = cellCoordinate(centre.y - radius, this.cellSize);
    const y1 = cellCoordinate(centre.y + radius, this.cellSize);
    if ((x1 - x0 + 1) * (y1 - y0 + 1) > this.placed.size) {
      for (const [id, p] of this.placed) if (near(p)) visit(id);
      return;
    }
    for (let cx = x0; cx <= x1; cx++) {
      for (let cy = y0; cy <= y1; cy++) {
        const members = this.cells.get(cellKey(cx, cy));
        if (members) for (const id of members) if (near(this.placed.get(id)!)) visit(id);
      }
    }
  }

  private leaveCell(id: number, cell: number): void {
    const members = this.cells.get(cell);
    if (!members) return;
    members.delete(id);
    if (members.size === 0) this.cells.delete(cell);
  }
}
