/**
 * The Phaser scene: the arena's walls drawn once, then every frame the ships, shots and pickups of
 * the frame the page hands over, name tags over the ships, a small scoreboard and banners. Drawing
 * uses Graphics and Text only, which both of Phaser 4's renderers (WebGL and Canvas) support.
 */
import Phaser from 'phaser';
import { ARENA_HEIGHT, ARENA_WIDTH, PICKUP_SPOTS, WALLS } from '../sim/level.js';
import { PICKUP_RADIUS, SHIP_HP, SHIP_RADIUS, SHOT_RADIUS } from '../sim/rules.js';
import type { Frame } from '../net/session.js';
import { arenaView, type PickupView, type ShipView } from './arena-view.js';
import { COLORS, playerColor } from './palette.js';

/** What the scene needs from the page each frame. */
export interface SceneFrame {
  readonly frame: Frame;
  readonly localId: number | undefined;
  readonly names: ReadonlyMap<number, string>;
  readonly tickRate: number;
  /** A line across the top of the arena (e.g. "waiting for the host"), if any. */
  readonly banner: string | undefined;
  /** The players speaking now: a ring around each one's ship. */
  readonly speaking?: ReadonlySet<number>;
}

/** The ring around the ship of a player who is speaking. */
const SPEAKING_RING = 0xfff59d;

const TEXT_STYLE = { fontFamily: 'system-ui, sans-serif', fontSize: '13px', color: COLORS.text } as const;

export class ArenaScene extends Phaser.Scene {
  private g!: Phaser.GameObjects.Graphics;
  private readonly tags = new Map<number, Phaser.GameObjects.Text>();
  private scoreboard!: Phaser.GameObjects.Text;
  private banner!: Phaser.GameObjects.Text;

  constructor(private readonly source: () => SceneFrame | undefined) {
    super('arena');
  }

  create(): void {
    const level = this.add.graphics();
    level.lineStyle(1, COLORS.grid, 1);
    for (let x = 0; x <= ARENA_WIDTH; x += 40) level.lineBetween(x, 0, x, ARENA_HEIGHT);
    for (let y = 0; y <= ARENA_HEIGHT; y += 40) level.lineBetween(0, y, ARENA_WIDTH, y);
    for (const wall of WALLS) {
      level.fillStyle(COLORS.wall, 1).fillRect(wall.x, wall.y, wall.w, wall.h);
      level.lineStyle(2, COLORS.wallEdge, 1).strokeRect(wall.x, wall.y, wall.w, wall.h);
    }
    level.lineStyle(3, COLORS.wallEdge, 1).strokeRect(1, 1, ARENA_WIDTH - 2, ARENA_HEIGHT - 2);
    this.g = this.add.graphics();
    this.scoreboard = this.add.text(ARENA_WIDTH - 12, 10, '', { ...TEXT_STYLE, align: 'right' }).setOrigin(1, 0);
    this.banner = this.add.text(ARENA_WIDTH / 2, 14, '', { ...TEXT_STYLE, fontSize: '18px', backgroundColor: '#000000aa', padding: { x: 10, y: 6 } }).setOrigin(0.5, 0);
  }

  override update(): void {
    const s = this.source();
    this.g.clear();
    const view = arenaView(s?.frame.entities ?? []);
    const tick = s?.frame.tick ?? 0;
    for (const pickup of view.pickups) this.drawPickup(pickup, tick);
    for (const shot of view.shots) {
      this.g.fillStyle(playerColor(shot.owner), 1).fillCircle(shot.x, shot.y, SHOT_RADIUS);
      this.g.fillStyle(0xffffff, 0.9).fillCircle(shot.x, shot.y, SHOT_RADIUS / 2);
    }
    for (const ship of view.ships) this.drawShip(ship, ship.id === s?.localId, tick);
    for (const ship of view.ships) if (ship.hp > 0 && s?.speaking?.has(ship.id)) this.g.lineStyle(3, SPEAKING_RING, 0.9).strokeCircle(ship.x, ship.y, SHIP_RADIUS + 16);
    this.updateTags(view.ships, s);
    this.scoreboard.setText(view.ships.map((ship) => `${s?.names.get(ship.id) ?? `player ${ship.id}`}  ${ship.score} hits · ${ship.deaths} down`).join('\n'));
    const local = view.ships.find((ship) => ship.id === s?.localId);
    const respawnIn = local && local.hp === 0 && s ? Math.max(0, (local.respawnTick - tick) / s.tickRate) : undefined;
    const line = respawnIn !== undefined ? `Destroyed: back in ${respawnIn.toFixed(1)} s` : s?.banner;
    this.banner.setText(line ?? '').setVisible(line !== undefined);
  }

