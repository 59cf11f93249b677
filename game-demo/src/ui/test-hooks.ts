/**
 * `window.tickwireDemo`: read-only state for tests (and the curious, from the console). Every call
 * reads the game afresh: who this tab is, every ship as this tab draws it, and the net figures.
 */
import type { HiddenTicks } from '../net/hidden-meter.js';
import type { NetFigures } from '../net/session.js';
import type { Ship } from '../sim/state.js';

/** A ship as this tab draws it now (velocity in units per second: 0 and 0 at rest). */
export type DemoPlayer = Pick<Ship, 'id' | 'x' | 'y' | 'vx' | 'vy' | 'angle' | 'hp' | 'score' | 'deaths'> & { readonly name: string };

/** A shot as this tab draws it now. */
export interface DemoShot {
  readonly id: number;
  readonly owner: number;
  readonly x: number;
  readonly y: number;
}

/** Which screen the page shows. */
export type DemoScreen = 'start' | 'connecting' | 'lobby' | 'playing' | 'ended';

export interface DemoState {
  readonly screen: DemoScreen;
  readonly isHost: boolean | undefined;
  readonly localPlayerId: number | undefined;
  readonly lobbyCode: string | undefined;
  readonly started: boolean;
  /** Everyone in the lobby (ships included only while in play). */
  readonly players: readonly DemoPlayer[];
  readonly shots: readonly DemoShot[];
  readonly stats: NetFigures | undefined;
  /** How the host ticked while this tab was hidden: so far, or over the last hidden stretch. */
  readonly hiddenTicks: HiddenTicks | undefined;
  /** Phaser's renderer: 'webgl' or 'canvas'. */
  readonly renderer: string | undefined;
}

export interface DemoHooks {
  state(): DemoState;
}

declare global {
  interface Window {
    tickwireDemo: DemoHooks;
  }
}

export function installTestHooks(state: () => DemoState): void {
  // JSON round trip: tests get plain data, never live objects they could change.
  window.tickwireDemo = Object.freeze({ state: () => JSON.parse(JSON.stringify(state())) as DemoState });
}
