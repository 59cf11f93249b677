/** Colours of the arena: one per player (by id), and the level's own. */
const PLAYER_COLORS = [0x4fc3f7, 0xff8a65, 0xaed581, 0xf06292, 0xffd54f, 0xba68c8, 0x4db6ac, 0xe57373] as const;

/** A player's colour as a number for Phaser. */
export function playerColor(id: number): number {
  return PLAYER_COLORS[id % PLAYER_COLORS.length]!;
}

/** A player's colour as CSS. */
export function playerCss(id: number): string {
  return `#${playerColor(id).toString(16).padStart(6, '0')}`;
}

export const COLORS = {
  background: 0x0d1220,
  grid: 0x16203a,
  wall: 0x2c3a5e,
  wallEdge: 0x5a6fa8,
  repair: 0x66e08a,
  rapid: 0xffd54f,
  text: '#e4e8f0',
} as const;