  private drawShip(ship: ShipView, local: boolean, tick: number): void {
    const color = playerColor(ship.id);
    if (ship.hp === 0) {
      this.g.lineStyle(2, color, 0.35);
      this.g.lineBetween(ship.x - 8, ship.y - 8, ship.x + 8, ship.y + 8).lineBetween(ship.x - 8, ship.y + 8, ship.x + 8, ship.y - 8);
      return;
    }
    const point = (turn: number, r: number): [number, number] => [ship.x + Math.cos(ship.angle + turn) * r, ship.y + Math.sin(ship.angle + turn) * r];
    const [ax, ay] = point(0, SHIP_RADIUS + 6);
    const [bx, by] = point(2.45, SHIP_RADIUS);
    const [cx, cy] = point(-2.45, SHIP_RADIUS);
    if (tick < ship.rapidUntil) this.g.lineStyle(3, COLORS.rapid, 0.7).strokeCircle(ship.x, ship.y, SHIP_RADIUS + 8);
    this.g.fillStyle(color, 1).fillTriangle(ax, ay, bx, by, cx, cy);
    this.g.lineStyle(2, 0xffffff, local ? 0.9 : 0.25).strokeTriangle(ax, ay, bx, by, cx, cy);
    if (local) this.g.lineStyle(1, 0xffffff, 0.5).strokeCircle(ship.x, ship.y, SHIP_RADIUS + 12);
    for (let i = 0; i < SHIP_HP; i++) {
      this.g.fillStyle(i < ship.hp ? 0x66e08a : 0x553333, 1).fillRect(ship.x - 13 + i * 9, ship.y + SHIP_RADIUS + 8, 8, 3);
    }
  }

  private drawPickup(pickup: PickupView, tick: number): void {
    const spot = PICKUP_SPOTS[pickup.spot];
    if (!spot) return;
    const color = spot.kind === 'repair' ? COLORS.repair : COLORS.rapid;
    if (tick < pickup.readyTick) {
      this.g.lineStyle(1, color, 0.3).strokeCircle(spot.x, spot.y, PICKUP_RADIUS);
      return;
    }
    this.g.fillStyle(color, 0.25).fillCircle(spot.x, spot.y, PICKUP_RADIUS + 4);
    if (spot.kind === 'repair') {
      this.g.fillStyle(color, 1).fillRect(spot.x - 3, spot.y - 9, 6, 18).fillRect(spot.x - 9, spot.y - 3, 18, 6);
    } else {
      this.g.fillStyle(color, 1).fillTriangle(spot.x + 3, spot.y - 11, spot.x - 6, spot.y + 2, spot.x + 1, spot.y + 2);
      this.g.fillTriangle(spot.x - 3, spot.y + 11, spot.x + 6, spot.y - 2, spot.x - 1, spot.y - 2);
    }
  }

  private updateTags(ships: readonly ShipView[], s: SceneFrame | undefined): void {
    const seen = new Set<number>();
    for (const ship of ships) {
      seen.add(ship.id);
      let tag = this.tags.get(ship.id);
      if (!tag) {
        tag = this.add.text(0, 0, '', TEXT_STYLE).setOrigin(0.5, 1);
        this.tags.set(ship.id, tag);
      }
      const name = s?.names.get(ship.id) ?? `player ${ship.id}`;
      tag.setText(ship.id === s?.localId ? `${name} (you)` : name).setPosition(ship.x, ship.y - SHIP_RADIUS - 10).setAlpha(ship.hp > 0 ? 1 : 0.4);
    }
    for (const [id, tag] of this.tags) {
      if (seen.has(id)) continue;
      tag.destroy();
      this.tags.delete(id);
    }
  }
}
