/**
 * The keyboard, read by the page rather than by Phaser so it works the same before and after the
 * canvas exists: arrows or WASD steer, space fires, N toggles the net graph. Keys typed into a
 * text field are left alone; game keys never reach buttons (space would press one).
 */
import type { Controls } from '../net/session.js';

const MOVES: Readonly<Record<string, readonly [number, number]>> = {
  ArrowLeft: [-1, 0],
  KeyA: [-1, 0],
  ArrowRight: [1, 0],
  KeyD: [1, 0],
  ArrowUp: [0, -1],
  KeyW: [0, -1],
  ArrowDown: [0, 1],
  KeyS: [0, 1],
};

function typing(target: EventTarget | null): boolean {
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

export class Keyboard {
  private readonly held = new Set<string>();
  private readonly stop: () => void;

  /** `onChange` runs when the controls change; `onToggleNetGraph` on N. */
  constructor(onChange: () => void, onToggleNetGraph: () => void) {
    const down = (event: KeyboardEvent) => {
      if (typing(event.target)) return;
      if (event.code === 'KeyN' && !event.repeat) onToggleNetGraph();
      if (!(event.code in MOVES) && event.code !== 'Space') return;
      event.preventDefault();
      if (this.held.has(event.code)) return;
      this.held.add(event.code);
      onChange();
    };
    const up = (event: KeyboardEvent) => {
      if (!this.held.delete(event.code)) return;
      event.preventDefault();
      onChange();
    };
    const blur = () => {
      this.held.clear();
      onChange();
    };
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    window.addEventListener('blur', blur);
    this.stop = () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
      window.removeEventListener('blur', blur);
    };
  }

  /** The controls the held keys give. */
  controls(): Controls {
    let dx = 0;
    let dy = 0;
    for (const code of this.held) {
      const move = MOVES[code];
      if (!move) continue;
      dx += move[0];
      dy += move[1];
    }
    return { dx: Math.sign(dx), dy: Math.sign(dy), fire: this.held.has('Space') };
  }

  dispose(): void {
    this.stop();
  }
}
