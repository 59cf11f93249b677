/**
 * Errors, in words, over everything else. A fatal one (the game is over for this tab) offers only
 * the way back to the start screen; a warning (the broker went away mid-game) also lets the player
 * keep playing, and goes by itself once what it warned of is over (the broker is back).
 */
import { byId } from './dom.js';

export class ErrorPanel {
  private readonly root = byId('error-panel');
  private readonly message = byId('error-message');
  private readonly dismiss = byId<HTMLButtonElement>('dismiss-error');
  private fatal = false;

  constructor(backToStart: () => void) {
    byId('back-to-start').addEventListener('click', backToStart);
    this.dismiss.addEventListener('click', () => {
      this.root.hidden = true;
      this.dismiss.blur();
    });
  }

  hide(): void {
    this.root.hidden = true;
    this.fatal = false;
  }

  /** Hides the warning `message` if it is still the one shown (a fatal message stays). */
  clear(message: string): void {
    if (!this.fatal && this.message.textContent === message) this.root.hidden = true;
  }

  /** Shows `message`; a fatal message is never replaced by a later warning. */
  show(message: string, fatal: boolean): void {
    if (this.fatal && !fatal) return;
    this.fatal ||= fatal;
    this.message.textContent = message;
    this.dismiss.hidden = fatal;
    this.root.hidden = false;
  }
}
